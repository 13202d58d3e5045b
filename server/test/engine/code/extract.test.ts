import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractCodeModel } from "../../../src/engine/code/extract";
import { mayUseKnownApis } from "../../../src/engine/code/known-apis";
import type { CodeModel } from "../../../src/engine/code/model";
import { LineIndex } from "../../../src/engine/line-index";

function modelOf(text: string, fileName = "example.ts"): CodeModel {
  const kind = /\.[cm]?jsx?$/.test(fileName) ? "javascript" : "typescript";
  return extractCodeModel({ fileName, text, kind, lines: new LineIndex(text) });
}

const V3 = 'import { KMSClient, EncryptCommand, DecryptCommand } from "@aws-sdk/client-kms";\n';

describe("code extractor", () => {
  it("dismisses files that name no known module without parsing them", () => {
    assert.equal(mayUseKnownApis("const kms = new KMS(); kms.encrypt({});"), false);
    assert.equal(mayUseKnownApis('const x = "aws-cdk-lib.aws_kms.Key";'), false);
    assert.equal(mayUseKnownApis('import { S3Client } from "@aws-sdk/client-s3";'), false);
    assert.equal(mayUseKnownApis('import { KMSClient } from "@aws-sdk/client-kms";'), true);
    assert.equal(mayUseKnownApis("const AWS = require('aws-sdk'); new AWS.KMS();"), true);
    assert.equal(
      mayUseKnownApis('import * as cdk from "aws-cdk-lib";\nnew cdk.aws_kms.Key(this, "K");'),
      true,
    );
    // Unparseable text without a signal is simply empty, never an error.
    assert.deepEqual(modelOf("kms.encrypt({ KeyId: ))) <<<"), {
      kmsCalls: [],
      esdkCalls: [],
      s3Calls: [],
      cdkGrants: [],
    });
  });

  it("records operation, flavor, contract range, request members and key reference", () => {
    const text = `${V3}const kms = new KMSClient({});\nkms.send(new EncryptCommand({ KeyId: process.env.KEY_ARN, Plaintext: p }));`;
    const [call] = modelOf(text).kmsCalls;
    assert.equal(call.operation, "Encrypt");
    assert.equal(call.flavor, "sdk-v3-command");
    assert.equal(
      text.slice(call.start, call.end),
      "new EncryptCommand({ KeyId: process.env.KEY_ARN, Plaintext: p })",
    );
    assert.deepEqual(call.request.members, ["KeyId", "Plaintext"]);
    assert.equal(call.request.complete, true);
    assert.deepEqual(call.contexts, { EncryptionContext: { kind: "absent" } });
    assert.deepEqual(call.keyReference, { kind: "env", name: "KEY_ARN" });
  });

  it("resolves contexts through consts, shorthands, spreads and casts", () => {
    const text = `${V3}const base = { app: "billing" } as const;\nconst EncryptionContext = { ...base, tenant: tenantId, n: 1 };\nnew EncryptCommand({ KeyId: KEY, EncryptionContext } satisfies object);`;
    const [call] = modelOf(text).kmsCalls;
    const context = call.contexts.EncryptionContext;
    assert.equal(context.kind, "object");
    if (context.kind !== "object") return;
    assert.equal(context.complete, true);
    assert.deepEqual(
      context.entries.map((entry) => [
        entry.key,
        entry.value.kind,
        text.slice(entry.valueStart, entry.valueEnd),
      ]),
      [
        ["app", "string", '"billing"'],
        ["tenant", "expression", "tenantId"],
        ["n", "number", "1"],
      ],
    );
    assert.deepEqual(call.keyReference, { kind: "identifier", name: "KEY" });
  });

  it("treats parameters, unknown spreads and call results as unknown, never absent", () => {
    const text = `${V3}export function f(ctx: any, extra: object, req: any) {\n  new EncryptCommand({ KeyId: "k", EncryptionContext: ctx });\n  new EncryptCommand({ KeyId: "k", ...extra });\n  new EncryptCommand(req);\n  new EncryptCommand({ KeyId: "k", EncryptionContext: build() });\n}`;
    const contexts = modelOf(text).kmsCalls.map((call) => call.contexts.EncryptionContext);
    assert.deepEqual(contexts, [
      { kind: "unknown", reason: "it comes from a parameter" },
      { kind: "unknown", reason: "the request is not fully known" },
      { kind: "unknown", reason: "the request is not fully known" },
      { kind: "unknown", reason: "it is computed at run time" },
    ]);
  });

  it("knows a receiver only by its origin in the file", () => {
    const text = [
      'import { KMS } from "@aws-sdk/client-kms";',
      "import AWS from 'aws-sdk';",
      "const kms = new KMS({});",
      "class Local { encrypt(x: unknown) { return x; } }",
      "function shadowed(kms: Local) { kms.encrypt({ KeyId: 'a' }); }",
      "function typed(client: AWS.KMS) { client.decrypt({ CiphertextBlob: b }); }",
      "kms.encrypt({ KeyId: 'b' });",
      "new Local().encrypt({ KeyId: 'c' });",
    ].join("\n");
    const calls = modelOf(text).kmsCalls.map((call) => [call.operation, call.flavor]);
    assert.deepEqual(calls, [
      ["Decrypt", "sdk-v2"],
      ["Encrypt", "sdk-v3-aggregated"],
    ]);
  });

  it("finds clients in class fields, constructor parameter properties and typed props", () => {
    const text = [
      'import { KMSClient, DecryptCommand, KMS } from "@aws-sdk/client-kms";',
      "interface Deps { readonly kms: KMS }",
      "class Service {",
      "  private agg?: KMS;",
      "  constructor(private readonly deps: Deps) { this.agg = new KMS({}); }",
      "  run() { this.deps.kms.reEncrypt({}); this.agg!.generateDataKey({ KeyId: 'k' }); }",
      "}",
    ].join("\n");
    assert.deepEqual(
      modelOf(text).kmsCalls.map((call) => call.operation),
      ["ReEncrypt", "GenerateDataKey"],
    );
  });

  it("lists identifiers in scope declared before the call, innermost first", () => {
    const text = `${V3}const region = "eu";\nexport function f(tenantId: string) {\n  const documentId = "d";\n  new EncryptCommand({ KeyId: "k" });\n  const later = 1;\n}`;
    assert.deepEqual(modelOf(text).kmsCalls[0].identifiersInScope, [
      "tenantId",
      "documentId",
      "region",
    ]);
  });

  it("records Encryption SDK calls, their options and whether decrypt results are checked", () => {
    const text = [
      'const { buildClient } = require("@aws-crypto/client-node");',
      "const { encrypt, decrypt } = buildClient();",
      "async function a() { const r = await decrypt(k, c); return r.plaintext; }",
      "async function b() { const { messageHeader } = await decrypt(k, c); return messageHeader.encryptionContext; }",
      "const c2 = () => decrypt(k, c);",
      "encrypt(k, p, { encryptionContext: { purpose: 'x' } });",
    ].join("\n");
    const calls = modelOf(text, "a.js").esdkCalls;
    assert.deepEqual(
      calls.map((call) => [call.operation, call.resultContextChecked, call.context.kind]),
      [
        ["decrypt", false, "absent"],
        ["decrypt", true, "absent"],
        ["decrypt", undefined, "absent"],
        ["encrypt", undefined, "object"],
      ],
    );
  });

  it("records CreateGrant operations and constraints", () => {
    const text = `import { CreateGrantCommand, GrantOperation } from "@aws-sdk/client-kms";\nnew CreateGrantCommand({ KeyId: "k", Operations: ["Decrypt", GrantOperation.Encrypt, ...more], Constraints: { SourceArn: "arn" } });`;
    const [call] = modelOf(text).kmsCalls;
    assert.deepEqual(call.grantOperations, { values: ["Decrypt", "Encrypt"], complete: false });
    assert.equal(call.constraints?.kind, "object");
    assert.deepEqual(call.contexts["Constraints.EncryptionContextEquals"], { kind: "absent" });
  });

  it("records S3 SSE contexts and CDK grants only on known receivers", () => {
    const text = [
      'import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";',
      'import * as kms from "aws-cdk-lib/aws-kms";',
      "new PutObjectCommand({ Bucket: 'b', SSEKMSEncryptionContext: ctx });",
      "new PutObjectCommand({ Bucket: 'b' });",
      "const key = new kms.Key(this, 'K');",
      "key.grantDecrypt(role);",
      "other.grantDecrypt(role);",
    ].join("\n");
    const model = modelOf(text);
    assert.deepEqual(
      model.s3Calls.map((call) => [call.operation, call.value?.kind]),
      [["PutObject", "expression"]],
    );
    assert.deepEqual(
      model.cdkGrants.map((grant) => [grant.method, grant.actions]),
      [["grantDecrypt", ["kms:Decrypt"]]],
    );
  });

  it("parses JSX and TSX by extension", () => {
    const jsx = `import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";\nconst C = () => <div onClick={() => new EncryptCommand({ KeyId: "k" })}>x</div>;`;
    assert.equal(modelOf(jsx, "c.jsx").kmsCalls.length, 1);
    assert.equal(modelOf(jsx, "c.tsx").kmsCalls.length, 1);
  });

  it("survives chains far deeper than the stack and truncated input", () => {
    const deep = `${V3}const s = ${Array.from({ length: 30000 }, () => '"a"').join(" + ")};\nconst v = x${".f()".repeat(30000)};\nnew EncryptCommand({ KeyId: "k" });`;
    assert.equal(modelOf(deep).kmsCalls.length, 1);

    const source = `${V3}const kms = new KMSClient({});\nexport async function f(tenantId: string) {\n  await kms.send(new EncryptCommand({ KeyId: "k", EncryptionContext: { tenantId } }));\n  await kms.send(new DecryptCommand({ CiphertextBlob: b, EncryptionContext: { tenantId } }));\n}\n`;
    for (let end = 0; end <= source.length; end += 7) {
      assert.doesNotThrow(() => modelOf(source.slice(0, end)));
    }
  });
});
