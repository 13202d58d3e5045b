import type { DidChangeConfigurationParams } from "vscode-languageserver";
import type { ServerContext } from "../context";

/** `workspace/didChangeConfiguration`: drop cached editor settings and analyse again. */
export function handleDidChangeConfiguration(
  context: ServerContext,
  params: DidChangeConfigurationParams,
): void {
  context.settings.editorSettingsChanged(params.settings);
  context.analyses.scheduleAll();
}
