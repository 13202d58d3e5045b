/** One replacement in a document, by string offsets (the engine's convention for edits). */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Applies offset edits that do not overlap, in any order. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

/**
 * The one edit that turns `before` into `after`: everything between their common prefix and
 * common suffix. Several library edits become a single undoable change this way.
 */
export function singleEditBetween(before: string, after: string): OffsetEdit {
  let prefix = 0;
  const limit = Math.min(before.length, after.length);
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) {
    prefix++;
  }
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  return {
    start: prefix,
    end: before.length - suffix,
    newText: after.slice(prefix, after.length - suffix),
  };
}

/** The run of spaces and tabs at the start of the line holding `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? "";
}

/** The document's line break, so inserted lines match it. */
export function detectEol(text: string): "\n" | "\r\n" {
  const firstBreak = text.indexOf("\n");
  return firstBreak > 0 && text[firstBreak - 1] === "\r" ? "\r\n" : "\n";
}

/**
 * The document's indentation unit: a tab when lines are indented with tabs, otherwise the
 * smallest indentation step of 2 or more spaces found (4 is common in JSON, 2 in YAML and TS).
 */
export function detectIndentUnit(text: string, fallback = "  "): string {
  let tabs = 0;
  const widths = new Map<number, number>();
  let previous = 0;
  for (const line of text.slice(0, 200_000).split(/\r?\n/)) {
    if (line.trim() === "") {
      continue;
    }
    if (line.startsWith("\t")) {
      tabs++;
      continue;
    }
    const width = /^ */.exec(line)![0].length;
    const step = Math.abs(width - previous);
    if (step >= 2 && step <= 8) {
      widths.set(step, (widths.get(step) ?? 0) + 1);
    }
    previous = width;
  }
  const spaces = [...widths.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  if (tabs > 0 && tabs >= (spaces?.[1] ?? 0)) {
    return "\t";
  }
  return spaces ? " ".repeat(spaces[0]) : fallback;
}
