import type { ResolvedConfig } from "./config";
import type { LineIndex } from "./line-index";
import type { DocumentKind, Fix, RelatedLocation, TextEdit } from "./types";
import type { WorkspaceFacts } from "./workspace-facts";

/** The document under analysis, as rules see it. */
export interface AnalyzedDocument {
  fileName: string;
  text: string;
  kind: DocumentKind;
  lines: LineIndex;
}

/** What a rule reports; the engine adds code, name and the configured severity. */
export interface ReportInput {
  start: number;
  end: number;
  message: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
  data?: Record<string, unknown>;
}

/** Handed to each rule for one document. */
export interface RuleContext {
  document: AnalyzedDocument;
  config: ResolvedConfig;
  workspace?: WorkspaceFacts;
  report(input: ReportInput): void;
  /** Builds an edit from string offsets of this document. */
  edit(start: number, end: number, newText: string): TextEdit;
}
