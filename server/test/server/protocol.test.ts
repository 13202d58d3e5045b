import * as assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { CodeAction } from "vscode-languageserver-protocol";
import { applyWorkspaceEdit, startLspClient, type LspTestClient } from "../support/lsp-client";
import { fixturePath } from "../support/paths";

describe("language server over stdio (bundled)", () => {
  let client: LspTestClient;

  before(async () => {
    client = await startLspClient({ rootPath: fixturePath() });
  });

  after(async () => {
    await client.stop();
  });

  it("announces incremental sync, quick fixes and the documentation command", () => {
    const capabilities = client.initializeResult.capabilities;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual(capabilities.codeActionProvider, {
      codeActionKinds: ["quickfix", "source.fixAll.kms-context-guard"],
      resolveProvider: false,
    });
    assert.deepEqual(capabilities.executeCommandProvider, {
      commands: ["kms-context-guard.showRuleDocs"],
    });
    assert.equal(client.initializeResult.serverInfo?.name, "kms-context-guard");
  });

  it("offers to add a reason to a disable comment without one, and the edit adds it", async () => {
    const uri = client.uriOf("protocol-reasonless.ts");
    const text = [
      "export function f() {",
      "  // kms-context-guard-disable-next-line KMS001",
      "  return 1;",
      "}",
      "",
    ].join("\n");
    await client.openDocument(uri, "typescript", text);
    const published = await client.waitForDiagnostics(uri);
    assert.equal(published.version, 1);

    const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } };
    const actions = (await client.codeActions(uri, range, [])) as CodeAction[];
    assert.deepEqual(
      actions.map((action) => action.title),
      ["KMS Context Guard (KMS001): Add a reason to this disable comment"],
    );

    const fixed = applyWorkspaceEdit(text, uri, actions[0].edit!);
    assert.equal(fixed.split("\n")[1], "  // kms-context-guard-disable-next-line KMS001 -- reason");

    await client.changeDocument(uri, fixed);
    await client.waitForDiagnostics(uri, (params) => params.version === 2);
    assert.deepEqual(await client.codeActions(uri, range, []), []);
    await client.closeDocument(uri);
  });
});
