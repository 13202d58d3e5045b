import { describe, it } from "node:test";
import { optionalContextCondition as rule } from "../../../src/rules/policy/optional-context-condition";
import { checkRuleCase, checkValidCase } from "../../support/policy-tester";
import { jsonPolicy, rangeOf, yamlTemplate } from "../../support/policy-text";

describe("KMS107 optional-context-condition", () => {
  const valid = [
    {
      name: "IfExists in a Deny",
      fileName: "key.json",
      text: jsonPolicy(`    {
      "Effect": "Deny",
      "Principal": "*",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": { "StringNotEqualsIfExists": { "kms:EncryptionContext:tenant": "t-1" } }
    }`),
    },
    {
      name: "IfExists on another key",
      fileName: "key.json",
      text: jsonPolicy(`    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": {
        "StringEquals": { "kms:EncryptionContext:tenant": "t-1" },
        "StringEqualsIfExists": { "kms:ViaService": "s3.us-east-1.amazonaws.com" }
      }
    }`),
    },
  ];
  for (const testCase of valid) {
    it(`valid: ${testCase.name}`, () => checkValidCase(rule, testCase));
  }

  it("invalid: JSON, fix drops IfExists", () => {
    const statement = `    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": { "StringEqualsIfExists": { "kms:EncryptionContext:tenant": "t-1" } }
    }`;
    const text = jsonPolicy(statement);
    checkRuleCase(rule, {
      name: "json",
      fileName: "key.json",
      text,
      findings: [
        {
          range: rangeOf(text, statement),
          message:
            "Statement 1 uses StringEqualsIfExists on kms:EncryptionContext:tenant: requests " +
            "without that context key pass the condition.",
        },
      ],
      fixes: {
        "Drop IfExists so the context is required": jsonPolicy(`    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": { "StringEquals": { "kms:EncryptionContext:tenant": "t-1" } }
    }`),
      },
    });
  });

  it("invalid: YAML, the entry joins an existing StringEquals block", () => {
    const statement = `          - Effect: Allow
            Action: kms:Decrypt
            Resource: "*"
            Condition:
              StringEquals:
                kms:CallerAccount: "111122223333"
              StringLikeIfExists:
                kms:EncryptionContext:tenant: t-*
                kms:EncryptionContext:app: billing`;
    const text = yamlTemplate(statement);
    checkRuleCase(rule, {
      name: "yaml",
      fileName: "t.yaml",
      text,
      findings: [
        {
          range: rangeOf(text, statement),
          message: /uses StringLikeIfExists on kms:EncryptionContext:tenant/,
        },
      ],
      fixes: {
        "Drop IfExists so the context is required": yamlTemplate(`          - Effect: Allow
            Action: kms:Decrypt
            Resource: "*"
            Condition:
              StringEquals:
                kms:CallerAccount: "111122223333"
              StringLike:
                kms:EncryptionContext:tenant: t-*
                kms:EncryptionContext:app: billing`),
      },
    });
  });
});
