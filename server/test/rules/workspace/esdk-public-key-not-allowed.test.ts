import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { esdkPublicKeyNotAllowed } from "../../../src/rules/workspace/esdk-public-key-not-allowed";
import { applyFix } from "../../support/policy-tester";
import { analyzeIn, brief, indexOf } from "../../workspace/support";

const rules = [esdkPublicKeyNotAllowed];

function esdkFile(options: string): string {
  return [
    'import { buildClient, CommitmentPolicy, KmsKeyringNode, AlgorithmSuiteIdentifier } from "@aws-crypto/client-node";',
    "const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);",
    'const keyring = new KmsKeyringNode({ generatorKeyId: "alias/archive" });',
    `export const archive = (data: Buffer) => encrypt(keyring, data, ${options});`,
  ].join("\n");
}

const SIGNING = esdkFile('{ encryptionContext: { purpose: "archive" } }');

function keyPolicy(keys: string): string {
  return [
    "{",
    '  "Statement": [',
    "    {",
    '      "Effect": "Allow",',
    '      "Principal": { "AWS": "arn:aws:iam::111122223333:role/Archiver" },',
    '      "Action": ["kms:GenerateDataKey", "kms:Decrypt"],',
    '      "Resource": "*",',
    '      "Condition": {',
    '        "Null": { "kms:EncryptionContextKeys": "false" },',
    `        "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ${keys} }`,
    "      }",
    "    }",
    "  ]",
    "}",
  ].join("\n");
}

describe("KMS111 esdk-public-key-not-allowed", () => {
  it("reports an allow-list without the SDK's key and adds it to a JSON array", () => {
    const text = keyPolicy('["purpose", "app"]');
    const index = indexOf({ "src/archive.ts": SIGNING, "policy/key.json": text });
    const findings = analyzeIn(index, "policy/key.json", rules);

    assert.deepEqual(findings.map(brief), [
      {
        code: "KMS111",
        at: "3:5-12:6",
        message:
          'This ForAllValues allow-list of context keys omits "aws-crypto-public-key", which the AWS Encryption SDK adds to the context with its default (signing) algorithm suites, as in archive.ts:4: those requests will be denied.',
        related: ["src/archive.ts:4:42 Encryption SDK encrypt (signing suite)"],
      },
    ]);
    assert.equal(findings[0].fixes[0].title, 'Allow the "aws-crypto-public-key" context key');
    assert.equal(
      applyFix(text, findings[0].fixes[0]),
      keyPolicy('["aws-crypto-public-key", "purpose", "app"]'),
    );
  });

  it("turns a single listed key into a list", () => {
    const text = keyPolicy('"purpose"');
    const index = indexOf({ "src/archive.ts": SIGNING, "policy/key.json": text });
    const [finding] = analyzeIn(index, "policy/key.json", rules);
    assert.equal(
      applyFix(text, finding.fixes[0]),
      keyPolicy('["purpose", "aws-crypto-public-key"]'),
    );
  });

  it("adds an item to a YAML block sequence with the same indentation", () => {
    const yaml = [
      "Statement:",
      "  - Effect: Allow",
      "    Principal: { AWS: arn:aws:iam::111122223333:role/Archiver }",
      "    Action: kms:GenerateDataKey",
      "    Resource: '*'",
      "    Condition:",
      "      ForAllValues:StringEquals:",
      "        kms:EncryptionContextKeys:",
      "          - purpose",
      "          - app",
    ].join("\n");
    const index = indexOf({ "src/archive.ts": SIGNING, "policy/key.yaml": yaml });
    const [finding] = analyzeIn(index, "policy/key.yaml", rules);
    assert.equal(
      applyFix(yaml, finding.fixes[0]),
      yaml.replace("          - purpose", "          - aws-crypto-public-key\n          - purpose"),
    );
  });

  it("accepts a list that admits the key, exactly or by pattern", () => {
    for (const keys of ['["aws-crypto-public-key", "purpose"]', '["purpose", "aws-crypto-*"]']) {
      const text = keyPolicy(keys).replace(
        "ForAllValues:StringEquals",
        keys.includes("*") ? "ForAllValues:StringLike" : "ForAllValues:StringEquals",
      );
      const index = indexOf({ "src/archive.ts": SIGNING, "policy/key.json": text });
      assert.deepEqual(analyzeIn(index, "policy/key.json", rules), [], keys);
    }
  });

  it("stays silent without Encryption SDK encrypts that sign", () => {
    const text = keyPolicy('["purpose"]');
    const unsigned = esdkFile(
      '{ encryptionContext: { purpose: "archive" }, suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA256 }',
    );
    for (const code of [unsigned, "export const nothing = 1;"]) {
      const index = indexOf({ "src/archive.ts": code, "policy/key.json": text });
      assert.deepEqual(analyzeIn(index, "policy/key.json", rules), []);
    }
  });

  it("stays silent on a key policy when the code uses other keys besides the SDK's", () => {
    const text = keyPolicy('["purpose"]');
    const other = [
      'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";',
      "const kms = new KMSClient({});",
      'kms.send(new EncryptCommand({ KeyId: "alias/other", Plaintext: p, EncryptionContext: { purpose: "x" } }));',
    ].join("\n");
    const index = indexOf({
      "src/archive.ts": SIGNING,
      "src/other.ts": other,
      "policy/key.json": text,
    });
    assert.deepEqual(analyzeIn(index, "policy/key.json", rules), []);
  });
});
