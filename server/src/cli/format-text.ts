import type { Severity } from "../engine/types";
import { renderCodeFrame } from "./code-frame";
import type { ScanResult } from "./scan";

/** ANSI styling, or none. */
export interface Colors {
  bold(text: string): string;
  dim(text: string): string;
  severity(severity: Severity, text: string): string;
}

const ESC = "\u001b[";
const wrap = (open: number, close: number) => (text: string) =>
  `${ESC}${open}m${text}${ESC}${close}m`;
const red = wrap(31, 39);
const yellow = wrap(33, 39);
const blue = wrap(34, 39);
const cyan = wrap(36, 39);

/** Styling for a terminal. */
export const ANSI_COLORS: Colors = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  severity: (severity, text) =>
    severity === "error"
      ? red(text)
      : severity === "warning"
        ? yellow(text)
        : severity === "information"
          ? blue(text)
          : cyan(text),
};

/** No styling at all. */
export const NO_COLORS: Colors = {
  bold: (text) => text,
  dim: (text) => text,
  severity: (_severity, text) => text,
};

/**
 * The human-readable report: one header line per finding (`file:line:col  severity  CODE
 * message`), its code frame, a blank line, and a summary line at the end.
 */
export function formatText(result: ScanResult, colors: Colors): string {
  const blocks: string[] = [];
  for (const report of result.reports) {
    for (const finding of report.findings) {
      const { line, character } = finding.range.start;
      const header = [
        colors.bold(`${report.file}:${line + 1}:${character + 1}`),
        colors.severity(finding.severity, finding.severity),
        colors.dim(finding.code),
        finding.message,
      ].join("  ");
      const frame = renderCodeFrame(report.text, finding.range, {
        marker: (text) => colors.severity(finding.severity, text),
        gutter: colors.dim,
      });
      blocks.push(`${header}\n${frame}\n`);
    }
  }
  blocks.push(summaryLine(result, colors));
  return `${blocks.join("\n")}\n`;
}

/** `3 problems (1 error, 2 warnings, 0 information, 0 hints) in 2 of 14 files`. */
export function summaryLine(result: ScanResult, colors: Colors): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of result.reports) {
    for (const finding of report.findings) {
      counts[finding.severity]++;
    }
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const files = `${result.fileCount} ${result.fileCount === 1 ? "file" : "files"}`;
  const skipped = result.skipped.length > 0 ? `, ${result.skipped.length} skipped` : "";
  if (total === 0) {
    return colors.bold(`No problems found in ${files}${skipped}.`);
  }

  const parts = [
    plural(counts.error, "error"),
    plural(counts.warning, "warning"),
    `${counts.information} information`,
    plural(counts.hint, "hint"),
  ];
  const worst: Severity =
    counts.error > 0 ? "error" : counts.warning > 0 ? "warning" : "information";
  return colors.severity(
    worst,
    colors.bold(
      `${plural(total, "problem")} (${parts.join(", ")}) in ${result.reports.length} of ${files}${skipped}.`,
    ),
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
