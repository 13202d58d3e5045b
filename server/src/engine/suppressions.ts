import type { ResolvedConfig, IgnoreEntry } from "./config";
import { matchGlob, normaliseGlobPath } from "./glob";
import type { AnalyzedDocument } from "./rule-context";
import type { DocumentKind, Finding } from "./types";

/**
 * Suppressions: disable comments in TS/JS (`//`) and YAML (`#`), and the config file's
 * `ignore` list for every kind of file (the only way to silence JSON, which has no comments).
 *
 * ```ts
 * // kms-context-guard-disable-next-line KMS001, KMS004 -- the context is added by a wrapper
 * // kms-context-guard-disable KMS004 -- at the top of a file: the whole file
 * ```
 *
 * A directive without codes silences every code. A directive without a reason still silences;
 * editors find it with `findSuppressionDirectives` and offer to add one.
 *
 * Statement-narrowed `ignore` entries (`"statement": "Sid or index"`) match findings whose
 * `Finding.data` carries the statement as `{ statementIndex: number, sid?: string }`, which
 * every policy rule puts there for findings about one statement (see `PolicyStatement.index`
 * and `PolicyStatement.sid` in policy/model.ts).
 */

/** One `kms-context-guard-disable…` comment. */
export interface SuppressionDirective {
  /** `next-line` silences the following line; `file` silences the whole document. */
  scope: "next-line" | "file";
  /** Zero-based line of the comment. */
  line: number;
  /** Codes named, upper-cased; empty means every code. */
  codes: string[];
  /** The text after ` -- `, trimmed; undefined when there is none or it is empty. */
  reason?: string;
  /** Offset just after the codes (trailing spaces excluded): where ` -- reason` goes. */
  reasonInsertOffset: number;
  /** Offsets of the whole comment, from its marker to the end of the line. */
  start: number;
  end: number;
}

/** The markers that start a line comment, per document kind; JSON has none. */
const COMMENT_MARKERS: Record<DocumentKind, string | undefined> = {
  typescript: "//",
  javascript: "//",
  yaml: "#",
  json: undefined,
};

/** The comment marker for disable comments in documents of `kind`, if they can have any. */
export function commentMarkerFor(kind: DocumentKind): string | undefined {
  return COMMENT_MARKERS[kind];
}

const DIRECTIVE = /^(\s*)(\/\/|#)[ \t]*kms-context-guard-(disable-next-line|disable)(?![\w-])(.*)$/;
const CODE_TOKEN = /^KMS\d{3}$/i;

/**
 * Finds every disable comment of a document. File-wide directives count only in the leading
 * block of comments (after an optional shebang or YAML document marker), where readers look
 * for them; one further down is ignored rather than silently disabling the whole file.
 */
export function findSuppressionDirectives(
  text: string,
  kind: DocumentKind,
): SuppressionDirective[] {
  const marker = COMMENT_MARKERS[kind];
  if (!marker) {
    return [];
  }

  const directives: SuppressionDirective[] = [];
  const header = new HeaderTracker(kind);
  let lineStart = 0;
  let line = 0;

  while (lineStart <= text.length) {
    const lineEnd = findLineEnd(text, lineStart);
    const lineText = text.slice(lineStart, lineEnd);
    const inHeader = header.accept(lineText, line);
    const directive = parseDirective(lineText, marker, line, lineStart);
    if (directive && (directive.scope === "next-line" || inHeader)) {
      directives.push(directive);
    }

    const next = skipLineBreak(text, lineEnd);
    if (next === lineEnd) {
      break;
    }
    lineStart = next;
    line++;
  }

  return directives;
}

/** Removes findings silenced by disable comments or by the config file's `ignore` list. */
export function applySuppressions(
  findings: Finding[],
  document: AnalyzedDocument,
  config: ResolvedConfig,
): Finding[] {
  if (findings.length === 0) {
    return findings;
  }

  const directives = findSuppressionDirectives(document.text, document.kind);
  const fileCodes = directives.filter((directive) => directive.scope === "file");
  const nextLine = new Map<number, SuppressionDirective[]>();
  for (const directive of directives) {
    if (directive.scope === "next-line") {
      const list = nextLine.get(directive.line + 1) ?? [];
      list.push(directive);
      nextLine.set(directive.line + 1, list);
    }
  }
  const ignores = config.ignore.filter((entry) => ignorePathMatches(entry, document.fileName));

  return findings.filter((finding) => {
    if (fileCodes.some((directive) => directiveCovers(directive, finding.code))) {
      return false;
    }
    const onLine = nextLine.get(finding.range.start.line) ?? [];
    if (onLine.some((directive) => directiveCovers(directive, finding.code))) {
      return false;
    }
    return !ignores.some((entry) => ignoreEntryCovers(entry, finding));
  });
}

/** True when the `ignore` entry's glob matches `fileName`. */
export function ignorePathMatches(entry: IgnoreEntry, fileName: string): boolean {
  const file = normaliseGlobPath(fileName);
  const absolute = fileName.replace(/\\/g, "/");
  if (entry.base) {
    const base = entry.base.replace(/\\/g, "/").replace(/\/+$/, "") + "/";
    if (absolute.startsWith(base)) {
      return matchGlob(entry.path, absolute.slice(base.length));
    }
  }

  // Without a base (or for a file outside it) any trailing run of segments may match, so
  // `policies/*.json` matches `/home/me/project/policies/key.json`.
  const segments = file.split("/");
  for (let first = 0; first < segments.length; first++) {
    if (matchGlob(entry.path, segments.slice(first).join("/"))) {
      return true;
    }
  }
  return false;
}

function ignoreEntryCovers(entry: IgnoreEntry, finding: Finding): boolean {
  if (entry.codes && entry.codes.length > 0 && !entry.codes.includes(finding.code)) {
    return false;
  }
  if (entry.statement === undefined) {
    return true;
  }

  const statementIndex = finding.data?.statementIndex;
  const sid = finding.data?.sid;
  if (typeof sid === "string" && sid === entry.statement) {
    return true;
  }
  return typeof statementIndex === "number" && String(statementIndex) === entry.statement.trim();
}

function directiveCovers(directive: SuppressionDirective, code: string): boolean {
  return directive.codes.length === 0 || directive.codes.includes(code);
}

function parseDirective(
  lineText: string,
  marker: string,
  line: number,
  lineStart: number,
): SuppressionDirective | undefined {
  const match = DIRECTIVE.exec(lineText);
  if (!match || match[2] !== marker) {
    return undefined;
  }

  const [, indent, , kind, rest] = match;
  const restStart = lineText.length - rest.length;
  const separator = rest.indexOf("--");
  const codesPart = separator >= 0 ? rest.slice(0, separator) : rest;
  const reason = separator >= 0 ? rest.slice(separator + 2).trim() : "";
  const codes = codesPart
    .split(/[\s,]+/)
    .filter((token) => CODE_TOKEN.test(token))
    .map((token) => token.toUpperCase());

  return {
    scope: kind === "disable-next-line" ? "next-line" : "file",
    line,
    codes,
    reason: reason.length > 0 ? reason : undefined,
    reasonInsertOffset: lineStart + restStart + codesPart.trimEnd().length,
    start: lineStart + indent.length,
    end: lineStart + lineText.length,
  };
}

/**
 * Tracks whether we are still in a document's leading comments. Block comments in TS/JS are
 * followed to their end so a licence header does not end the header early.
 */
class HeaderTracker {
  private open = true;
  private inBlockComment = false;

  constructor(private readonly kind: DocumentKind) {}

  accept(lineText: string, line: number): boolean {
    if (!this.open) {
      return false;
    }
    const trimmed = lineText.trim();
    if (this.inBlockComment) {
      this.inBlockComment = !trimmed.includes("*/");
      return true;
    }
    if (trimmed === "" || (line === 0 && trimmed.startsWith("#!"))) {
      return true;
    }
    if (this.kind === "yaml") {
      this.open = trimmed.startsWith("#") || trimmed === "---" || trimmed.startsWith("%");
      return this.open;
    }
    if (trimmed.startsWith("//")) {
      return true;
    }
    if (trimmed.startsWith("/*")) {
      this.inBlockComment = !trimmed.slice(2).includes("*/");
      return true;
    }
    this.open = false;
    return false;
  }
}

function findLineEnd(text: string, from: number): number {
  for (let offset = from; offset < text.length; offset++) {
    const char = text.charCodeAt(offset);
    if (char === 10 || char === 13) {
      return offset;
    }
  }
  return text.length;
}

function skipLineBreak(text: string, lineEnd: number): number {
  if (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10) {
    return lineEnd + 2;
  }
  if (text.charCodeAt(lineEnd) === 13 || text.charCodeAt(lineEnd) === 10) {
    return lineEnd + 1;
  }
  return lineEnd;
}
