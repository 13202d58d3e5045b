import * as vscode from "vscode";
import {
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import type { InitializationOptions } from "../../server/src/server/protocol";
import { workspaceTrustOptions } from "./workspace-trust";

/** The languages the server analyses; `scheme: file` and unsaved documents alike. */
export const DOCUMENT_SELECTOR = [
  "typescript",
  "typescriptreact",
  "javascript",
  "javascriptreact",
  "json",
  "jsonc",
  "yaml",
].flatMap((language) => [
  { scheme: "file", language },
  { scheme: "untitled", language },
]);

/** The client's id: it is also the prefix of the `kmsContextGuard.trace.server` setting. */
export const CLIENT_ID = "kmsContextGuard";

/**
 * Creates the language client for the bundled server (`dist/server/server.js`) over Node IPC.
 * The output channel is never revealed for routine events; the status item shows health.
 */
export function createLanguageClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
): LanguageClient {
  const module = context.asAbsolutePath("dist/server/server.js");
  const serverOptions: ServerOptions = {
    // `--expose-gc` lets the server give memory back once indexing is over (IdleCollector).
    run: { module, transport: TransportKind.ipc, options: { execArgv: ["--expose-gc"] } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: ["--expose-gc", "--nolazy", "--inspect=6010"] },
    },
  };

  // A function, so each (re)start sends the workspace's trust as it is then.
  const initializationOptions = (): InitializationOptions => ({
    openRuleDocsCommand: "kmsContextGuard.openRuleDocs",
    ...workspaceTrustOptions(),
  });
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions,
  };

  return new LanguageClient(CLIENT_ID, "KMS Context Guard", serverOptions, clientOptions);
}
