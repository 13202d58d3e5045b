import { describe, it } from "node:test";
import { contextConditionOnUnsupportedAction as rule } from "../../../src/rules/policy/context-condition-on-unsupported-action";
import { checkRuleCase, checkValidCase } from "../../support/policy-tester";
import { jsonPolicy, rangeOf, yamlTemplate } from "../../support/policy-text";

const MIXED_JSON = `    {
      "Sid": "AppUse",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },
      "Action": ["kms:Decrypt", "kms:DescribeKey"],
      "Resource": "*",
      "Condition": {
        "StringEquals": { "kms:EncryptionContext:tenant": "t-1" }
      }
    }`;

describe("KMS105 context-condition-on-unsupported-action", () => {
  const valid = [
    {
      name: "only context-capable actions",
      fileName: "key.json",
      text: jsonPolicy(`    {
      "Effect": "Allow",
      "Action": ["kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant"],
      "Resource": "*",
      "Condition": { "StringEquals": { "kms:EncryptionContext:tenant": "t-1" } }
    }`),
    },
    {
      name: "service principal with a proper context condition (CloudWatch Logs shape)",
      fileName: "key.json",
      text: jsonPolicy(`    {
      "Effect": "Allow",
      "Principal": { "Service": "logs.us-east-1.amazonaws.com" },
      "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      "Resource": "*",
      "Condition": {
        "ArnLike": { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:log-group:*" }
      }
    }`),
    },
    {
      name: "a Deny (KMS106's business)",
      fileName: "key.json",
      text: jsonPolicy(`    {
      "Effect": "Deny",
      "Principal": "*",
      "Action": "kms:*",
      "Resource": "*",
      "Condition": { "StringEquals": { "kms:EncryptionContext:stage": "restricted" } }
    }`),
    },
  ];
  for (const testCase of valid) {
    it(`valid: ${testCase.name}`, () => checkValidCase(rule, testCase));
  }

  it("invalid: JSON, fix splits the statement", () => {
    const text = jsonPolicy(MIXED_JSON);
    checkRuleCase(rule, {
      name: "json",
      fileName: "key.json",
      text,
      findings: [
        {
          range: rangeOf(text, MIXED_JSON),
          message:
            'Statement "AppUse" has an encryption-context condition, but it also lists ' +
            "kms:DescribeKey, which never carry a context: this statement never allows them.",
        },
      ],
      fixes: {
        "Split the statement: context-capable actions keep the condition": jsonPolicy(
          `    {
      "Sid": "AppUse",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": {
        "StringEquals": { "kms:EncryptionContext:tenant": "t-1" }
      }
    }`,
          `    {
      "Sid": "AppUseWithoutContext",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },
      "Action": "kms:DescribeKey",
      "Resource": "*"
    }`,
        ),
      },
    });
  });

  it("invalid: kms:* expands into the two halves", () => {
    const statement = `    {
      "Effect": "Allow",
      "Action": "kms:*",
      "Resource": "*",
      "Condition": { "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "tenant" } }
    }`;
    const text = jsonPolicy(statement);
    checkRuleCase(rule, {
      name: "kms:*",
      fileName: "key.json",
      text,
      findings: [
        {
          range: rangeOf(text, statement),
          message:
            /^Statement 1 has an encryption-context condition, but it also lists kms:CancelKeyDeletion, kms:ConnectCustomKeyStore, kms:CreateAlias and 42 more/,
        },
      ],
    });
  });

  it("invalid: YAML block list, fix splits into two list items", () => {
    const statement = `          - Sid: AppUse
            Effect: Allow
            Principal:
              AWS: !GetAtt AppRole.Arn
            Action:
              - kms:Decrypt
              - kms:GenerateDataKey
              - kms:Sign
            Resource: "*"
            Condition:
              StringEquals:
                kms:EncryptionContext:tenant: t-1`;
    const text = yamlTemplate(statement);
    checkRuleCase(rule, {
      name: "yaml",
      fileName: "t.yaml",
      text,
      findings: [{ range: rangeOf(text, statement), message: /also lists kms:Sign, which/ }],
      fixes: {
        "Split the statement: context-capable actions keep the condition": yamlTemplate(
          `          - Sid: AppUse
            Effect: Allow
            Principal:
              AWS: !GetAtt AppRole.Arn
            Action:
              - kms:Decrypt
              - kms:GenerateDataKey
            Resource: "*"
            Condition:
              StringEquals:
                kms:EncryptionContext:tenant: t-1`,
          `          - Sid: AppUseWithoutContext
            Effect: Allow
            Principal:
              AWS: !GetAtt AppRole.Arn
            Action: kms:Sign
            Resource: "*"`,
        ),
      },
    });
  });

  it("invalid: YAML flow statement splits in flow style", () => {
    const statement = `          - { Effect: Allow, Action: [kms:Decrypt, kms:DescribeKey], Resource: "*", Condition: { StringEquals: { kms:EncryptionContext:tenant: t-1 } } }`;
    const text = yamlTemplate(statement);
    checkRuleCase(rule, {
      name: "yaml flow",
      fileName: "t.yaml",
      text,
      findings: [{ range: rangeOf(text, statement), message: /also lists kms:DescribeKey/ }],
      fixes: {
        "Split the statement: context-capable actions keep the condition": yamlTemplate(
          `          - { Effect: Allow, Action: kms:Decrypt, Resource: "*", Condition: { StringEquals: { kms:EncryptionContext:tenant: t-1 } } }`,
          `          - { Effect: Allow, Action: kms:DescribeKey, Resource: "*" }`,
        ),
      },
    });
  });
});
