import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CodeAction, CodeActionParams, Diagnostic } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { analyzeDocument } from "../../src/engine/analyze";
import type { ClientFeatures, ServerContext } from "../../src/server/context";
import { findingToDiagnostic } from "../../src/server/diagnostics";
import { handleCodeAction } from "../../src/server/handlers/code-action";
import { applyWorkspaceEdit } from "../support/lsp-client";
import { flagMeRule } from "../support/test-rule";

const URI = "file:///project/src/app.ts";

/** Just enough of a server context for the code action handler. */
function contextFor(document: TextDocument, client: Partial<ClientFeatures> = {}): ServerContext {
  const findings = analyzeDocument(
    { fileName: "/project/src/app.ts", text: document.getText(), languageId: document.languageId },
    { onlyRules: [flagMeRule] },
  ).findings;
  return {
    documents: {
      get: (uri: string) => (uri === document.uri ? document : undefined),
      all: () => [document],
    },
    analyses: {
      analysisOf: () => ({ version: document.version, findings, text: document.getText() }),
    },
    client: { snippetEdits: false, documentChanges: true, showDocument: true, ...client },
  } as unknown as ServerContext;
}

function diagnosticsOf(document: TextDocument): Diagnostic[] {
  return analyzeDocument(
    { fileName: "/project/src/app.ts", text: document.getText(), languageId: document.languageId },
    { onlyRules: [flagMeRule] },
  ).findings.map((finding) => findingToDiagnostic(finding, document.uri));
}

function request(
  document: TextDocument,
  diagnostics: Diagnostic[],
  only?: string[],
): CodeActionParams {
  const range = diagnostics[0]?.range ?? {
    start: { line: 0, character: 0 },
    end: { line: 0, character: 0 },
  };
  return { textDocument: { uri: document.uri }, range, context: { diagnostics, only } };
}

describe("code actions", () => {
  const text = "function f() {\n    const x = flagMe();\n}\n";

  it("offers the fix, disable-for-this-line and documentation, in that order", () => {
    const document = TextDocument.create(URI, "typescript", 3, text);
    const diagnostics = diagnosticsOf(document);
    const actions = handleCodeAction(
      contextFor(document),
      request(document, diagnostics),
    ) as CodeAction[];

    assert.deepEqual(
      actions.map((action) => [action.title, action.kind, action.isPreferred]),
      [
        ["KMS Context Guard (KMS900): Call fixed()", "quickfix", true],
        ["KMS Context Guard (KMS900): Disable KMS900 for this line", "quickfix", undefined],
        ["KMS Context Guard (KMS900): Open documentation for KMS900", "quickfix", undefined],
      ],
    );
    assert.deepEqual(actions[2].command, {
      title: "KMS Context Guard (KMS900): Open documentation for KMS900",
      command: "kms-context-guard.showRuleDocs",
      arguments: [
        "KMS900",
        "https://github.com/kms-context-guard/kms-context-guard/blob/main/docs/rules/test-flag-me.md",
      ],
    });
  });

  it("turns snippet fixes into plain text for clients without snippet edits", () => {
    const document = TextDocument.create(URI, "typescript", 3, text);
    const [fix, disable] = handleCodeAction(
      contextFor(document),
      request(document, diagnosticsOf(document)),
    ) as CodeAction[];

    assert.equal(
      applyWorkspaceEdit(text, URI, fix.edit!),
      "function f() {\n    const x = fixed(arg);\n}\n",
    );
    assert.equal(
      applyWorkspaceEdit(text, URI, disable.edit!),
      "function f() {\n    // kms-context-guard-disable-next-line KMS900 -- reason\n    const x = flagMe();\n}\n",
    );
    assert.deepEqual(fix.edit!.documentChanges![0], {
      textDocument: { uri: URI, version: 3 },
      edits: [
        {
          range: { start: { line: 1, character: 14 }, end: { line: 1, character: 22 } },
          newText: "fixed(arg)",
        },
      ],
    });
  });

  it("sends LSP 3.18 snippet edits to clients that support them", () => {
    const document = TextDocument.create(URI, "typescript", 3, text);
    const [fix, disable] = handleCodeAction(
      contextFor(document, { snippetEdits: true }),
      request(document, diagnosticsOf(document)),
    ) as CodeAction[];

    assert.deepEqual(fix.edit!.documentChanges![0], {
      textDocument: { uri: URI, version: 3 },
      edits: [
        {
          range: { start: { line: 1, character: 14 }, end: { line: 1, character: 22 } },
          snippet: { kind: "snippet", value: "fixed(${1:arg})" },
        },
      ],
    });
    assert.equal(
      applyWorkspaceEdit(text, URI, disable.edit!),
      "function f() {\n    // kms-context-guard-disable-next-line KMS900 -- ${1:reason}\n    const x = flagMe();\n}\n",
    );
  });

  it("uses `changes` for clients without documentChanges", () => {
    const document = TextDocument.create(URI, "typescript", 3, text);
    const [fix] = handleCodeAction(
      contextFor(document, { documentChanges: false }),
      request(document, diagnosticsOf(document)),
    ) as CodeAction[];
    assert.deepEqual(Object.keys(fix.edit!.changes!), [URI]);
  });

  it("appends the code to an existing disable comment instead of adding a second", () => {
    const withComment =
      "// kms-context-guard-disable-next-line KMS001 -- wrapper adds context\nflagMe();\n";
    const document = TextDocument.create(URI, "typescript", 1, withComment);
    const actions = handleCodeAction(
      contextFor(document),
      request(document, diagnosticsOf(document)),
    ) as CodeAction[];
    const disable = actions.find((action) => action.title.includes("Disable"))!;
    assert.equal(
      applyWorkspaceEdit(withComment, URI, disable.edit!),
      "// kms-context-guard-disable-next-line KMS001, KMS900 -- wrapper adds context\nflagMe();\n",
    );
  });

  it("keeps tab indentation and CRLF line endings in the disable comment", () => {
    const crlf = "function f() {\r\n\t\tflagMe();\r\n}\r\n";
    const document = TextDocument.create(URI, "typescript", 1, crlf);
    const actions = handleCodeAction(
      contextFor(document),
      request(document, diagnosticsOf(document)),
    ) as CodeAction[];
    const disable = actions.find((action) => action.title.includes("Disable"))!;
    assert.equal(
      applyWorkspaceEdit(crlf, URI, disable.edit!),
      "function f() {\r\n\t\t// kms-context-guard-disable-next-line KMS900 -- reason\r\n\t\tflagMe();\r\n}\r\n",
    );
  });

  it("uses # comments in YAML and offers no disable comment in JSON", () => {
    const yaml = TextDocument.create("file:///p/t.yaml", "yaml", 1, "a:\n  - b: 1\n");
    const diagnostic: Diagnostic = {
      range: { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } },
      code: "KMS101",
      source: "kms-context-guard",
      message: "m",
      data: { name: "missing-context-condition" },
    };
    const yamlActions = handleCodeAction(
      contextFor(yaml),
      request(yaml, [diagnostic]),
    ) as CodeAction[];
    assert.equal(
      applyWorkspaceEdit(yaml.getText(), yaml.uri, yamlActions[0].edit!),
      "a:\n  # kms-context-guard-disable-next-line KMS101 -- reason\n  - b: 1\n",
    );

    const json = TextDocument.create("file:///p/t.json", "json", 1, '{\n  "a": 1\n}');
    const jsonActions = handleCodeAction(
      contextFor(json),
      request(json, [diagnostic]),
    ) as CodeAction[];
    assert.deepEqual(
      jsonActions.map((action) => action.title),
      [
        "KMS Context Guard (KMS101): Open documentation for KMS101",
        "KMS Context Guard (KMS101): Build encryption context…",
      ],
    );
  });

  it("names the client's own documentation command when it gave one", () => {
    const document = TextDocument.create(URI, "typescript", 3, text);
    const actions = handleCodeAction(
      contextFor(document, { openRuleDocsCommand: "kmsContextGuard.openRuleDocs" }),
      request(document, diagnosticsOf(document)),
    ) as CodeAction[];
    assert.equal(actions[2].command?.command, "kmsContextGuard.openRuleDocs");
  });

  it("finds the fixes in the latest analysis when the client drops Diagnostic.data", () => {
    const document = TextDocument.create(URI, "typescript", 3, text);
    const withoutData = diagnosticsOf(document).map(({ data, ...rest }) => rest);
    const actions = handleCodeAction(
      contextFor(document),
      request(document, withoutData),
    ) as CodeAction[];
    assert.deepEqual(
      actions.map((action) => action.title),
      [
        "KMS Context Guard (KMS900): Call fixed()",
        "KMS Context Guard (KMS900): Disable KMS900 for this line",
        "KMS Context Guard (KMS900): Open documentation for KMS900",
      ],
    );
  });

  it("offers no fix built from another version's analysis", () => {
    const document = TextDocument.create(URI, "typescript", 3, text);
    const context = contextFor(document);
    context.analyses.analysisOf = () => undefined;
    const actions = handleCodeAction(
      context,
      request(document, diagnosticsOf(document)),
    ) as CodeAction[];
    assert.deepEqual(
      actions.map((action) => action.title),
      [
        "KMS Context Guard (KMS900): Disable KMS900 for this line",
        "KMS Context Guard (KMS900): Open documentation for KMS900",
      ],
    );
  });

  it("ignores other sources' diagnostics", () => {
    const document = TextDocument.create(URI, "typescript", 3, text);
    const foreign = { ...diagnosticsOf(document)[0], source: "eslint" };
    assert.deepEqual(handleCodeAction(contextFor(document), request(document, [foreign])), []);
  });

  it("fixes every finding at once for source.fixAll, as plain text", () => {
    const many = "flagMe();\nflagMe(); flagMe();\n";
    const document = TextDocument.create(URI, "typescript", 5, many);
    const actions = handleCodeAction(
      contextFor(document, { snippetEdits: true }),
      request(document, [], ["source.fixAll"]),
    ) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, "source.fixAll.kms-context-guard");
    assert.equal(
      applyWorkspaceEdit(many, URI, actions[0].edit!),
      "fixed(arg);\nfixed(arg); fixed(arg);\n",
    );
  });
});
