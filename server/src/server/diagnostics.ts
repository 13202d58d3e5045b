import { pathToFileURL } from "node:url";
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
} from "vscode-languageserver";
import type { Finding, Fix, Severity } from "../engine/types";
import { ruleDocsUrl } from "../rules/links";
import { DIAGNOSTIC_SOURCE } from "./protocol";

/**
 * What the server keeps in `Diagnostic.data`, so a code action request can rebuild the
 * finding's fixes from the diagnostic the client sends back.
 */
export interface DiagnosticData {
  /** The rule's kebab-case name. */
  name: string;
  /** The finding's fixes, with edits in document positions. */
  fixes: Fix[];
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
  const data: DiagnosticData = { name: finding.name, fixes: finding.fixes };
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
  if (!data || typeof data.name !== "string" || !Array.isArray(data.fixes)) {
    return undefined;
  }
  return { name: data.name, fixes: data.fixes, finding: data.finding };
}
