import { resolveConfig } from "../engine/config";
import { allRuleMetas } from "../rules/registry";
import type { Rule, RuleMeta } from "../rules/rule";
import { VERSION } from "../version";
import { parseArgs, USAGE, type CliOptions } from "./args";
import { loadCliConfig } from "./config";
import { formatJson } from "./format-json";
import { formatSarif } from "./format-sarif";
import { ANSI_COLORS, formatText, NO_COLORS } from "./format-text";
import { indexForCli, namesDirectory } from "./index-workspace";
import { ProgressLine } from "./progress";
import { scanFiles, type ScanResult } from "./scan";
import { collectFiles } from "./walk";

/** Exit codes of the CLI, as the contract fixes them. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Where the CLI writes and what it knows about its terminal; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  now?: () => number;
  /** Rules to run instead of every registered rule; for tests of the CLI's own behaviour. */
  rules?: readonly Rule[];
}

/**
 * Runs one CLI invocation (everything except `--stdio`) and returns its exit code: 0 when no
 * finding is at warning or above, 1 when one is, 2 for a usage or internal error.
 */
export function runCli(argv: readonly string[], io: CliIo): number {
  const colorByDefault = io.stdoutIsTTY && !io.env.NO_COLOR;
  const parsed = parseArgs(argv, colorByDefault || Boolean(io.env.FORCE_COLOR));
  if ("error" in parsed) {
    io.stderr(`kms-context-guard: ${parsed.error}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const options = parsed.options;
  if (options.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }

  const loaded = loadCliConfig(io.cwd, options.configFile);
  if ("error" in loaded) {
    io.stderr(`kms-context-guard: ${loaded.error}\n`);
    return EXIT_USAGE;
  }
  for (const warning of loaded.warnings) {
    io.stderr(`${warning}\n`);
  }

  const walk = collectFiles(options.paths, io.cwd);
  if (walk.missing.length > 0) {
    io.stderr(
      walk.missing
        .map((path) => `kms-context-guard: no such file or directory: ${path}\n`)
        .join(""),
    );
    return EXIT_USAGE;
  }

  const config = resolveConfig(loaded.config);
  // Given a directory, index it first so cross-file findings see every module and policy.
  const workspace = namesDirectory(options.paths, io.cwd)
    ? indexForCli(walk.files, config)
    : undefined;
  const progress = new ProgressLine(io.stderr, io.stderrIsTTY, io.now);
  const result = scanFiles(
    walk.files,
    io.cwd,
    config,
    (done, total) => progress.update(done, total),
    io.rules,
    // A rule that fails is reported (once per rule and file) rather than silently missing.
    { warn: (message) => io.stderr(`${message}\n`) },
    workspace,
  );
  progress.done();

  for (const skipped of result.skipped) {
    io.stderr(`${skipped.file}: skipped: ${skipped.reason}\n`);
  }
  const ruleMetas = io.rules ? io.rules.map((rule) => rule.meta) : allRuleMetas();
  io.stdout(render(result, options, ruleMetas));

  const failing = result.reports.some((report) =>
    report.findings.some(
      (finding) => finding.severity === "error" || finding.severity === "warning",
    ),
  );
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

function render(result: ScanResult, options: CliOptions, rules: readonly RuleMeta[]): string {
  switch (options.format) {
    case "json":
      return formatJson(result);
    case "sarif":
      return formatSarif(result, rules);
    default:
      return formatText(result, options.color ? ANSI_COLORS : NO_COLORS);
  }
}
