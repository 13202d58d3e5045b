import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from "vscode-jsonrpc/node";
import { createConnection } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { analyzeDocument } from "../../src/engine/analyze";
import { resolveConfig } from "../../src/engine/config";
import { findingToDiagnostic } from "../../src/server/diagnostics";
import {
  contextBuilderCodeActions,
  registerContextBuilderHandlers,
} from "../../src/server/handlers/context-builder";
import {
  BUILD_CONTEXT_COMMAND,
  PLACE_CONTEXT_METHOD,
  RENDER_CONTEXT_METHOD,
  VALIDATE_CONTEXT_METHOD,
  WORKSPACE_CONTEXT_KEYS_METHOD,
  type PlaceContextResult,
  type RenderContextResult,
  type ValidateContextResult,
  type WorkspaceContextKeysResult,
} from "../../src/shared/builder-protocol";
import { code, literal } from "./support";

const policyUri = "file:///work/key-policy.json";
const policyText = [
  "{",
  '  "Statement": [',
  '    { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::1:role/A" }, "Action": "kms:Decrypt", "Resource": "*" }',
  "  ]",
  "}",
].join("\n");

const documents = new Map<string, TextDocument>([
  [policyUri, TextDocument.create(policyUri, "json", 7, policyText)],
]);

const services = {
  documents: { get: (uri: string) => documents.get(uri), all: () => [...documents.values()] },
  configFor: () => resolveConfig({ rules: { KMS005: "error" } }),
};

describe("builder requests over JSON-RPC", () => {
  let client: MessageConnection;
  let server: ReturnType<typeof createConnection>;

  before(() => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    registerContextBuilderHandlers(server, services);
    server.listen();
    client = createMessageConnection(
      new StreamMessageReader(toClient),
      new StreamMessageWriter(toServer),
    );
    client.listen();
  });

  after(() => {
    client.dispose();
    server.dispose();
  });

  it("validates with the workspace configuration", async () => {
    const result: ValidateContextResult = await client.sendRequest(VALIDATE_CONTEXT_METHOD, {
      pairs: [literal("aws-crypto-x", "1"), { key: 42, value: null }],
      target: "code",
    });
    assert.deepEqual(
      result.problems.map((problem) => [problem.pairIndex, problem.check, problem.severity]),
      [[0, "reserved-prefix", "error"]],
    );
  });

  it("drops malformed and oversized input instead of failing", async () => {
    const many = Array.from({ length: 5000 }, (_, index) => literal(`k${index}`, "v"));
    const result: ValidateContextResult = await client.sendRequest(VALIDATE_CONTEXT_METHOD, {
      pairs: [literal("x".repeat(5000), "v"), ...many, null, "junk"],
      target: "grant",
    });
    // 63 pairs survive the cap after the oversized one is dropped; 8 is the grant limit.
    assert.equal(result.problems.length, 55);
    assert.ok(result.problems.every((problem) => problem.check === "grant-limit"));
    const odd: ValidateContextResult = await client.sendRequest(VALIDATE_CONTEXT_METHOD, {
      pairs: "not a list",
    });
    assert.deepEqual(odd.problems, []);
  });

  it("places a condition into an open document and reports its version", async () => {
    const result: PlaceContextResult = await client.sendRequest(PLACE_CONTEXT_METHOD, {
      uri: policyUri,
      position: { line: 2, character: 10 },
      pairs: [literal("tenant", "t-42")],
      target: { kind: "policy" },
    });
    assert.equal(result.ok, true);
    assert.equal(result.version, 7);
    const document = documents.get(policyUri)!;
    const updated = TextDocument.applyEdits(document, [result.edit!]);
    assert.deepEqual(JSON.parse(updated).Statement[0].Condition, {
      StringEquals: { "kms:EncryptionContext:tenant": "t-42" },
    });
  });

  it("explains why a document that is not open cannot be edited", async () => {
    const result: PlaceContextResult = await client.sendRequest(PLACE_CONTEXT_METHOD, {
      uri: "file:///nowhere.ts",
      position: { line: 0, character: 0 },
      pairs: [],
      target: { kind: "code" },
    });
    assert.deepEqual(result, { ok: false, reason: "The document is not open in the editor." });
  });

  it("renders CLI arguments", async () => {
    const result: RenderContextResult = await client.sendRequest(RENDER_CONTEXT_METHOD, {
      pairs: [literal("Purpose", "Test")],
      format: { kind: "cli-constraints", constraint: "subset" },
    });
    assert.equal(result.text, "--constraints 'EncryptionContextSubset={Purpose=Test}'");
    assert.equal(result.warnings.length, 1);
  });

  it("answers the workspace keys request", async () => {
    const result: WorkspaceContextKeysResult = await client.sendRequest(
      WORKSPACE_CONTEXT_KEYS_METHOD,
      {},
    );
    assert.ok(Array.isArray(result.keys));
  });
});

describe("builder code actions", () => {
  it("offers the builder on KMS101 with a policy target, and nothing on other codes", () => {
    const range = { start: { line: 2, character: 4 }, end: { line: 2, character: 100 } };
    const actions = contextBuilderCodeActions(services, policyUri, [
      { range, message: "m", code: "KMS101", source: "kms-context-guard" },
      { range, message: "m", code: "KMS104", source: "kms-context-guard" },
    ]);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, "KMS Context Guard (KMS101): Build encryption context…");
    assert.equal(actions[0].kind, "quickfix");
    assert.equal(actions[0].command?.command, BUILD_CONTEXT_COMMAND);
    assert.deepEqual(actions[0].command?.arguments, [
      {
        uri: policyUri,
        position: range.start,
        code: "KMS101",
        target: { kind: "policy" },
        pairs: [],
      },
    ]);
  });

  it("pre-fills a policy condition from the keys the workspace's code sends", () => {
    const range = { start: { line: 2, character: 4 }, end: { line: 2, character: 100 } };
    const withIndex = {
      ...services,
      workspaceFacts: () => ({
        sentContextKeys: () => [
          { key: "purpose", count: 3, values: ["invoices"] },
          { key: "tenant", count: 3, values: ["a", "b"] },
        ],
      }),
    };
    const [action] = contextBuilderCodeActions(withIndex, policyUri, [
      { range, message: "m", code: "KMS101" },
    ]);
    assert.deepEqual(action.command?.arguments?.[0].pairs, [
      literal("purpose", "invoices"),
      code("tenant", "tenant"),
    ]);
  });

  it("targets the context member of the call for KMS001", () => {
    const uri = "file:///work/seal.ts";
    documents.set(
      uri,
      TextDocument.create(uri, "typescript", 1, "kms.send(new EncryptCommand({}));\n"),
    );
    const range = { start: { line: 0, character: 9 }, end: { line: 0, character: 31 } };
    const [action] = contextBuilderCodeActions(services, uri, [
      { range, message: "m", code: "KMS001" },
    ]);
    assert.deepEqual(action.command?.arguments?.[0].target, {
      kind: "code",
      member: "EncryptionContext",
    });
    documents.delete(uri);
  });

  it("pre-fills a decrypt's builder from the encrypt call in the same file", () => {
    const uri = "file:///work/roundtrip.ts";
    const text = [
      'import { DecryptCommand, EncryptCommand, KMSClient } from "@aws-sdk/client-kms";',
      "const kms = new KMSClient({});",
      "export async function roundTrip(tenantId: string, data: Uint8Array) {",
      "  const sealed = await kms.send(",
      '    new EncryptCommand({ KeyId: "alias/app", Plaintext: data, EncryptionContext: { tenant: tenantId, purpose: "invoices" } }),',
      "  );",
      "  return kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }));",
      "}",
      "",
    ].join("\n");
    const document = TextDocument.create(uri, "typescript", 1, text);
    documents.set(uri, document);
    const diagnostics = analyzeDocument({ fileName: "/work/roundtrip.ts", text }).findings.map(
      (finding) => findingToDiagnostic(finding, uri),
    );
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.code),
      ["KMS002"],
    );
    const [action] = contextBuilderCodeActions(services, uri, diagnostics);
    assert.deepEqual(action.command?.arguments?.[0], {
      uri,
      position: diagnostics[0].range.start,
      code: "KMS002",
      target: { kind: "code", member: "EncryptionContext" },
      pairs: [code("tenant", "tenantId"), literal("purpose", "invoices")],
    });
    documents.delete(uri);
  });
});
