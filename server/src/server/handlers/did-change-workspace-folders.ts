import type { WorkspaceFoldersChangeEvent } from "vscode-languageserver";
import type { ServerContext } from "../context";
import { uriToPath } from "../settings";

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
  const folders = [
    ...current.filter((uri) => !removed.has(uri)),
    ...event.added.map((folder) => folder.uri),
  ];
  context.settings.setWorkspaceFolders(
    folders.map(uriToPath).filter((folder): folder is string => folder !== undefined),
  );
  context.analyses.scheduleAll();
  return folders;
}
