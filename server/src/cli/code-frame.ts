import { redactSensitiveText } from "../engine/redact";
import type { Range } from "../engine/types";

/** Lines of context shown above and below the finding. */
const CONTEXT_LINES = 1;
/** Longer lines (minified code) are cut to a window around the finding. */
const MAX_LINE_WIDTH = 160;

/** Styling hooks so the frame can be coloured without knowing about terminals. */
export interface FrameStyle {
  marker(text: string): string;
  gutter(text: string): string;
}

/**
 * Renders the lines around `range` with a `>` on the first line of the finding and carets under
 * it, in the manner of ESLint's and ruff's code frames. Only the first line of a multi-line
 * range is underlined, to the end of that line.
 */
export function renderCodeFrame(text: string, range: Range, style: FrameStyle): string {
  const lines = text.split(/\r\n|\r|\n/);
  const first = Math.max(0, range.start.line - CONTEXT_LINES);
  const last = Math.min(lines.length - 1, range.start.line + CONTEXT_LINES);
  const gutterWidth = String(last + 1).length;

  const output: string[] = [];
  for (let line = first; line <= last; line++) {
    const isFindingLine = line === range.start.line;
    // The frame quotes the user's file: sensitive-looking literals in it are masked like the
    // messages are, keeping their length so the carets still line up.
    const source = redactSensitiveText(lines[line]);
    const windowStart = isFindingLine
      ? windowStartFor(source, range.start.character)
      : windowStartFor(source, lines[range.start.line]?.length ?? 0);
    const shown = cut(source, windowStart);
    const number = String(line + 1).padStart(gutterWidth);
    const prefix = isFindingLine ? style.marker(">") : " ";
    output.push(`${prefix} ${style.gutter(`${number} |`)}${shown ? ` ${shown}` : ""}`);

    if (isFindingLine) {
      const startColumn = range.start.character;
      const endColumn =
        range.end.line === range.start.line
          ? range.end.character
          : Math.max(source.length, startColumn + 1);
      const visibleStart = Math.max(startColumn - windowStart, 0) + (windowStart > 0 ? 1 : 0);
      const width = Math.max(1, Math.min(endColumn, windowStart + MAX_LINE_WIDTH) - startColumn);
      // Keep tabs in the padding so the carets line up with tab-indented code.
      const padding = shown.slice(0, visibleStart).replace(/[^\t]/g, " ");
      output.push(
        `  ${style.gutter(`${" ".repeat(gutterWidth)} |`)} ${padding}${style.marker("^".repeat(width))}`,
      );
    }
  }
  return output.join("\n");
}

function windowStartFor(source: string, column: number): number {
  if (source.length <= MAX_LINE_WIDTH || column < MAX_LINE_WIDTH - 40) {
    return 0;
  }
  return Math.max(0, column - 40);
}

function cut(source: string, windowStart: number): string {
  const trimmedEnd = source.trimEnd();
  if (trimmedEnd.length <= MAX_LINE_WIDTH && windowStart === 0) {
    return trimmedEnd;
  }
  const slice = trimmedEnd.slice(windowStart, windowStart + MAX_LINE_WIDTH);
  return `${windowStart > 0 ? "…" : ""}${slice}${windowStart + MAX_LINE_WIDTH < trimmedEnd.length ? "…" : ""}`;
}
