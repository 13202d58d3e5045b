import { describe, it } from "node:test";
import { denyNegatedContextCondition as rule } from "../../../src/rules/policy/deny-negated-context-condition";
import { checkRuleCase, checkValidCase } from "../../support/policy-tester";
import { jsonPolicy, rangeOf, yamlTemplate } from "../../support/policy-text";

const DENY_JSON = `    {
      "Sid": "DenyOtherTenants",
      "Effect": "Deny",
      "Principal": "*",
      "Action": ["kms:Decrypt", "kms:DescribeKey"],
      "Resource": "*",
      "Condition": {
        "StringNotEquals": { "kms:EncryptionContext:tenant": "t-1" }
      }
    }`;

describe("KMS106 deny-negated-context-condition", () => {
  const valid = [
    {
      name: "positive operator in a Deny (AWS's documented shape)",
      fileName: "key.json",
      text: jsonPolicy(`    {
      "Effect": "Deny",
      "Principal": "*",
      "Action": "kms:*",
      "Resource": "*",
      "Condition": { "StringEquals": { "kms:EncryptionContext:stage": "restricted" } }
    }`),
    },
    {
      name: "negated operator, context-capable actions only",
      fileName: "key.json",
      text: jsonPolicy(`    {
      "Effect": "Deny",
      "Principal": "*",
      "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
      "Resource": "*",
      "Condition": { "StringNotEquals": { "kms:EncryptionContext:tenant": "t-1" } }
    }`),
    },
  ];
  for (const testCase of valid) {
    it(`valid: ${testCase.name}`, () => checkValidCase(rule, testCase));
  }

  it("invalid: JSON, fixes narrow or split the Deny", () => {
    const text = jsonPolicy(DENY_JSON);
    checkRuleCase(rule, {
      name: "json",
      fileName: "key.json",
      text,
      findings: [
        {
          range: rangeOf(text, DENY_JSON),
          message:
            'Statement "DenyOtherTenants" denies with StringNotEquals on kms:EncryptionContext:tenant; ' +
            "it also lists kms:DescribeKey, which never carry a context: they are always denied.",
        },
      ],
      fixes: {
        "Limit the Deny to context-capable actions": jsonPolicy(`    {
      "Sid": "DenyOtherTenants",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": {
        "StringNotEquals": { "kms:EncryptionContext:tenant": "t-1" }
      }
    }`),
      },
    });
  });

  it("invalid: YAML with IfExists, split keeps the others in a Deny without the condition", () => {
    const statement = `          - Effect: Deny
            Principal: "*"
            Action: [kms:Encrypt, kms:GenerateMac]
            Resource: "*"
            Condition:
              StringNotLikeIfExists:
                kms:EncryptionContext:tenant: t-*`;
    const text = yamlTemplate(statement);
    checkRuleCase(rule, {
      name: "yaml",
      fileName: "t.yaml",
      text,
      findings: [{ range: rangeOf(text, statement), message: /denies with StringNotLikeIfExists/ }],
      fixes: {
        "Split the statement: context-capable actions keep the condition": yamlTemplate(
          `          - Effect: Deny
            Principal: "*"
            Action: kms:Encrypt
            Resource: "*"
            Condition:
              StringNotLikeIfExists:
                kms:EncryptionContext:tenant: t-*`,
          `          - Effect: Deny
            Principal: "*"
            Action: kms:GenerateMac
            Resource: "*"`,
        ),
      },
    });
  });
});
