import { describe, it } from "node:test";
import { wildcardWithoutLikeOperator as rule } from "../../../src/rules/policy/wildcard-without-like-operator";
import { checkRuleCase, checkValidCase } from "../../support/policy-tester";
import { jsonPolicy, rangeOf, yamlTemplate } from "../../support/policy-text";

const statementWith = (condition: string) => `    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": { ${condition} }
    }`;

describe("KMS108 wildcard-without-like-operator", () => {
  const valid = [
    {
      name: "StringLike with a wildcard",
      fileName: "key.json",
      text: jsonPolicy(statementWith(`"StringLike": { "kms:EncryptionContext:app": "bill*" }`)),
    },
    {
      name: "ArnEquals treats * as a wildcard",
      fileName: "key.json",
      text: jsonPolicy(
        statementWith(
          `"ArnEquals": { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:*:111122223333:*" }`,
        ),
      ),
    },
    {
      name: "a policy variable is not a wildcard",
      fileName: "key.json",
      text: jsonPolicy(
        statementWith(`"StringEquals": { "kms:EncryptionContext:user": "\${aws:username}" }`),
      ),
    },
  ];
  for (const testCase of valid) {
    it(`valid: ${testCase.name}`, () => checkValidCase(rule, testCase));
  }

  it("invalid: JSON, fix switches to StringLike", () => {
    const statement = statementWith(`"StringEquals": { "kms:EncryptionContext:app": "bill?ng" }`);
    const text = jsonPolicy(statement);
    checkRuleCase(rule, {
      name: "json",
      fileName: "key.json",
      text,
      findings: [
        {
          range: rangeOf(text, statement),
          message:
            'Statement 1 compares kms:EncryptionContext:app with a wildcard under StringEquals, which matches "*" and "?" literally; use StringLike.',
        },
      ],
      fixes: {
        "Switch to StringLike": jsonPolicy(
          statementWith(`"StringLike": { "kms:EncryptionContext:app": "bill?ng" }`),
        ),
      },
    });
  });

  it("invalid: IgnoreCase has no safe fix", () => {
    const statement = statementWith(
      `"StringEqualsIgnoreCase": { "kms:EncryptionContext:app": "bill*" }`,
    );
    const text = jsonPolicy(statement);
    checkRuleCase(rule, {
      name: "ignore case",
      fileName: "key.json",
      text,
      findings: [{ range: rangeOf(text, statement), message: /under StringEqualsIgnoreCase/ }],
    });
  });

  it("invalid: YAML flow condition", () => {
    const statement = `          - Effect: Allow
            Action: kms:Decrypt
            Resource: "*"
            Condition: { StringNotEquals: { kms:EncryptionContext:aws:s3:arn: "arn:aws:s3:::reports/*" } }`;
    const text = yamlTemplate(statement);
    checkRuleCase(rule, {
      name: "yaml",
      fileName: "t.yaml",
      text,
      findings: [{ range: rangeOf(text, statement), message: /under StringNotEquals/ }],
      fixes: {
        "Switch to StringLike": yamlTemplate(`          - Effect: Allow
            Action: kms:Decrypt
            Resource: "*"
            Condition: { StringNotLike: { kms:EncryptionContext:aws:s3:arn: "arn:aws:s3:::reports/*" } }`),
      },
    });
  });
});
