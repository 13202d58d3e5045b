import * as fs from "node:fs";
import * as path from "node:path";
import type { ResolvedConfig } from "../engine/config";
import type { WorkspaceFacts } from "../engine/workspace-facts";
import { ignoredByConfig, indexWorkspace } from "../engine/workspace/workspace-index";

/** Whether any of the command line's paths is a directory: only then is the workspace indexed. */
export function namesDirectory(paths: readonly string[], cwd: string): boolean {
  return paths.some((given) => {
    try {
      return fs.statSync(path.resolve(cwd, given)).isDirectory();
    } catch {
      return false;
    }
  });
}

/**
 * Indexes the files of a CLI run before any is analysed, so cross-file findings see the whole
 * tree. Files the configuration ignores, oversized and unreadable files are left out.
 */
export function indexForCli(files: readonly string[], config: ResolvedConfig): WorkspaceFacts {
  const readable = files.flatMap((fileName) => {
    if (ignoredByConfig(config, fileName)) {
      return [];
    }
    try {
      if (fs.statSync(fileName).size > config.maxFileSize) {
        return [];
      }
      return [{ fileName, text: fs.readFileSync(fileName, "utf8") }];
    } catch {
      return [];
    }
  });
  return indexWorkspace(readable, { config }).facts();
}
