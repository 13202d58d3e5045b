import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unsatisfiableContextCondition } from "../../../src/rules/workspace/unsatisfiable-context-condition";
import { analyzeIn, brief, indexOf } from "../../workspace/support";

const rules = [unsatisfiableContextCondition];

function encryptFile(context: string, key = '"alias/orders"'): string {
  return [
    'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";',
    "const kms = new KMSClient({});",
    `kms.send(new EncryptCommand({ KeyId: ${key}, Plaintext: p, EncryptionContext: ${context} }));`,
  ].join("\n");
}

function policy(condition: string, extra = ""): string {
  return [
    "{",
    '  "Version": "2012-10-17",',
    '  "Statement": [',
    "    {",
    '      "Sid": "UseOrders",',
    '      "Effect": "Allow",',
    `      "Action": ["kms:Encrypt", "kms:Decrypt"],${extra}`,
    '      "Resource": "arn:aws:kms:eu-west-1:111122223333:alias/orders",',
    `      "Condition": ${condition}`,
    "    }",
    "  ]",
    "}",
  ].join("\n");
}

const REQUIRES_DEPARTMENT = '{ "StringEquals": { "kms:EncryptionContext:department": "sales" } }';

function findingsFor(files: Record<string, string>): ReturnType<typeof brief>[] {
  return analyzeIn(indexOf(files), "policy/orders.json", rules).map(brief);
}

describe("KMS112 unsatisfiable-context-condition", () => {
  it("reports a required key that no call with the governed key sends", () => {
    assert.deepEqual(
      findingsFor({
        "src/save.ts": encryptFile('{ purpose: "order" }'),
        "policy/orders.json": policy(REQUIRES_DEPARTMENT),
      }),
      [
        {
          code: "KMS112",
          at: "4:5-10:6",
          message:
            'kms:EncryptionContext:department is required, but no call sends the key "department". This statement allows none of the 1 KMS call(s) the workspace makes with this key (first: save.ts:3), so they will be denied unless another statement allows them.',
          related: ["src/save.ts:3:10 Encrypt with EncryptionContext"],
        },
      ],
    );
  });

  it("reports a required literal value that the code never sends", () => {
    const findings = findingsFor({
      "src/save.ts": encryptFile('{ purpose: "order" }'),
      "policy/orders.json": policy(
        '{ "StringEquals": { "kms:EncryptionContext:purpose": ["orders", "refunds"] } }',
      ),
    });
    assert.deepEqual(
      findings.map((finding) => finding.message),
      [
        'kms:EncryptionContext:purpose must be "orders", "refunds", but the code sends "order". This statement allows none of the 1 KMS call(s) the workspace makes with this key (first: save.ts:3), so they will be denied unless another statement allows them.',
      ],
    );
  });

  it("accepts a key sent in another case (condition key names ignore case) and a matching pattern", () => {
    assert.deepEqual(
      findingsFor({
        "src/save.ts": encryptFile('{ department: "sales-eu" }'),
        "policy/orders.json": policy(
          '{ "StringLike": { "kms:EncryptionContext:Department": "sales-*" } }',
        ),
      }),
      [],
    );
  });

  it("stays silent when any call that may use the key has a context it cannot read", () => {
    assert.deepEqual(
      findingsFor({
        "src/save.ts": encryptFile('{ purpose: "order" }'),
        "src/dynamic.ts": encryptFile("contextFromSomewhere()", "process.env.KEY"),
        "policy/orders.json": policy(REQUIRES_DEPARTMENT),
      }),
      [],
    );
  });

  it("stays silent when no code uses the key the statement governs", () => {
    assert.deepEqual(
      findingsFor({
        "src/save.ts": encryptFile('{ purpose: "order" }', '"alias/other"'),
        "policy/orders.json": policy(REQUIRES_DEPARTMENT),
      }),
      [],
    );
  });

  it("leaves AWS service contexts, IfExists, Deny and ViaService statements alone", () => {
    const code = encryptFile('{ purpose: "order" }');
    const cases = [
      policy('{ "StringEquals": { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::b/*" } }'),
      policy('{ "StringEqualsIfExists": { "kms:EncryptionContext:department": "sales" } }'),
      policy(REQUIRES_DEPARTMENT).replace('"Allow"', '"Deny"'),
      policy(
        '{ "StringEquals": { "kms:EncryptionContext:department": "sales", "kms:ViaService": "s3.eu-west-1.amazonaws.com" } }',
      ),
    ];
    for (const text of cases) {
      assert.deepEqual(findingsFor({ "src/save.ts": code, "policy/orders.json": text }), [], text);
    }
  });

  it("reads CloudFormation YAML key policies, whose statements govern every key", () => {
    const template = [
      "Resources:",
      "  OrdersKey:",
      "    Type: AWS::KMS::Key",
      "    Properties:",
      "      KeyPolicy:",
      "        Version: '2012-10-17'",
      "        Statement:",
      "          - Sid: AppUse",
      "            Effect: Allow",
      "            Principal:",
      "              AWS: !Sub arn:aws:iam::${AWS::AccountId}:role/App",
      "            Action: kms:Decrypt",
      "            Resource: '*'",
      "            Condition:",
      "              StringEquals:",
      "                kms:EncryptionContext:tenant: t-1",
    ].join("\n");
    const index = indexOf({
      "src/load.ts": [
        'import { KMSClient, DecryptCommand } from "@aws-sdk/client-kms";',
        "const kms = new KMSClient({});",
        'kms.send(new DecryptCommand({ KeyId: process.env.KEY, CiphertextBlob: b, EncryptionContext: { tenantId: "t-1" } }));',
      ].join("\n"),
      "infra/template.yaml": template,
    });
    assert.deepEqual(
      analyzeIn(index, "infra/template.yaml", rules).map((finding) => [
        brief(finding).at,
        finding.message,
      ]),
      [
        [
          "8:13-16:50",
          'kms:EncryptionContext:tenant is required, but no call sends the key "tenant". This statement allows none of the 1 KMS call(s) the workspace makes with this key (first: load.ts:3), so they will be denied unless another statement allows them.',
        ],
      ],
    );
  });

  it("stays silent on a key policy when the code uses several keys: which one it governs is unknown", () => {
    const keyPolicy = policy(REQUIRES_DEPARTMENT).replace(
      '"arn:aws:kms:eu-west-1:111122223333:alias/orders"',
      '"*"',
    );
    const oneKey = { "src/save.ts": encryptFile('{ purpose: "order" }') };
    assert.equal(findingsFor({ ...oneKey, "policy/orders.json": keyPolicy }).length, 1);
    assert.deepEqual(
      findingsFor({
        ...oneKey,
        "src/other.ts": encryptFile('{ purpose: "x" }', '"alias/other"'),
        "policy/orders.json": keyPolicy,
      }),
      [],
    );
  });
});
