import { describe, it } from "node:test";
import { missingContextCondition as rule } from "../../../src/rules/policy/missing-context-condition";
import { checkRuleCase, checkValidCase } from "../../support/policy-tester";
import { jsonPolicy, rangeOf, yamlTemplate } from "../../support/policy-text";

const ROOT_JSON = `    {
      "Sid": "EnableRoot",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
      "Action": "kms:*",
      "Resource": "*"
    }`;

const APP_JSON = `    {
      "Sid": "AppUse",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },
      "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
      "Resource": "*"
    }`;

const APP_YAML = `          - Sid: AppUse
            Effect: Allow
            Principal:
              AWS: !GetAtt AppRole.Arn
            Action:
              - kms:Decrypt
              - kms:GenerateDataKey
            Resource: "*"`;

const FLOW_YAML = `          - { Effect: Allow, Principal: { AWS: !Ref Role }, Action: kms:Encrypt, Resource: "*" }`;

const MESSAGE =
  'Statement "AppUse" allows kms:Decrypt, kms:GenerateDataKey without any encryption-context ' +
  "condition, so the key works for any data, with any context or none.";

describe("KMS101 missing-context-condition", () => {
  const valid = [
    { name: "root delegation (JSON)", fileName: "key.json", text: jsonPolicy(ROOT_JSON) },
    {
      name: "root delegation written with !Sub",
      fileName: "t.yaml",
      text: yamlTemplate(`          - Effect: Allow
            Principal:
              AWS: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root"
            Action: kms:*
            Resource: "*"`),
    },
    {
      name: "a context pair condition",
      fileName: "key.json",
      text: jsonPolicy(`    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": { "StringEquals": { "kms:EncryptionContext:tenant": "t-1" } }
    }`),
    },
    {
      name: "a Deny statement",
      fileName: "key.json",
      text: jsonPolicy(`    {
      "Effect": "Deny",
      "Principal": "*",
      "Action": "kms:Decrypt",
      "Resource": "*"
    }`),
    },
    {
      name: "only actions that never carry a context",
      fileName: "key.json",
      text: jsonPolicy(`    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },
      "Action": ["kms:DescribeKey", "kms:Sign", "kms:List*"],
      "Resource": "*"
    }`),
    },
    {
      name: "non-KMS identity statement",
      fileName: "policy.json",
      text: jsonPolicy(`    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": "arn:aws:s3:::reports/*"
    }`),
    },
    {
      name: "a flawed context condition is left to the specific rules",
      fileName: "key.json",
      text: jsonPolicy(`    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": { "StringEquals": { "kms:EncryptionContext": "t-1" } }
    }`),
    },
    {
      name: "a Condition that is an intrinsic",
      fileName: "t.yaml",
      text: yamlTemplate(`          - Effect: Allow
            Action: kms:Decrypt
            Resource: "*"
            Condition: !If [IsProd, { StringEquals: { a: b } }, !Ref AWS::NoValue]`),
    },
    {
      name: "unknown actions",
      fileName: "t.yaml",
      text: yamlTemplate(`          - Effect: Allow
            Action: !Ref Actions
            Resource: "*"`),
    },
    {
      name: "trust policy of a role",
      fileName: "t.yaml",
      text: `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: "*"
`,
    },
  ];
  for (const testCase of valid) {
    it(`valid: ${testCase.name}`, () => checkValidCase(rule, testCase));
  }

  it("invalid: JSON key policy, with the placeholder and key-list fixes", () => {
    const text = jsonPolicy(ROOT_JSON, APP_JSON);
    checkRuleCase(rule, {
      name: "json",
      fileName: "key.json",
      text,
      findings: [{ range: rangeOf(text, APP_JSON), message: MESSAGE }],
      fixes: {
        "Require an encryption context pair (StringEquals placeholder)": jsonPolicy(
          ROOT_JSON,
          `    {
      "Sid": "AppUse",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },
      "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "kms:EncryptionContext:<context-key>": "<expected-value>"
        }
      }
    }`,
        ),
        "Require encryption context keys (ForAnyValue:StringEquals on kms:EncryptionContextKeys)":
          jsonPolicy(
            ROOT_JSON,
            `    {
      "Sid": "AppUse",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },
      "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
      "Resource": "*",
      "Condition": {
        "ForAnyValue:StringEquals": {
          "kms:EncryptionContextKeys": "<context-key>"
        }
      }
    }`,
          ),
      },
    });
  });

  it("invalid: the workspace's sent keys are offered first, with their literal values", () => {
    const text = jsonPolicy(APP_JSON);
    checkRuleCase(rule, {
      name: "json with workspace keys",
      fileName: "key.json",
      text,
      sentKeys: [
        { key: "tenant", values: ["t-42"], count: 3 },
        { key: "purpose", values: [], count: 1 },
      ],
      findings: [{ range: rangeOf(text, APP_JSON), message: MESSAGE }],
      fixes: {
        'Require encryption context "tenant" (sent by the workspace\'s code)': jsonPolicy(`    {
      "Sid": "AppUse",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },
      "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "kms:EncryptionContext:tenant": "t-42"
        }
      }
    }`),
        'Require encryption context "purpose" (sent by the workspace\'s code)': jsonPolicy(`    {
      "Sid": "AppUse",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },
      "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "kms:EncryptionContext:purpose": "<expected-value>"
        }
      }
    }`),
        "Require encryption context keys (ForAnyValue:StringEquals on kms:EncryptionContextKeys)":
          jsonPolicy(`    {
      "Sid": "AppUse",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },
      "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
      "Resource": "*",
      "Condition": {
        "ForAnyValue:StringEquals": {
          "kms:EncryptionContextKeys": [
            "tenant",
            "purpose"
          ]
        }
      }
    }`),
      },
    });
  });

  it("invalid: an existing Condition block gains the pair", () => {
    const statement = `    {
      "Effect": "Allow",
      "Principal": { "AWS": "*" },
      "Action": "kms:Decrypt*",
      "Resource": "*",
      "Condition": {
        "StringEquals": { "kms:CallerAccount": "111122223333" }
      }
    }`;
    const text = jsonPolicy(statement);
    checkRuleCase(rule, {
      name: "existing condition",
      fileName: "key.json",
      text,
      findings: [
        { range: rangeOf(text, statement), message: /^Statement 1 allows kms:Decrypt without/ },
      ],
      fixes: {
        "Require an encryption context pair (StringEquals placeholder)": jsonPolicy(`    {
      "Effect": "Allow",
      "Principal": { "AWS": "*" },
      "Action": "kms:Decrypt*",
      "Resource": "*",
      "Condition": {
        "StringEquals": { "kms:CallerAccount": "111122223333", "kms:EncryptionContext:<context-key>": "<expected-value>" }
      }
    }`),
      },
    });
  });

  it("invalid: YAML block statement", () => {
    const text = yamlTemplate(APP_YAML);
    checkRuleCase(rule, {
      name: "yaml block",
      fileName: "template.yaml",
      text,
      findings: [{ range: rangeOf(text, APP_YAML), message: MESSAGE }],
      fixes: {
        "Require an encryption context pair (StringEquals placeholder)": yamlTemplate(`${APP_YAML}
            Condition:
              StringEquals:
                kms:EncryptionContext:<context-key>: <expected-value>`),
        "Require encryption context keys (ForAnyValue:StringEquals on kms:EncryptionContextKeys)":
          yamlTemplate(`${APP_YAML}
            Condition:
              ForAnyValue:StringEquals:
                kms:EncryptionContextKeys: <context-key>`),
      },
    });
  });

  it("invalid: YAML flow statement", () => {
    const text = yamlTemplate(FLOW_YAML);
    checkRuleCase(rule, {
      name: "yaml flow",
      fileName: "template.yaml",
      text,
      sentKeys: [{ key: "tenant", values: ["t-42"], count: 1 }],
      findings: [
        { range: rangeOf(text, FLOW_YAML), message: /^Statement 1 allows kms:Encrypt without/ },
      ],
      fixes: {
        'Require encryption context "tenant" (sent by the workspace\'s code)': yamlTemplate(
          `          - { Effect: Allow, Principal: { AWS: !Ref Role }, Action: kms:Encrypt, Resource: "*", Condition: { StringEquals: { kms:EncryptionContext:tenant: t-42 } } }`,
        ),
        "Require encryption context keys (ForAnyValue:StringEquals on kms:EncryptionContextKeys)":
          yamlTemplate(
            `          - { Effect: Allow, Principal: { AWS: !Ref Role }, Action: kms:Encrypt, Resource: "*", Condition: { ForAnyValue:StringEquals: { kms:EncryptionContextKeys: tenant } } }`,
          ),
      },
    });
  });

  it("invalid: NotAction and wildcards expand to the context-carrying actions", () => {
    const statement = `    {
      "Effect": "Allow",
      "NotAction": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*"],
      "Resource": "*"
    }`;
    const text = jsonPolicy(statement);
    checkRuleCase(rule, {
      name: "not action",
      fileName: "policy.json",
      text,
      findings: [
        {
          range: rangeOf(text, statement),
          message:
            "Statement 1 allows kms:GenerateDataKey, kms:GenerateDataKeyPair, " +
            "kms:GenerateDataKeyPairWithoutPlaintext and 1 more without any encryption-context " +
            "condition, so the key works for any data, with any context or none.",
        },
      ],
    });
  });
});
