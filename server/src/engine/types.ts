/**
 * Core value types shared by the engine, the rules, the language server and the CLI.
 *
 * Positions are zero-based and count UTF-16 code units, the same convention as JavaScript
 * strings and the Language Server Protocol, so the server can pass them through unchanged.
 */

/** A rule code such as `KMS001` or `KMS101`. */
export type RuleCode = `KMS${number}`;

/** How loudly a finding is reported. `off` exists only in configuration. */
export type Severity = "error" | "warning" | "information" | "hint";

/** A severity as written in configuration, where a rule can also be switched off. */
export type ConfiguredSeverity = Severity | "off";

/** A zero-based line and UTF-16 column. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range: `end` points just past the last character. */
export interface Range {
  start: Position;
  end: Position;
}

/** One replacement of the text in `range` by `newText`. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * A fix the user can apply. Edits of one fix never overlap and are all against the same
 * document the finding belongs to.
 */
export interface Fix {
  /** Short imperative title without the product prefix, e.g. `Add an EncryptionContext`. */
  title: string;
  edits: TextEdit[];
  /**
   * When true, `newText` of the edits uses snippet syntax (`${1:placeholder}`) so an editor that
   * supports snippet edits can put the cursor on the placeholder. Consumers without snippet
   * support must turn the text into plain text with `snippetToPlainText` first.
   */
  snippet?: boolean;
  /** The fix the editor should offer first. */
  isPreferred?: boolean;
}

/** A secondary location that explains a finding, e.g. the encrypt call a decrypt mismatches. */
export interface RelatedLocation {
  /** File name of the related location; omitted when it is the finding's own document. */
  fileName?: string;
  range: Range;
  message: string;
}

/** One problem found in one document. */
export interface Finding {
  code: RuleCode;
  /** The rule's stable kebab-case name, e.g. `missing-encryption-context`. */
  name: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  related?: RelatedLocation[];
  /** Rule-specific facts that later requests (code actions, the builder) may need. */
  data?: Record<string, unknown>;
}

/** Which parser a document goes to. */
export type DocumentKind = "typescript" | "javascript" | "json" | "yaml";

/** A document handed to the engine: text plus the name it is known by. */
export interface DocumentInput {
  fileName: string;
  text: string;
  /** An editor language id, when known; it wins over the file extension. */
  languageId?: string;
}

/** Receives the engine's one-line notes about skipped input and failing rules. */
export interface EngineLogger {
  warn(message: string): void;
}
