import * as fs from "node:fs";
import * as path from "node:path";

/** Folders never walked into: dependencies, VCS data and build output. */
export const SKIPPED_DIRECTORIES = new Set([
  "node_modules",
  ".git",
  "dist",
  "out",
  "cdk.out",
  "coverage",
]);

/** File extensions picked up when walking a directory. */
export const WALKED_EXTENSIONS = new Set([
  ".ts",
  ".tsx",
  ".mts",
  ".cts",
  ".js",
  ".jsx",
  ".mjs",
  ".cjs",
  ".json",
  ".yaml",
  ".yml",
  ".template",
]);

/** The files to analyse and the paths that do not exist. */
export interface WalkResult {
  files: string[];
  missing: string[];
}

/**
 * Expands the command line's paths into absolute file names, sorted within each directory so
 * the output is stable. Explicit files are kept whatever their extension; symbolic links to
 * directories are not followed, which rules out cycles.
 */
export function collectFiles(paths: readonly string[], cwd: string): WalkResult {
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };

  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      missing.push(given);
      continue;
    }
    if (stat.isDirectory()) {
      walkDirectory(absolute, add);
    } else {
      add(absolute);
    }
  }

  return { files, missing };
}

function walkDirectory(directory: string, add: (file: string) => void): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) {
        walkDirectory(full, add);
      }
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      if (WALKED_EXTENSIONS.has(path.extname(entry.name).toLowerCase()) && isFile(full)) {
        add(full);
      }
    }
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
