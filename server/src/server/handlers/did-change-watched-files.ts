import {
  DidChangeWatchedFilesNotification,
  type DidChangeWatchedFilesParams,
} from "vscode-languageserver";
import { CONFIG_FILE_NAME } from "../../engine/config-file";
import type { ServerContext } from "../context";

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
 * Asks clients that support dynamic registration to watch the config file for the server,
 * VS Code's client included, so every editor reloads the file the same way.
 */
export async function registerConfigFileWatcher(context: ServerContext): Promise<void> {
  await context.connection.client.register(DidChangeWatchedFilesNotification.type, {
    watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }],
  });
}
