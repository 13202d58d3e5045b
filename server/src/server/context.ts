import type { Connection, TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { AnalysisService } from "./analysis-service";
import type { SettingsStore } from "./settings";

/** What the client said it can do at `initialize`, reduced to what the handlers ask. */
export interface ClientFeatures {
  /** `workspace.workspaceEdit.snippetEditSupport` (LSP 3.18 `SnippetTextEdit`). */
  snippetEdits: boolean;
  /** `workspace.workspaceEdit.documentChanges`. */
  documentChanges: boolean;
  /** `window.showDocument.support`. */
  showDocument: boolean;
  /** The client's own "open rule documentation" command, if it named one. */
  openRuleDocsCommand?: string;
}

/** The pieces every handler may use; created once by `startServer`. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  analyses: AnalysisService;
  client: ClientFeatures;
}
