import {
  CompletionItemKind,
  type CompletionItem,
  type CompletionParams,
} from "vscode-languageserver";
import { detectDocumentKind } from "../../engine/document-kind";
import { policyCompletionsAt } from "../../engine/policy/completion";
import type { ServerContext } from "../context";
import { uriToPath } from "../settings";

/** Characters that open a condition key or operator name in JSON and YAML. */
export const COMPLETION_TRIGGER_CHARACTERS = ['"', ":"];

/**
 * `textDocument/completion`: condition operators and KMS condition keys inside a policy
 * statement's `Condition` block, with the context keys the workspace's code sends first.
 */
export function handleCompletion(
  context: ServerContext,
  params: CompletionParams,
): CompletionItem[] {
  const document = context.documents.get(params.textDocument.uri);
  if (!document) {
    return [];
  }
  const text = document.getText();
  const kind = detectDocumentKind(
    uriToPath(document.uri) ?? document.uri,
    text,
    document.languageId,
  );
  if (kind !== "json" && kind !== "yaml") {
    return [];
  }

  const offset = document.offsetAt(params.position);
  const completions = policyCompletionsAt(text, kind, offset, context.analyses.workspaceFacts());
  if (!completions) {
    return [];
  }
  const range = {
    start: document.positionAt(completions.replaceStart),
    end: document.positionAt(completions.replaceEnd),
  };
  return completions.items.map((item) => ({
    label: item.label,
    kind: item.kind === "operator" ? CompletionItemKind.Operator : CompletionItemKind.Property,
    detail: item.detail,
    sortText: String(item.order).padStart(3, "0"),
    textEdit: { range, newText: item.label },
  }));
}
