/**
 * The engine's public surface: pure analysis with no editor or protocol dependency, shared by
 * the language server and the CLI.
 */
export { analyzeDocument, type AnalyzeOptions, type AnalysisResult } from "./analyze";
export { resolveConfig, type ResolvedConfig, type UserConfig, type IgnoreEntry } from "./config";
export { detectDocumentKind } from "./document-kind";
export { LineIndex } from "./line-index";
export type * from "./types";
export type { WorkspaceFacts, SentContextKey } from "./workspace-facts";
