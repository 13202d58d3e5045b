import { LineIndex } from "../engine/line-index";
import {
  commentMarkerFor,
  findSuppressionDirectives,
  type SuppressionDirective,
} from "../engine/suppressions";
import type { DocumentKind, TextEdit } from "../engine/types";

/** The snippet placeholder a new disable comment gets for its reason. */
const REASON_PLACEHOLDER = "${1:reason}";

/**
 * The edit that silences `code` on `line`: a `disable-next-line` comment above it, indented
 * like the line, or the code appended to the comment already there. The edit's text is snippet
 * text (the reason is a placeholder). Undefined for documents without comments (JSON).
 */
export function disableForLineEdit(
  text: string,
  kind: DocumentKind,
  line: number,
  code: string,
): TextEdit | undefined {
  const marker = commentMarkerFor(kind);
  if (!marker) {
    return undefined;
  }
  const lines = new LineIndex(text);

  const existing = findSuppressionDirectives(text, kind).find(
    (directive) => directive.scope === "next-line" && directive.line === line - 1,
  );
  if (existing && existing.codes.length > 0) {
    const position = lines.positionAt(existing.reasonInsertOffset);
    return { range: { start: position, end: position }, newText: `, ${code}` };
  }

  const lineStart = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 256))?.[0] ?? "";
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  const position = lines.positionAt(lineStart);
  return {
    range: { start: position, end: position },
    newText: `${indent}${marker} kms-context-guard-disable-next-line ${code} -- ${REASON_PLACEHOLDER}${newline}`,
  };
}

/** Disable comments of the document on lines `startLine..endLine` that give no reason. */
export function directivesWithoutReason(
  text: string,
  kind: DocumentKind,
  startLine: number,
  endLine: number,
): SuppressionDirective[] {
  return findSuppressionDirectives(text, kind).filter(
    (directive) =>
      directive.reason === undefined && directive.line >= startLine && directive.line <= endLine,
  );
}

/** The snippet edit that gives `directive` a ` -- reason` (replacing a dangling `--`). */
export function addReasonEdit(text: string, directive: SuppressionDirective): TextEdit {
  const lines = new LineIndex(text);
  return {
    range: lines.rangeOf(directive.reasonInsertOffset, directive.end),
    newText: ` -- ${REASON_PLACEHOLDER}`,
  };
}
