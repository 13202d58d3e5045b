import type {
  AnnotatedTextEdit,
  SnippetTextEdit,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from "vscode-languageserver";
import { snippetToPlainText } from "../engine/snippet";
import type { TextEdit } from "../engine/types";
import type { ClientFeatures } from "./context";

/**
 * Builds the workspace edit for edits of one document. Snippet text becomes an LSP 3.18
 * `SnippetTextEdit` when the client announced support for it, and plain text with each
 * placeholder's default otherwise.
 */
export function buildWorkspaceEdit(
  uri: string,
  version: number,
  edits: TextEdit[],
  snippet: boolean,
  client: ClientFeatures,
): WorkspaceEdit {
  const useSnippets = snippet && client.snippetEdits && client.documentChanges;

  if (useSnippets) {
    const snippetEdits: (LspTextEdit | AnnotatedTextEdit | SnippetTextEdit)[] = edits.map(
      (edit) => ({ range: edit.range, snippet: { kind: "snippet", value: edit.newText } }),
    );
    return { documentChanges: [{ textDocument: { uri, version }, edits: snippetEdits }] };
  }

  const plain = edits.map((edit) => ({
    range: edit.range,
    newText: snippet ? snippetToPlainText(edit.newText) : edit.newText,
  }));
  if (client.documentChanges) {
    return { documentChanges: [{ textDocument: { uri, version }, edits: plain }] };
  }
  return { changes: { [uri]: plain } };
}
