import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDocument } from "yaml";
import { analyzeDocument } from "../../src/engine/analyze";
import { placeContext, type DocumentTarget } from "../../src/engine/builder/place";
import { presetById, presetPairs } from "../../src/engine/builder/presets";
import { applyOffsetEdits } from "../../src/engine/builder/text-edit";
import type { ContextPair } from "../../src/engine/builder/types";
import { code, literal } from "./support";

/** Places the pairs where `marker` starts and returns the new text. */
function insert(
  text: string,
  fileName: string,
  marker: string,
  pairs: ContextPair[],
  target: DocumentTarget,
): string {
  const offset = text.indexOf(marker);
  assert.notEqual(offset, -1, `marker ${marker} not found`);
  const result = placeContext({ text, fileName, offset, pairs, target });
  assert.ok(result.ok, result.ok ? "" : result.reason);
  return applyOffsetEdits(text, [result.edit]);
}

function codes(text: string, fileName: string): string[] {
  return analyzeDocument({ fileName, text }).findings.map((finding) => finding.code);
}

const tenantPurpose = presetPairs(presetById("app-tenant-purpose")!, { purpose: "invoices" });

describe("the builder's output satisfies the rules", () => {
  it("removes KMS001 from an SDK v3 Encrypt call", () => {
    const text = [
      'import { EncryptCommand, KMSClient } from "@aws-sdk/client-kms";',
      "const kms = new KMSClient({});",
      "export async function seal(tenantId: string, data: Uint8Array) {",
      '  return kms.send(new EncryptCommand({ KeyId: "alias/app", Plaintext: data }));',
      "}",
      "",
    ].join("\n");
    assert.deepEqual(codes(text, "seal.ts"), ["KMS001"]);
    const after = insert(text, "seal.ts", "new EncryptCommand", tenantPurpose, { kind: "code" });
    assert.deepEqual(codes(after, "seal.ts"), []);
    assert.match(after, /tenant: tenantId,\n {6}purpose: "invoices",/);
  });

  it("removes KMS002 from an SDK v2 decrypt", () => {
    const text = [
      'const AWS = require("aws-sdk");',
      "const kms = new AWS.KMS();",
      "async function open(blob, tenantId) {",
      "  return kms.decrypt({ CiphertextBlob: blob }).promise();",
      "}",
      "",
    ].join("\n");
    assert.deepEqual(codes(text, "open.js"), ["KMS002"]);
    const after = insert(text, "open.js", "decrypt(", tenantPurpose, { kind: "code" });
    assert.deepEqual(codes(after, "open.js"), []);
  });

  const keyPolicy = JSON.stringify(
    {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AllowApp",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::111122223333:role/App" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey"],
          Resource: "*",
        },
      ],
    },
    null,
    2,
  );

  for (const options of [undefined, { keysAllowList: true }]) {
    it(`removes KMS101 from a key policy (allow-list: ${options ? "yes" : "no"})`, () => {
      assert.deepEqual(codes(keyPolicy, "key-policy.json"), ["KMS101"]);
      const pairs = [code("tenant", "tenantId"), literal("purpose", "invoices")];
      const after = insert(keyPolicy, "key-policy.json", '"Sid"', pairs, {
        kind: "policy",
        options,
      });
      assert.deepEqual(codes(after, "key-policy.json"), []);
      assert.equal(JSON.parse(after).Statement[0].Sid, "AllowApp");
    });
  }

  it("removes KMS101 from a CloudFormation YAML statement and keeps the template valid", () => {
    const template = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      "Resources:",
      "  AppKey:",
      "    Type: AWS::KMS::Key",
      "    Properties:",
      "      KeyPolicy:",
      "        Version: '2012-10-17'",
      "        Statement:",
      "          - Sid: AllowApp",
      "            Effect: Allow",
      "            Principal:",
      "              AWS: !Sub arn:aws:iam::${AWS::AccountId}:role/App",
      "            Action:",
      "              - kms:Decrypt",
      "              - kms:Encrypt",
      "            Resource: '*'",
      "",
    ].join("\n");
    assert.deepEqual(codes(template, "template.yaml"), ["KMS101"]);
    const after = insert(template, "template.yaml", "Sid: AllowApp", tenantPurpose, {
      kind: "policy",
      options: { keysAllowList: true },
    });
    assert.deepEqual(codes(after, "template.yaml"), []);
    assert.deepEqual(parseDocument(after).errors, []);
  });
});
