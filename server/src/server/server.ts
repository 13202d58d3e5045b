import { TextDocuments, type Connection } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { AnalysisService } from "./analysis-service";
import type { ClientFeatures, ServerContext } from "./context";
import { resolveConfig } from "../engine/config";
import { handleCodeAction } from "./handlers/code-action";
import {
  handleDidChangeConfiguration,
  handleDidChangeWatchedFiles,
  handleWorkspaceFoldersChanged,
  registerConfigFileWatcher,
} from "./handlers/configuration";
import { registerContextBuilderHandlers } from "./handlers/context-builder";
import { handleExecuteCommand } from "./handlers/execute-command";
import { handleInitialize, SERVER_INFO } from "./handlers/initialize";
import { handleListRules } from "./handlers/list-rules";
import { handleWorkspaceTrustGranted } from "./handlers/workspace-trust";
import { LIST_RULES_REQUEST, WORKSPACE_TRUST_GRANTED_NOTIFICATION } from "./protocol";
import { SettingsStore } from "./settings";

/**
 * Wires a connection to the handlers and starts listening. Used by the bundled server
 * (`dist/server/server.js`) and by `kms-context-guard --stdio`; the connection decides the
 * transport. Returns the context so features added later can register on the same pieces.
 */
export function startServer(connection: Connection): ServerContext {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsStore(connection);
  const analyses = new AnalysisService(connection, documents, settings);
  const client: ClientFeatures = {
    snippetEdits: false,
    documentChanges: false,
    showDocument: false,
  };
  const context: ServerContext = { connection, documents, settings, analyses, client };

  let workspaceFolderUris: string[] = [];
  let canRegisterWatchers = false;
  let canWatchFolders = false;

  connection.onInitialize((params) => {
    workspaceFolderUris = params.workspaceFolders?.map((folder) => folder.uri) ?? [];
    canRegisterWatchers =
      params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canWatchFolders = params.capabilities.workspace?.workspaceFolders === true;
    return handleInitialize(params, settings, client);
  });

  connection.onInitialized(() => {
    connection.console.info(`${SERVER_INFO.name} ${SERVER_INFO.version} started`);
    if (canRegisterWatchers) {
      void registerConfigFileWatcher(context);
    }
    if (canWatchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        workspaceFolderUris = handleWorkspaceFoldersChanged(context, event, workspaceFolderUris);
      });
    }
  });

  documents.onDidOpen((event) => analyses.schedule(event.document, 0));
  documents.onDidChangeContent((event) => analyses.schedule(event.document));
  documents.onDidClose((event) => analyses.close(event.document.uri));

  connection.onDidChangeConfiguration((params) => handleDidChangeConfiguration(context, params));
  connection.onDidChangeWatchedFiles((params) => handleDidChangeWatchedFiles(context, params));
  connection.onCodeAction((params) => handleCodeAction(context, params));
  connection.onExecuteCommand((params) => handleExecuteCommand(context, params));
  connection.onRequest(LIST_RULES_REQUEST, () => handleListRules());
  connection.onNotification(WORKSPACE_TRUST_GRANTED_NOTIFICATION, () =>
    handleWorkspaceTrustGranted(context),
  );
  registerContextBuilderHandlers(connection, {
    documents,
    configFor: (uri) => (uri ? settings.configFor(uri) : resolveConfig()),
  });

  documents.listen(connection);
  connection.listen();
  return context;
}
