import { TextDocuments, type Connection } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { AnalysisService } from "./analysis-service";
import type { ClientFeatures, ServerContext } from "./context";
import { resolveConfig } from "../engine/config";
import { handleCodeAction } from "./handlers/code-action";
import { handleCompletion } from "./handlers/completion";
import { handleDidChangeConfiguration } from "./handlers/did-change-configuration";
import {
  handleDidChangeWatchedFiles,
  registerConfigFileWatcher,
} from "./handlers/did-change-watched-files";
import { handleWorkspaceFoldersChanged } from "./handlers/did-change-workspace-folders";
import { registerContextBuilderHandlers } from "./handlers/context-builder";
import { handleExecuteCommand } from "./handlers/execute-command";
import { handleHover } from "./handlers/hover";
import { handleInitialize, SERVER_INFO } from "./handlers/initialize";
import { handleListRules } from "./handlers/list-rules";
import { handleWorkspaceTrustGranted } from "./handlers/workspace-trust";
import { LIST_RULES_REQUEST, WORKSPACE_TRUST_GRANTED_NOTIFICATION } from "./protocol";
import { SettingsStore, uriToPath } from "./settings";
import { CONTEXT_MAP_REQUEST } from "../shared/protocol";
import { IdleCollector } from "./idle-collector";
import { handleContextMap } from "./workspace-context-map";
import { WorkspaceIndexService } from "./workspace-index-service";

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
  const workspace = new WorkspaceIndexService(context);
  analyses.workspaceFacts = () => workspace.facts();
  const collector = new IdleCollector();
  analyses.onQueueEmpty = () => collector.workDone();

  let workspaceFolderUris: string[] = [];
  const folderPaths = () =>
    workspaceFolderUris.map(uriToPath).filter((folder): folder is string => folder !== undefined);
  const indexFolders = () =>
    void workspace.indexFolders(folderPaths()).then(() => collector.workDone());
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
      void workspace.registerWatchers();
    }
    indexFolders();
    if (canWatchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        workspaceFolderUris = handleWorkspaceFoldersChanged(context, event, workspaceFolderUris);
        indexFolders();
      });
    }
  });

  documents.onDidOpen((event) => analyses.schedule(event.document));
  documents.onDidChangeContent((event) => analyses.schedule(event.document));
  documents.onDidClose((event) => {
    analyses.close(event.document.uri);
    void workspace.documentClosed(event.document.uri);
  });

  connection.onDidChangeConfiguration((params) => {
    workspace.configurationChanged();
    handleDidChangeConfiguration(context, params);
  });
  connection.onDidChangeWatchedFiles((params) => {
    handleDidChangeWatchedFiles(context, params);
    void workspace.handleWatchedFiles(params);
  });
  connection.onRequest(CONTEXT_MAP_REQUEST, () => handleContextMap(workspace));
  connection.onCodeAction((params) => handleCodeAction(context, params));
  connection.onExecuteCommand((params) => handleExecuteCommand(context, params));
  connection.onHover((params) => handleHover(context, params));
  connection.onCompletion((params) => handleCompletion(context, params));
  connection.onRequest(LIST_RULES_REQUEST, () => handleListRules());
  connection.onNotification(WORKSPACE_TRUST_GRANTED_NOTIFICATION, () =>
    handleWorkspaceTrustGranted(context),
  );
  registerContextBuilderHandlers(connection, {
    documents,
    configFor: (uri) => (uri ? settings.configFor(uri) : resolveConfig()),
    workspaceFacts: () => workspace.facts(),
  });

  documents.listen(connection);
  connection.listen();
  return context;
}
