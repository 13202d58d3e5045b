import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { LIST_RULES_REQUEST, type RuleSummary } from "../../../server/src/server/protocol";

/**
 * `kmsContextGuard.openRuleDocs [code, url]`: opens a rule's documentation. Code actions pass
 * the URL; from the command palette the user picks a rule from the server's list.
 */
export async function openRuleDocs(
  client: LanguageClient,
  _code?: unknown,
  url?: unknown,
): Promise<void> {
  if (typeof url === "string" && url.startsWith("https://")) {
    await vscode.env.openExternal(vscode.Uri.parse(url));
    return;
  }

  const { rules } = await client.sendRequest<{ rules: RuleSummary[] }>(LIST_RULES_REQUEST);
  const picked = await vscode.window.showQuickPick(
    rules.map((rule) => ({
      label: rule.code,
      description: rule.name,
      detail: rule.summary,
      url: rule.url,
    })),
    { placeHolder: "Open the documentation of a KMS Context Guard rule" },
  );
  if (picked) {
    await vscode.env.openExternal(vscode.Uri.parse(picked.url));
  }
}
