import { MarkupKind, type Hover, type HoverParams } from "vscode-languageserver";
import { detectDocumentKind } from "../../engine/document-kind";
import { LineIndex } from "../../engine/line-index";
import { extractPolicyModel } from "../../engine/policy/extract";
import { policyHoverAt } from "../../engine/policy/hover";
import type { ServerContext } from "../context";
import { uriToPath } from "../settings";

/**
 * `textDocument/hover`: explains the KMS condition key or condition operator under the cursor
 * in a policy (JSON, YAML template or CDK statement). Other positions get no hover.
 */
export function handleHover(context: ServerContext, params: HoverParams): Hover | null {
  const document = context.documents.get(params.textDocument.uri);
  if (!document) {
    return null;
  }
  const text = document.getText();
  const fileName = uriToPath(document.uri) ?? document.uri;
  const kind = detectDocumentKind(fileName, text, document.languageId);
  if (!kind) {
    return null;
  }

  const lines = new LineIndex(text);
  const model = extractPolicyModel({ fileName, text, kind, lines }, { warn: () => undefined });
  const hover = policyHoverAt(
    model,
    document.offsetAt(params.position),
    context.analyses.workspaceFacts(),
  );
  if (!hover) {
    return null;
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: hover.markdown },
    range: lines.rangeOf(hover.start, hover.end),
  };
}
