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

/** The skip reason of a document over the size limit, shared with the CLI's pre-read check. */
export function sizeLimitReason(maxFileSize: number): string {
  return `larger than the ${maxFileSize}-byte limit (maxFileSize)`;
}

/**
 * Why `text` should not be analysed, or undefined when it may be. The reasons are short
 * phrases shown after `skipped:` in logs, the CLI's stderr and the editor's status item.
 */
export function skipReason(text: string, maxFileSize: number): string | undefined {
  if (isLargerThan(text, maxFileSize)) {
    return sizeLimitReason(maxFileSize);
  }
  if (text.includes("\u0000")) {
    return "binary content (NUL bytes)";
  }
  return undefined;
}

/**
 * Deepest nesting a document may have before it reaches a parser. The parsers we use recurse
 * once or more per level: TypeScript overflows the stack at about 270 nested function
 * expressions, `yaml` at about 900 flow levels, and a stack overflow inside `yaml` can abort the
 * whole Node process (V8 fails to compile a regular expression near the stack limit), which no
 * try/catch can stop. Real code and policies nest a few dozen levels, so this limit only turns
 * away files built to hurt.
 */
export const MAX_NESTING_DEPTH = 256;

/**
 * The last text measured. The server analyses each new version of a document and then updates
 * the workspace index with the same text, and both guard their parsers; for a large policy the
 * scan costs about as much as a fifth of the parse, so the second one reuses the first.
 */
let lastMeasured: { text: string; isYaml: boolean; limit: number; depth: number } | undefined;

/**
 * An upper estimate of how deeply `text` nests: brackets `{[(` (outside double-quoted strings
 * on one line), plus for YAML the indentation and the `- `/`? ` markers that open a block
 * collection on a line. It is a resource guard, not a parser: it only has to be cheap, linear
 * and never lower than the real depth for plausible input. Stops counting above `limit`.
 */
export function nestingDepth(text: string, isYaml: boolean, limit = MAX_NESTING_DEPTH): number {
  const last = lastMeasured;
  if (last && last.isYaml === isYaml && last.limit === limit && last.text === text) {
    return last.depth;
  }
  const depth = measureNestingDepth(text, isYaml, limit);
  lastMeasured = { text, isYaml, limit, depth };
  return depth;
}

function measureNestingDepth(text: string, isYaml: boolean, limit: number): number {
  let brackets = 0;
  let deepest = 0;
  let lineStart = true;
  let lineDepth = 0;

  for (let index = 0; index < text.length && deepest <= limit; index++) {
    const char = text.charCodeAt(index);
    if (char === 10 /* \n */ || char === 13 /* \r */) {
      lineStart = true;
      lineDepth = 0;
      continue;
    }
    if (isYaml && lineStart) {
      if (char === 32 /* space */ || char === 9 /* tab */) {
        lineDepth++;
        deepest = Math.max(deepest, brackets + lineDepth);
        continue;
      }
      if ((char === 45 /* - */ || char === 63) /* ? */ && isBlank(text.charCodeAt(index + 1))) {
        // `- - - x` opens a sequence per dash without any indentation.
        lineDepth += 2;
        deepest = Math.max(deepest, brackets + lineDepth);
        index++;
        continue;
      }
      lineStart = false;
    }
    if (char === 34 /* " */) {
      index = endOfQuotedString(text, index);
    } else if (char === 123 /* { */ || char === 91 /* [ */ || char === 40 /* ( */) {
      brackets++;
      deepest = Math.max(deepest, brackets + lineDepth);
    } else if (char === 125 /* } */ || char === 93 /* ] */ || char === 41 /* ) */) {
      brackets = Math.max(0, brackets - 1);
    }
  }
  return deepest;
}

function isBlank(char: number): boolean {
  return char === 32 || char === 9 || char === 10 || char === 13 || Number.isNaN(char);
}

/** The index of the quote closing the string opened at `open`, or of the line's end. */
function endOfQuotedString(text: string, open: number): number {
  for (let index = open + 1; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 92 /* \ */) {
      index++;
    } else if (char === 34 /* " */ || char === 10 || char === 13) {
      return char === 34 ? index : index - 1;
    }
  }
  return text.length;
}
