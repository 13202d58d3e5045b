import { describe, it } from "node:test";
import { contextKeysWithoutSetOperator as rule } from "../../../src/rules/policy/context-keys-without-set-operator";
import { checkRuleCase, checkValidCase } from "../../support/policy-tester";
import { jsonPolicy, rangeOf, yamlTemplate } from "../../support/policy-text";

describe("KMS104 context-keys-without-set-operator", () => {
  const valid = [
    {
      name: "ForAnyValue on the keys list",
      fileName: "key.json",
      text: jsonPolicy(`    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": { "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "tenant" } }
    }`),
    },
    {
      name: "Null on the keys list",
      fileName: "key.json",
      text: jsonPolicy(`    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": { "Null": { "kms:EncryptionContextKeys": "false" } }
    }`),
    },
  ];
  for (const testCase of valid) {
    it(`valid: ${testCase.name}`, () => checkValidCase(rule, testCase));
  }

  it("invalid: JSON with a case-variant key name", () => {
    const statement = `    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": { "StringEquals": { "KMS:encryptionContextKeys": "tenant" } }
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
            "Statement 1 tests the multi-valued kms:EncryptionContextKeys with StringEquals; use " +
            "ForAnyValue: (at least one of these keys) or ForAllValues: (only these keys).",
        },
      ],
      fixes: {
        "Add ForAnyValue: to the operator": jsonPolicy(`    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": { "ForAnyValue:StringEquals": { "KMS:encryptionContextKeys": "tenant" } }
    }`),
      },
    });
  });

  it("invalid: YAML block", () => {
    const statement = `          - Effect: Allow
            Action: kms:Decrypt
            Resource: "*"
            Condition:
              StringLike:
                kms:EncryptionContextKeys: ten*
              StringEquals:
                kms:CallerAccount: "111122223333"`;
    const text = yamlTemplate(statement);
    checkRuleCase(rule, {
      name: "yaml",
      fileName: "t.yaml",
      text,
      findings: [{ range: rangeOf(text, statement), message: /with StringLike; use ForAnyValue:/ }],
      fixes: {
        "Add ForAnyValue: to the operator": yamlTemplate(`          - Effect: Allow
            Action: kms:Decrypt
            Resource: "*"
            Condition:
              ForAnyValue:StringLike:
                kms:EncryptionContextKeys: ten*
              StringEquals:
                kms:CallerAccount: "111122223333"`),
      },
    });
  });
});
