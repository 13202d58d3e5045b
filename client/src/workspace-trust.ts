import * as vscode from "vscode";
import type { BaseLanguageClient } from "vscode-languageclient";
import { WORKSPACE_TRUST_GRANTED_NOTIFICATION } from "../../server/src/server/protocol";

/**
 * Tells the language server whether the workspace is trusted. In an untrusted workspace the
 * server runs in restricted mode: the built-in rules still run, but patterns, paths and limits
 * from the workspace (its settings and `.kms-context-guard.json`) are ignored. VS Code itself
 * withholds the workspace values of the settings the manifest lists under
 * `capabilities.untrustedWorkspaces.restrictedConfigurations`; the config file is ours to
 * restrict, which is why the server needs to know.
 */

/** The part of `initializationOptions` that carries the trust state at start-up. */
export interface WorkspaceTrustOptions {
  workspaceTrusted: boolean;
}

/**
 * The trust state to send in `initializationOptions`. Read at each (re)start of the server, so a
 * restart after trust was granted starts unrestricted.
 */
export function workspaceTrustOptions(): WorkspaceTrustOptions {
  return { workspaceTrusted: vscode.workspace.isTrusted };
}

/** Forwards a later grant of trust to the server, which then reloads its configuration. */
export function forwardWorkspaceTrust(client: BaseLanguageClient): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(() => {
    if (client.isRunning()) {
      void client.sendNotification(WORKSPACE_TRUST_GRANTED_NOTIFICATION);
    }
  });
}
