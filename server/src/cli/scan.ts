import * as fs from "node:fs";
import * as path from "node:path";
import { analyzeDocument } from "../engine/analyze";
import type { ResolvedConfig } from "../engine/config";
import { sizeLimitReason } from "../engine/input-limits";
import type { EngineLogger, Finding } from "../engine/types";
import type { WorkspaceFacts } from "../engine/workspace-facts";
import type { Rule } from "../rules/rule";

/** The findings of one file. */
export interface FileReport {
  /** The path as shown: relative to the current directory, with forward slashes. */
  file: string;
  absolute: string;
  text: string;
  findings: Finding[];
}

/** Everything one CLI run found. */
export interface ScanResult {
  /** Files with at least one finding, in walk order. */
  reports: FileReport[];
  /** Files that could not be analysed, with the reason. */
  skipped: { file: string; reason: string }[];
  /** How many files were looked at. */
  fileCount: number;
}

/** Called after each file, for the progress line. */
export type ProgressCallback = (done: number, total: number) => void;

/** Analyses every file with the engine; never throws for a bad file. */
export function scanFiles(
  files: readonly string[],
  cwd: string,
  config: ResolvedConfig,
  onProgress?: ProgressCallback,
  onlyRules?: readonly Rule[],
  logger: EngineLogger = { warn: () => undefined },
  workspace?: WorkspaceFacts,
): ScanResult {
  const result: ScanResult = { reports: [], skipped: [], fileCount: files.length };

  files.forEach((absolute, index) => {
    const file = displayPath(absolute, cwd);
    const size = fileSize(absolute);
    const text = size !== undefined && size <= config.maxFileSize ? readText(absolute) : undefined;
    if (size !== undefined && size > config.maxFileSize) {
      // Checked before reading so a huge file is never loaded into memory.
      result.skipped.push({ file, reason: sizeLimitReason(config.maxFileSize) });
    } else if (text === undefined) {
      result.skipped.push({ file, reason: "cannot be read" });
    } else {
      const analysis = analyzeDocument(
        { fileName: absolute, text },
        { config, onlyRules, workspace, logger },
      );
      if (analysis.skipped) {
        result.skipped.push({ file, reason: analysis.skipped });
      } else if (analysis.findings.length > 0) {
        result.reports.push({ file, absolute, text, findings: analysis.findings });
      }
    }
    onProgress?.(index + 1, files.length);
  });

  return result;
}

/** `absolute` relative to `cwd` with forward slashes, or absolute when outside `cwd`. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  const outside = relative.startsWith("..") || path.isAbsolute(relative);
  return (outside ? absolute : relative).split(path.sep).join("/");
}

function fileSize(file: string): number | undefined {
  try {
    return fs.statSync(file).size;
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
