import { describe, it } from "node:test";
import { contextKeysWithoutNullGuard as rule } from "../../../src/rules/policy/context-keys-without-null-guard";
import { checkRuleCase, checkValidCase } from "../../support/policy-tester";
import { jsonPolicy, rangeOf, yamlTemplate } from "../../support/policy-text";

const ALLOW_LIST_JSON = `    {
      "Sid": "KeysOnly",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": {
        "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["tenant", "purpose"] }
      }
    }`;

const MESSAGE =
  'Statement "KeysOnly" uses ForAllValues:StringEquals on kms:EncryptionContextKeys with no Null ' +
  "guard or required pair, so requests with no encryption context also match.";

const withCondition = (condition: string) =>
  jsonPolicy(`    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": {
${condition}
      }
    }`);

describe("KMS102 context-keys-without-null-guard", () => {
  const valid = [
    {
      name: "Null false guard",
      fileName: "key.json",
      text: withCondition(`        "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["tenant"] },
        "Null": { "kms:EncryptionContextKeys": "false" }`),
    },
    {
      name: "a required pair (AWS's documented combination)",
      fileName: "key.json",
      text: withCondition(`        "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["tenant"] },
        "StringEquals": { "kms:EncryptionContext:tenant": "t-1" }`),
    },
    {
      name: "ForAnyValue requires at least one key",
      fileName: "key.json",
      text: withCondition(
        `        "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": ["tenant"] }`,
      ),
    },
    {
      name: "a Deny statement",
      fileName: "key.json",
      text: jsonPolicy(`    {
      "Effect": "Deny",
      "Principal": "*",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": { "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["tenant"] } }
    }`),
    },
    {
      name: "a Null guard given by an intrinsic",
      fileName: "t.yaml",
      text: yamlTemplate(`          - Effect: Allow
            Action: kms:Decrypt
            Resource: "*"
            Condition:
              ForAllValues:StringEquals: { kms:EncryptionContextKeys: [tenant] }
              "Null": { kms:EncryptionContextKeys: !Ref RequireContext }`),
    },
  ];
  for (const testCase of valid) {
    it(`valid: ${testCase.name}`, () => checkValidCase(rule, testCase));
  }

  it("invalid: JSON, fix adds the Null guard", () => {
    const text = jsonPolicy(ALLOW_LIST_JSON);
    checkRuleCase(rule, {
      name: "json",
      fileName: "key.json",
      text,
      findings: [{ range: rangeOf(text, ALLOW_LIST_JSON), message: MESSAGE }],
      fixes: {
        'Add "Null": { "kms:EncryptionContextKeys": "false" }': jsonPolicy(`    {
      "Sid": "KeysOnly",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": {
        "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["tenant", "purpose"] },
        "Null": {
          "kms:EncryptionContextKeys": "false"
        }
      }
    }`),
      },
    });
  });

  it("invalid: YAML block, fix adds the Null guard", () => {
    const statement = `          - Sid: KeysOnly
            Effect: Allow
            Action: kms:Decrypt
            Resource: "*"
            Condition:
              ForAllValues:StringEquals:
                kms:EncryptionContextKeys:
                  - tenant
                  - purpose # both are sent`;
    const text = yamlTemplate(statement);
    checkRuleCase(rule, {
      name: "yaml",
      fileName: "t.yaml",
      text,
      findings: [{ range: rangeOf(text, statement), message: MESSAGE }],
      fixes: {
        'Add "Null": { "kms:EncryptionContextKeys": "false" }': yamlTemplate(`${statement}
              "Null":
                kms:EncryptionContextKeys: "false"`),
      },
    });
  });

  it("invalid: YAML flow condition, fix adds the Null guard in flow style", () => {
    const statement = `          - Sid: KeysOnly
            Effect: Allow
            Action: kms:Decrypt
            Resource: "*"
            Condition: { ForAllValues:StringLike: { kms:EncryptionContextKeys: [tenant] } }`;
    const text = yamlTemplate(statement);
    checkRuleCase(rule, {
      name: "yaml flow",
      fileName: "t.yaml",
      text,
      findings: [{ range: rangeOf(text, statement), message: /uses ForAllValues:StringLike on/ }],
      fixes: {
        'Add "Null": { "kms:EncryptionContextKeys": "false" }':
          yamlTemplate(`          - Sid: KeysOnly
            Effect: Allow
            Action: kms:Decrypt
            Resource: "*"
            Condition: { ForAllValues:StringLike: { kms:EncryptionContextKeys: [tenant] }, "Null": { kms:EncryptionContextKeys: "false" } }`),
      },
    });
  });
});
