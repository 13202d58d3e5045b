import * as assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  CompletionRequest,
  HoverRequest,
  type CompletionItem,
  type Hover,
  type MarkupContent,
} from "vscode-languageserver-protocol";
import { applyWorkspaceEdit, startLspClient, type LspTestClient } from "../support/lsp-client";
import { fixturePath } from "../support/paths";

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": {
        "ForAllValues:StringEquals": { "kms:EncryptionContext:tenant": "t-1" },
        ""
      }
    }
  ]
}
`;

describe("policy hover, completion and fixes over the protocol (bundled server)", () => {
  let client: LspTestClient;

  before(async () => {
    client = await startLspClient({ rootPath: fixturePath() });
  });

  after(async () => {
    await client.stop();
  });

  it("announces hover and completion", () => {
    const capabilities = client.initializeResult.capabilities;
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual(capabilities.completionProvider, { triggerCharacters: ['"', ":"] });
  });

  it("hovers a context key with its markdown and the key's range", async () => {
    const uri = client.uriOf("protocol-policy-hover.json");
    await client.openDocument(uri, "json", POLICY);
    const hover = (await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 8, character: 45 },
    })) as Hover;
    assert.equal((hover.contents as MarkupContent).kind, "markdown");
    assert.match(
      (hover.contents as MarkupContent).value,
      /^\*\*`kms:EncryptionContext:tenant`\*\* — the value of the encryption-context pair `tenant`/,
    );
    assert.deepEqual(hover.range, {
      start: { line: 8, character: 39 },
      end: { line: 8, character: 69 },
    });

    const nothing = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 4, character: 10 },
    });
    assert.equal(nothing, null);
    await client.closeDocument(uri);
  });

  it("completes condition operators where an operator goes, replacing the typed word", async () => {
    const uri = client.uriOf("protocol-policy-completion.json");
    await client.openDocument(uri, "json", POLICY);
    const items = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 9, character: 9 },
    })) as CompletionItem[];
    assert.equal(items[0].label, "StringEquals");
    assert.deepEqual(items[0].textEdit, {
      range: { start: { line: 9, character: 9 }, end: { line: 9, character: 9 } },
      newText: "StringEquals",
    });
    assert.ok(items.some((item) => item.label === "ForAnyValue:StringEquals"));
    await client.closeDocument(uri);
  });

  it("publishes KMS103 for a policy and its quick fix drops the set operator", async () => {
    const uri = client.uriOf("protocol-policy-fix.json");
    const text = POLICY.replace(',\n        ""', "");
    await client.openDocument(uri, "json", text);
    const published = await client.waitForDiagnostics(
      uri,
      (params) => params.diagnostics.length > 0,
    );
    assert.deepEqual(
      published.diagnostics.map((diagnostic) => diagnostic.code),
      ["KMS103"],
    );
    const actions = await client.codeActions(
      uri,
      published.diagnostics[0].range,
      published.diagnostics,
    );
    const drop = actions.find(
      (action) =>
        "edit" in action && action.title === "KMS Context Guard (KMS103): Drop the set operator",
    );
    assert.ok(drop && "edit" in drop && drop.edit);
    const fixed = applyWorkspaceEdit(text, uri, drop.edit);
    assert.equal(
      fixed.split("\n")[8],
      '        "StringEquals": { "kms:EncryptionContext:tenant": "t-1" }',
    );
    await client.closeDocument(uri);
  });
});
