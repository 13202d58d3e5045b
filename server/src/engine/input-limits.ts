/**
 * Cheap checks that decide whether a document is worth parsing at all. They run before any
 * parser so that a huge or binary file costs one linear scan, never a parse.
 */

/**
 * The UTF-8 size of `text` in bytes. With `stopAfter`, counting stops as soon as the size is
 * known to pass it, so a 50 MB string is not walked to the end just to learn that it is over a
 * 2 MB limit; the result is then only "more than `stopAfter`".
 */
export function utf8ByteLength(text: string, stopAfter = Number.POSITIVE_INFINITY): number {
  let bytes = 0;
  for (let index = 0; index < text.length && bytes <= stopAfter; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) {
      bytes += 1;
    } else if (unit < 0x800) {
      bytes += 2;
    } else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      // A surrogate pair is one code point of four bytes.
      bytes += 4;
      index++;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

/** True when `text` takes more than `limit` bytes in UTF-8, usually without counting them. */
export function isLargerThan(text: string, limit: number): boolean {
  // Every UTF-16 unit takes one to three bytes (a surrogate pair two units, four bytes).
  if (text.length > limit) {
    return true;
  }
  if (text.length * 3 <= limit) {
    return false;
  }
  return utf8ByteLength(text, limit) > limit;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * Why `text` should not be analysed, or undefined when it may be. The reasons are short
 * phrases shown after `skipped:` in logs, the CLI's stderr and the editor's status item.
 */
export function skipReason(text: string, maxFileSize: number): string | undefined {
  if (isLargerThan(text, maxFileSize)) {
    return `larger than the ${maxFileSize}-byte limit (maxFileSize)`;
  }
  if (text.includes("\u0000")) {
    return "binary content (NUL bytes)";
  }
  return undefined;
}
