import type { ExecuteCommandParams } from "vscode-languageserver";
import { ruleByCode } from "../../rules/registry";
import { ruleDocsUrl } from "../../rules/links";
import type { ServerContext } from "../context";
import { SHOW_RULE_DOCS_COMMAND } from "../protocol";

/**
 * `workspace/executeCommand`: `kms-context-guard.showRuleDocs [code, url]` asks the client to
 * open the rule's page in a browser. Only the registry's URL for a known code is opened, so a
 * crafted command cannot make the editor open an arbitrary address.
 */
export async function handleExecuteCommand(
  context: ServerContext,
  params: ExecuteCommandParams,
): Promise<void> {
  if (params.command !== SHOW_RULE_DOCS_COMMAND) {
    return;
  }

  const code = String(params.arguments?.[0] ?? "");
  const rule = ruleByCode(code);
  if (!rule) {
    context.connection.console.warn(`No rule ${JSON.stringify(code.slice(0, 16))} to document`);
    return;
  }

  const url = ruleDocsUrl(rule.meta.name);
  if (!context.client.showDocument) {
    context.connection.console.info(`Documentation for ${code}: ${url}`);
    return;
  }
  await context.connection.window.showDocument({ uri: url, external: true });
}
