import {
  CodeActionKind,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver";
import type { ClientFeatures } from "../context";
import { COMPLETION_TRIGGER_CHARACTERS } from "./completion";
import { FIX_ALL_KIND, SHOW_RULE_DOCS_COMMAND, type InitializationOptions } from "../protocol";
import { VERSION } from "../../version";
import type { SettingsStore } from "../settings";
import { uriToPath } from "../settings";

/** The server's name and version as reported in `initialize`. */
export const SERVER_INFO = { name: "kms-context-guard", version: VERSION };

/**
 * `initialize`: records the client's capabilities and workspace folders, and announces
 * incremental sync, quick fixes (plus fix-all) and the documentation command.
 */
export function handleInitialize(
  params: InitializeParams,
  settings: SettingsStore,
  client: ClientFeatures,
): InitializeResult {
  const capabilities = params.capabilities;
  const options = (params.initializationOptions ?? {}) as InitializationOptions;

  client.snippetEdits = capabilities.workspace?.workspaceEdit?.snippetEditSupport === true;
  client.documentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
  client.showDocument = capabilities.window?.showDocument?.support === true;
  if (typeof options.openRuleDocsCommand === "string") {
    client.openRuleDocsCommand = options.openRuleDocsCommand;
  }

  const folderUris = params.workspaceFolders?.map((folder) => folder.uri) ?? [];
  if (folderUris.length === 0 && params.rootUri) {
    folderUris.push(params.rootUri);
  }
  settings.initialize({
    workspaceFolders: folderUris
      .map(uriToPath)
      .filter((folder): folder is string => folder !== undefined),
    pullSettings: capabilities.workspace?.configuration === true,
    initialSettings: options.settings,
    workspaceTrusted: options.workspaceTrusted !== false,
  });

  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND],
        resolveProvider: false,
      },
      executeCommandProvider: { commands: [SHOW_RULE_DOCS_COMMAND] },
      hoverProvider: true,
      completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: SERVER_INFO,
  };
}
