import { pathToFileURL } from "node:url";
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
} from "vscode-languageserver";
import type { Finding, Severity } from "../engine/types";
import { ruleDocsUrl } from "../rules/links";
import { DIAGNOSTIC_SOURCE } from "./protocol";

/**
 * What the server keeps in `Diagnostic.data` for the code action request that sends the
 * diagnostic back. Fixes are not in it: building their edits costs more than the analysis on a
 * large policy, and a code action reads them from the latest analysis only when asked.
 */
export interface DiagnosticData {
  /** The rule's kebab-case name. */
  name: string;
  /** The rule's own facts about the finding (`Finding.data`), when it has any. */
  finding?: Record<string, unknown>;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Turns one engine finding into the LSP diagnostic the server publishes. */
export function findingToDiagnostic(finding: Finding, documentUri: string): Diagnostic {
  const data: DiagnosticData = { name: finding.name };
  if (finding.data) {
    data.finding = finding.data;
  }

  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITIES[finding.severity],
    code: finding.code,
    codeDescription: { href: ruleDocsUrl(finding.name) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };

  if (finding.related && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map(
      (related): DiagnosticRelatedInformation => ({
        location: {
          uri: related.fileName ? pathToFileURL(related.fileName).href : documentUri,
          range: related.range,
        },
        message: related.message,
      }),
    );
  }

  return diagnostic;
}

/** Reads back the data `findingToDiagnostic` stored, tolerating clients that mangle it. */
export function readDiagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data.name !== "string") {
    return undefined;
  }
  return { name: data.name, finding: data.finding };
}
