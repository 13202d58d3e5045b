import * as assert from "node:assert/strict";
import * as vscode from "vscode";

/**
 * KMS001 as the extension host sees it: the diagnostic on an Encrypt call without a context, its
 * rule link, and the quick fix that inserts a context and clears it. The workspace is a copy of
 * test-fixtures/workspaces/e2e-code.
 */

const DOCS_URL =
  "https://github.com/kms-context-guard/kms-context-guard/blob/main/docs/rules/missing-encryption-context.md";

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === "object"
    ? String(code.value)
    : code === undefined
      ? undefined
      : String(code);
}

/** Resolves with the document's diagnostics once `accept` takes them, or rejects after a while. */
function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 30_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (accept(diagnostics)) {
        listener.dispose();
        clearTimeout(timer);
        resolve(diagnostics);
        return true;
      }
      return false;
    };
    const listener = vscode.languages.onDidChangeDiagnostics(() => check());
    const timer = setTimeout(() => {
      listener.dispose();
      reject(
        new Error(
          `diagnostics never matched: ${JSON.stringify(vscode.languages.getDiagnostics(uri))}`,
        ),
      );
    }, timeoutMs);
    check();
  });
}

async function openInvoices(): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "the test workspace is open");
  const document = await vscode.workspace.openTextDocument(
    vscode.Uri.joinPath(folder.uri, "invoices.ts"),
  );
  await vscode.window.showTextDocument(document);
  return document;
}

describe("KMS Context Guard in VS Code", () => {
  it("reports KMS001 on the Encrypt call, linked to the rule's page", async () => {
    const document = await openInvoices();
    const diagnostics = await waitForDiagnostics(document.uri, (all) =>
      all.some((d) => codeOf(d) === "KMS001"),
    );
    const finding = diagnostics.find((d) => codeOf(d) === "KMS001");

    assert.ok(finding);
    assert.equal(finding.source, "kms-context-guard");
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual([finding.range.start.line, finding.range.start.character], [6, 32]);
    assert.equal(
      typeof finding.code === "object" ? finding.code.target.toString(true) : undefined,
      DOCS_URL,
    );
  });

  it("offers the KMS001 quick fix, and applying it clears the warning", async () => {
    const document = await openInvoices();
    const diagnostics = await waitForDiagnostics(document.uri, (all) =>
      all.some((d) => codeOf(d) === "KMS001"),
    );
    const finding = diagnostics.find((d) => codeOf(d) === "KMS001");
    assert.ok(finding);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      document.uri,
      finding.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => action.title.startsWith("KMS Context Guard (KMS001): "));
    assert.ok(
      fix?.edit,
      `a KMS001 fix with an edit: ${actions.map((action) => action.title).join(" | ")}`,
    );

    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(
      document.lineAt(6).text,
      /new EncryptCommand\(\{[^\n]*EncryptionContext: \{[^}]+\}/,
    );
    await waitForDiagnostics(document.uri, (all) => !all.some((d) => codeOf(d) === "KMS001"));
  });
});
