import * as vscode from "vscode";
import { State, type LanguageClient } from "vscode-languageclient/node";
import {
  DOCUMENT_SKIPPED_NOTIFICATION,
  type DocumentSkippedParams,
} from "../../server/src/server/protocol";
import { createLanguageClient } from "./client";
import { registerBuildContextCommand } from "./commands/build-context";
import { openRuleDocs } from "./commands/open-rule-docs";
import { restartServer } from "./commands/restart-server";
import { registerContextMap } from "./context-map/context-map-view";
import { ServerStatus } from "./status";
import { forwardWorkspaceTrust } from "./workspace-trust";

let client: LanguageClient | undefined;

/** Starts the language client, the status item and the commands. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel("KMS Context Guard", { log: true });
  const status = new ServerStatus();
  client = createLanguageClient(context, log);
  const languageClient = client;

  context.subscriptions.push(
    log,
    status,
    languageClient.onDidChangeState((event) => {
      status.setState(
        event.newState === State.Running
          ? "running"
          : event.newState === State.Starting
            ? "starting"
            : "stopped",
      );
    }),
    vscode.commands.registerCommand("kmsContextGuard.restartServer", () =>
      restartServer(languageClient),
    ),
    vscode.commands.registerCommand(
      "kmsContextGuard.openRuleDocs",
      (code?: unknown, url?: unknown) => openRuleDocs(languageClient, code, url),
    ),
    vscode.commands.registerCommand("kmsContextGuard.showLog", () => log.show(true)),
    languageClient.onNotification(DOCUMENT_SKIPPED_NOTIFICATION, (params: DocumentSkippedParams) =>
      status.setSkipped(params.uri, params.reason),
    ),
    forwardWorkspaceTrust(languageClient),
    registerBuildContextCommand(context, () => languageClient),
    registerContextMap(() => languageClient),
  );

  try {
    await languageClient.start();
  } catch (error) {
    log.error(`The language server failed to start: ${String(error)}`);
    status.setState("stopped");
  }
}

/** Stops the language server. */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
