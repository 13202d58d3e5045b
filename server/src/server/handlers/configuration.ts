import {
  DidChangeWatchedFilesNotification,
  type DidChangeConfigurationParams,
  type DidChangeWatchedFilesParams,
  type WorkspaceFoldersChangeEvent,
} from "vscode-languageserver";
import { CONFIG_FILE_NAME } from "../../engine/config-file";
import type { ServerContext } from "../context";
import { uriToPath } from "../settings";

/** `workspace/didChangeConfiguration`: drop cached editor settings and analyse again. */
export function handleDidChangeConfiguration(
  context: ServerContext,
  params: DidChangeConfigurationParams,
): void {
  context.settings.editorSettingsChanged(params.settings);
  context.analyses.scheduleAll();
}

/** `workspace/didChangeWatchedFiles`: a config file changed, so read it again. */
export function handleDidChangeWatchedFiles(
  context: ServerContext,
  params: DidChangeWatchedFilesParams,
): void {
  if (params.changes.some((change) => change.uri.endsWith(`/${CONFIG_FILE_NAME}`))) {
    context.connection.console.info(`${CONFIG_FILE_NAME} changed; analysing open documents again`);
    context.settings.configFilesChanged();
    context.analyses.scheduleAll();
  }
}

/**
 * `workspace/didChangeWorkspaceFolders`: config files are looked up per folder. Returns the new
 * list of folder URIs.
 */
export function handleWorkspaceFoldersChanged(
  context: ServerContext,
  event: WorkspaceFoldersChangeEvent,
  current: string[],
): string[] {
  const removed = new Set(event.removed.map((folder) => folder.uri));
  const folders = [...current.filter((uri) => !removed.has(uri)), ...event.added.map((f) => f.uri)];
  context.settings.setWorkspaceFolders(
    folders.map(uriToPath).filter((folder): folder is string => folder !== undefined),
  );
  context.analyses.scheduleAll();
  return folders;
}

/**
 * Asks clients that support dynamic registration to watch the config file for the server;
 * VS Code's client included, so every editor reloads the file the same way.
 */
export async function registerConfigFileWatcher(context: ServerContext): Promise<void> {
  await context.connection.client.register(DidChangeWatchedFilesNotification.type, {
    watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }],
  });
}
