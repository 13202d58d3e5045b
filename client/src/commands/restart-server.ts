import type { LanguageClient } from "vscode-languageclient/node";

/** `kmsContextGuard.restartServer`: restarts the language server, e.g. after it stopped. */
export async function restartServer(client: LanguageClient): Promise<void> {
  await client.restart();
}
