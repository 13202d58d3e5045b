import type { Range, Severity } from "../engine/types";
import type { ScanResult } from "./scan";

/**
 * One finding of `--format json`. `range` is zero-based (line and UTF-16 character, end
 * exclusive), the same convention as the Language Server Protocol.
 */
export interface JsonFinding {
  file: string;
  code: string;
  name: string;
  severity: Severity;
  message: string;
  range: Range;
}

/** `{ "findings": [...] }`, pretty-printed, with a final newline. */
export function formatJson(result: ScanResult): string {
  const findings: JsonFinding[] = result.reports.flatMap((report) =>
    report.findings.map((finding) => ({
      file: report.file,
      code: finding.code,
      name: finding.name,
      severity: finding.severity,
      message: finding.message,
      range: finding.range,
    })),
  );
  return `${JSON.stringify({ findings }, null, 2)}\n`;
}
