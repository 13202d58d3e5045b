import { pathToFileURL } from "node:url";
import type { Severity } from "../engine/types";
import { ruleDocsUrl } from "../rules/links";
import type { RuleMeta } from "../rules/rule";
import { VERSION } from "../version";
import type { ScanResult } from "./scan";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI = "https://github.com/kms-context-guard/kms-context-guard";

const LEVELS: Record<Severity, "error" | "warning" | "note"> = {
  error: "error",
  warning: "warning",
  information: "note",
  hint: "note",
};

/**
 * SARIF 2.1.0 with one run: every registered rule in `tool.driver.rules`, one result per
 * finding with a 1-based region. Paths inside the current directory are relative URIs; others
 * are `file://` URIs. Columns count UTF-16 code units, as the run declares.
 */
export function formatSarif(result: ScanResult, rules: readonly RuleMeta[]): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.code as string, index]));

  const results = result.reports.flatMap((report) =>
    report.findings.map((finding) => {
      const { start, end } = finding.range;
      const index = ruleIndex.get(finding.code);
      return {
        ruleId: finding.code,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVELS[finding.severity],
        message: { text: finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(report.file) },
              region: {
                startLine: start.line + 1,
                startColumn: start.character + 1,
                endLine: end.line + 1,
                endColumn: end.character + 1,
              },
            },
          },
        ],
      };
    }),
  );

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "kms-context-guard",
            version: VERSION,
            informationUri: INFORMATION_URI,
            rules: rules.map((rule) => ({
              id: rule.code,
              name: rule.name,
              shortDescription: { text: rule.summary },
              helpUri: ruleDocsUrl(rule.name),
              defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
            })),
          },
        },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** A relative path as a URI reference (segments escaped), or an absolute path's `file://` URI. */
function artifactUri(file: string): string {
  if (file.startsWith("/") || /^[A-Za-z]:\//.test(file)) {
    return pathToFileURL(file).href;
  }
  return file.split("/").map(encodeURIComponent).join("/");
}
