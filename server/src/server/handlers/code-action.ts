import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Command,
  type Diagnostic,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { detectDocumentKind } from "../../engine/document-kind";
import { snippetToPlainText } from "../../engine/snippet";
import type { DocumentKind, Finding, Fix, TextEdit } from "../../engine/types";
import { ruleDocsUrl } from "../../rules/links";
import type { ServerContext } from "../context";
import { readDiagnosticData } from "../diagnostics";
import { addReasonEdit, directivesWithoutReason, disableForLineEdit } from "../disable-comments";
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SHOW_RULE_DOCS_COMMAND } from "../protocol";
import { uriToPath } from "../settings";
import { contextBuilderCodeActions } from "./context-builder";
import { buildWorkspaceEdit } from "../workspace-edits";

/**
 * `textDocument/codeAction`: for each of our diagnostics in the request, its fixes, "disable
 * for this line" and "open documentation"; "add a reason" for disable comments without one in
 * the range; and the whole-file fix-all when the client asks for `source.fixAll`.
 */
export function handleCodeAction(context: ServerContext, params: CodeActionParams): CodeAction[] {
  const document = context.documents.get(params.textDocument.uri);
  if (!document) {
    return [];
  }
  const text = document.getText();
  const kind = detectDocumentKind(
    uriToPath(document.uri) ?? document.uri,
    text,
    document.languageId,
  );
  if (!kind) {
    return [];
  }

  const only = params.context.only;
  if (
    only &&
    only.some((requested) => FIX_ALL_KIND.startsWith(requested) && requested.startsWith("source"))
  ) {
    return fixAllAction(context, document);
  }
  if (
    only &&
    !only.some((requested) => requested === CodeActionKind.QuickFix || requested === "")
  ) {
    return [];
  }

  const actions: CodeAction[] = [];
  const seenDisable = new Set<string>();
  const seenDocs = new Set<string>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== "string") {
      continue;
    }
    const code = diagnostic.code;
    const finding = findingInLatestAnalysis(context, document, diagnostic);
    const name = readDiagnosticData(diagnostic)?.name ?? finding?.name;

    for (const fix of finding?.fixes ?? []) {
      actions.push(fixAction(context, document, diagnostic, code, fix));
    }

    const disableKey = `${code}:${diagnostic.range.start.line}`;
    if (!seenDisable.has(disableKey)) {
      seenDisable.add(disableKey);
      const disable = disableAction(context, document, kind, diagnostic, code);
      if (disable) {
        actions.push(disable);
      }
    }

    if (name !== undefined && !seenDocs.has(code)) {
      seenDocs.add(code);
      actions.push(docsAction(context, diagnostic, code, ruleDocsUrl(name)));
    }
  }

  const ours = params.context.diagnostics.filter((item) => item.source === DIAGNOSTIC_SOURCE);
  actions.push(...contextBuilderCodeActions(context, document.uri, ours));

  for (const directive of directivesWithoutReason(
    text,
    kind,
    params.range.start.line,
    params.range.end.line,
  )) {
    const codes = directive.codes.length > 0 ? directive.codes.join(", ") : "all codes";
    actions.push({
      title: `KMS Context Guard (${codes}): Add a reason to this disable comment`,
      kind: CodeActionKind.QuickFix,
      edit: edit(context, document, [addReasonEdit(text, directive)], true),
    });
  }

  return actions;
}

/**
 * The finding behind `diagnostic` (same code and range) in the analysis of the document's
 * current version. Fixes come from there rather than from the diagnostic, so they are only
 * built for the findings a person asks about, and never from a stale version's text.
 */
function findingInLatestAnalysis(
  context: ServerContext,
  document: TextDocument,
  diagnostic: Diagnostic,
): Finding | undefined {
  const analysis = context.analyses.analysisOf(document.uri, document.version);
  const { start, end } = diagnostic.range;
  return analysis?.findings.find(
    (candidate) =>
      candidate.code === diagnostic.code &&
      candidate.range.start.line === start.line &&
      candidate.range.start.character === start.character &&
      candidate.range.end.line === end.line &&
      candidate.range.end.character === end.character,
  );
}

function fixAction(
  context: ServerContext,
  document: TextDocument,
  diagnostic: Diagnostic,
  code: string,
  fix: Fix,
): CodeAction {
  return {
    title: `KMS Context Guard (${code}): ${fix.title}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.isPreferred,
    edit: edit(context, document, fix.edits, fix.snippet === true),
  };
}

function disableAction(
  context: ServerContext,
  document: TextDocument,
  kind: DocumentKind,
  diagnostic: Diagnostic,
  code: string,
): CodeAction | undefined {
  const disable = disableForLineEdit(document.getText(), kind, diagnostic.range.start.line, code);
  if (!disable) {
    return undefined;
  }
  return {
    title: `KMS Context Guard (${code}): Disable ${code} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: edit(context, document, [disable], true),
  };
}

function docsAction(
  context: ServerContext,
  diagnostic: Diagnostic,
  code: string,
  url: string,
): CodeAction {
  const title = `KMS Context Guard (${code}): Open documentation for ${code}`;
  const command: Command = {
    title,
    command: context.client.openRuleDocsCommand ?? SHOW_RULE_DOCS_COMMAND,
    arguments: [code, url],
  };
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command };
}

/**
 * Applies the preferred (or only) fix of every finding in the latest analysis, skipping fixes
 * whose edits overlap an earlier one. Snippet fixes become plain text: one edit cannot hold a
 * cursor for each of them.
 */
function fixAllAction(context: ServerContext, document: TextDocument): CodeAction[] {
  const analysis = context.analyses.analysisOf(document.uri, document.version);
  if (!analysis) {
    return [];
  }

  const chosen: TextEdit[] = [];
  for (const finding of analysis.findings) {
    const fix = finding.fixes.find((candidate) => candidate.isPreferred) ?? finding.fixes[0];
    if (!fix || (finding.fixes.length > 1 && !fix.isPreferred)) {
      continue;
    }
    if (fix.edits.some((candidate) => chosen.some((taken) => overlaps(candidate, taken)))) {
      continue;
    }
    chosen.push(
      ...fix.edits.map((item) => ({
        range: item.range,
        newText: fix.snippet ? snippetToPlainText(item.newText) : item.newText,
      })),
    );
  }
  if (chosen.length === 0) {
    return [];
  }

  return [
    {
      title: "KMS Context Guard: Fix all auto-fixable problems",
      kind: FIX_ALL_KIND,
      edit: edit(context, document, chosen, false),
    },
  ];
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  const before = (x: TextEdit["range"]["end"], y: TextEdit["range"]["start"]) =>
    x.line < y.line || (x.line === y.line && x.character <= y.character);
  return !(before(a.range.end, b.range.start) || before(b.range.end, a.range.start));
}

function edit(context: ServerContext, document: TextDocument, edits: TextEdit[], snippet: boolean) {
  return buildWorkspaceEdit(document.uri, document.version, edits, snippet, context.client);
}
