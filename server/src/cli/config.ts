import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_FILE_NAME, parseConfigFile, type ConfigProblem } from "../engine/config-file";
import type { UserConfig } from "../engine/config";

/** The configuration the CLI found, or why it could not use it. */
export type LoadedConfig =
  { config: UserConfig; file?: string; warnings: string[] } | { error: string };

/**
 * Reads `--config FILE`, or else the nearest `.kms-context-guard.json` from the current
 * directory up to the project root (the first folder holding `.git` or `package.json`).
 * A config file that is not valid JSON is a usage error; invalid values only warn.
 */
export function loadCliConfig(cwd: string, explicit?: string): LoadedConfig {
  const file = explicit ? path.resolve(cwd, explicit) : findConfigFile(cwd);
  if (!file) {
    return { config: {}, warnings: [] };
  }

  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return { error: `cannot read the config file ${explicit ?? file}` };
  }

  const { config, problems } = parseConfigFile(text, path.dirname(file));
  const shown = path.relative(cwd, file) || file;
  const describe = (problem: ConfigProblem) => {
    const where = problem.position
      ? `:${problem.position.line + 1}:${problem.position.character + 1}`
      : "";
    return `${shown}${where}: ${problem.message}`;
  };

  const errors = problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) {
    return { error: errors.map(describe).join("\n") };
  }
  return { config, file, warnings: problems.map(describe) };
}

function findConfigFile(cwd: string): string | undefined {
  let directory = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(directory, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) {
      return candidate;
    }
    const isProjectRoot =
      fs.existsSync(path.join(directory, ".git")) ||
      fs.existsSync(path.join(directory, "package.json"));
    const parent = path.dirname(directory);
    if (isProjectRoot || parent === directory) {
      return undefined;
    }
    directory = parent;
  }
}
