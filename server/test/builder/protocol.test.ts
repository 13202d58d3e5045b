import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { CodeAction } from "vscode-languageserver-protocol";
import { presetById, presetPairs } from "../../src/engine/builder/presets";
import {
  PLACE_CONTEXT_METHOD,
  VALIDATE_CONTEXT_METHOD,
  WORKSPACE_CONTEXT_KEYS_METHOD,
  type BuildContextCommandArgs,
  type ContextPair,
  type PlaceContextResult,
  type ValidateContextResult,
  type WorkspaceContextKeysResult,
} from "../../src/shared/builder-protocol";
import { startLspClient, type LspTestClient } from "../support/lsp-client";

/**
 * The builder's round trip against the bundled server, as the client command performs it:
 * the finding's code action gives the target and position, the server places the context,
 * and the next diagnostics no longer hold the finding.
 */
describe("builder round trip through the bundled server", () => {
  let client: LspTestClient;

  let root: string;

  // An empty workspace of its own: the fixture folders would feed the workspace index keys and
  // calls that are not part of these round trips.
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "kms-builder-"));
    client = await startLspClient({ rootPath: root });
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function buildFromFinding(
    fileName: string,
    languageId: string,
    text: string,
    code: string,
    pairs: ContextPair[],
  ): Promise<{ after: string; codes: string[] }> {
    const uri = client.uriOf(fileName);
    await client.openDocument(uri, languageId, text);
    const published = await client.waitForDiagnostics(uri);
    const finding = published.diagnostics.find((diagnostic) => diagnostic.code === code);
    assert.ok(finding, `expected ${code} in ${fileName}`);

    const actions = (await client.codeActions(uri, finding.range, [finding])) as CodeAction[];
    const builder = actions.find((action) => action.title.endsWith("Build encryption context…"));
    assert.ok(builder?.command, "the builder's code action is offered");
    const args = builder.command.arguments?.[0] as BuildContextCommandArgs;
    assert.equal(args.code, code);

    const placed: PlaceContextResult = await client.connection.sendRequest(PLACE_CONTEXT_METHOD, {
      uri,
      position: args.position,
      pairs,
      target: args.target,
    });
    assert.equal(placed.ok, true, placed.reason);
    assert.equal(placed.version, 1);
    const after = TextDocument.applyEdits(TextDocument.create(uri, languageId, 1, text), [
      placed.edit!,
    ]);
    await client.changeDocument(uri, after);
    const republished = await client.waitForDiagnostics(uri, (params) => params.version === 2);
    await client.closeDocument(uri);
    return { after, codes: republished.diagnostics.map((diagnostic) => String(diagnostic.code)) };
  }

  const tenantPurpose = presetPairs(presetById("app-tenant-purpose")!, { purpose: "invoices" });

  it("clears KMS001 from a TypeScript call", async () => {
    const text = [
      'import { EncryptCommand, KMSClient } from "@aws-sdk/client-kms";',
      "const kms = new KMSClient({});",
      "export async function seal(tenantId: string, data: Uint8Array) {",
      '  return kms.send(new EncryptCommand({ KeyId: "alias/app", Plaintext: data }));',
      "}",
      "",
    ].join("\n");
    const result = await buildFromFinding(
      "builder-seal.ts",
      "typescript",
      text,
      "KMS001",
      tenantPurpose,
    );
    assert.deepEqual(result.codes, []);
    assert.match(result.after, /EncryptionContext: \{\n {6}tenant: tenantId,/);
  });

  it("clears KMS101 from a key policy and keeps it valid JSON", async () => {
    const text = JSON.stringify(
      {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:role/App" },
            Action: "kms:Decrypt",
            Resource: "*",
          },
        ],
      },
      null,
      4,
    );
    const result = await buildFromFinding(
      "builder-key-policy.json",
      "json",
      text,
      "KMS101",
      tenantPurpose,
    );
    assert.deepEqual(result.codes, []);
    assert.deepEqual(JSON.parse(result.after).Statement[0].Condition, {
      StringEquals: { "kms:EncryptionContext:purpose": "invoices" },
      Null: { "kms:EncryptionContext:tenant": "false" },
    });
  });

  it("validates and lists workspace keys over the wire", async () => {
    const validated: ValidateContextResult = await client.connection.sendRequest(
      VALIDATE_CONTEXT_METHOD,
      { pairs: [{ key: "userEmail", value: { kind: "literal", text: "x" } }] },
    );
    assert.deepEqual(
      validated.problems.map((problem) => [problem.check, problem.code]),
      [["sensitive-key", "KMS004"]],
    );

    const uri = client.uriOf("builder-keys.ts");
    const text = [
      'import { EncryptCommand, KMSClient } from "@aws-sdk/client-kms";',
      "const kms = new KMSClient({});",
      'kms.send(new EncryptCommand({ KeyId: "k", Plaintext: p, EncryptionContext: { app: "billing" } }));',
      "",
    ].join("\n");
    await client.openDocument(uri, "typescript", text);
    await client.waitForDiagnostics(uri);
    const keys: WorkspaceContextKeysResult = await client.connection.sendRequest(
      WORKSPACE_CONTEXT_KEYS_METHOD,
      {},
    );
    // The server also indexes the workspace (here test-fixtures/), whose code sends `app` too;
    // the open document's value is among the ones offered.
    const app = keys.keys.find((entry) => entry.key === "app");
    assert.ok(app?.values.includes("billing"), JSON.stringify(app));
    await client.closeDocument(uri);
  });
});
