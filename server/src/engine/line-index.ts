import type { Position, Range } from "./types";

/**
 * Converts between string offsets and line/column positions in one text.
 *
 * Line starts are computed once, so every conversion is a binary search; rules convert many
 * offsets per document and must stay linear in the size of the file.
 */
export class LineIndex {
  /** Line start offsets; a typed array keeps a large document's table off the collected heap. */
  private readonly lineStarts: Uint32Array;

  constructor(private readonly text: string) {
    this.lineStarts = text.includes("\r") ? anyBreakLineStarts(text) : lineFeedLineStarts(text);
  }

  /** Number of lines, counting a last line without a line break. */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    // A NaN or fractional offset from a buggy caller must still give a valid position.
    const whole = Number.isFinite(offset) ? Math.floor(offset) : offset > 0 ? this.text.length : 0;
    const clamped = Math.max(0, Math.min(whole, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= clamped) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) {
      return 0;
    }
    if (position.line >= this.lineStarts.length) {
      return this.text.length;
    }
    const lineStart = this.lineStarts[position.line];
    const nextLineStart =
      position.line + 1 < this.lineStarts.length
        ? this.lineStarts[position.line + 1]
        : this.text.length;
    return Math.min(lineStart + Math.max(0, position.character), nextLineStart);
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** The offset where `line` starts. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }
}

/**
 * Line starts of a text whose only line breaks are line feeds: the common case, found natively
 * by `indexOf` and counted first so the table is allocated once at its final size.
 */
function lineFeedLineStarts(text: string): Uint32Array {
  let count = 1;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) {
    count++;
  }
  const starts = new Uint32Array(count);
  let line = 1;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) {
    starts[line++] = at + 1;
  }
  return starts;
}

/** Line starts after CRLF, CR or LF breaks. */
function anyBreakLineStarts(text: string): Uint32Array {
  const starts = [0];
  for (let offset = 0; offset < text.length; offset++) {
    const char = text.charCodeAt(offset);
    if (char === 13 /* \r */) {
      if (text.charCodeAt(offset + 1) === 10 /* \n */) {
        offset++;
      }
      starts.push(offset + 1);
    } else if (char === 10 /* \n */) {
      starts.push(offset + 1);
    }
  }
  return Uint32Array.from(starts);
}
