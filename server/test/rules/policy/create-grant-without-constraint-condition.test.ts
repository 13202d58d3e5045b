import { describe, it } from "node:test";
import { createGrantWithoutConstraintCondition as rule } from "../../../src/rules/policy/create-grant-without-constraint-condition";
import { checkRuleCase, checkValidCase } from "../../support/policy-tester";
import { jsonPolicy, rangeOf, yamlTemplate } from "../../support/policy-text";

const GRANT_JSON = `    {
      "Sid": "GrantMaker",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/GrantMaker" },
      "Action": "kms:CreateGrant",
      "Resource": "*"
    }`;

describe("KMS110 create-grant-without-constraint-condition", () => {
  const conditioned = (condition: string) =>
    jsonPolicy(`    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/GrantMaker" },
      "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      "Resource": "*",
      "Condition": { ${condition} }
    }`);
  const valid = [
    {
      name: "GrantConstraintType",
      fileName: "key.json",
      text: conditioned(`"StringEquals": { "kms:GrantConstraintType": "EncryptionContextEquals" }`),
    },
    {
      name: "GrantIsForAWSResource (AWS's default)",
      fileName: "key.json",
      text: conditioned(`"Bool": { "kms:GrantIsForAWSResource": "true" }`),
    },
    {
      name: "a context pair",
      fileName: "key.json",
      text: conditioned(`"StringEquals": { "kms:EncryptionContext:tenant": "t-1" }`),
    },
    {
      name: "root delegation",
      fileName: "key.json",
      text: jsonPolicy(`    {
      "Effect": "Allow",
      "Principal": { "AWS": "111122223333" },
      "Action": "kms:*",
      "Resource": "*"
    }`),
    },
  ];
  for (const testCase of valid) {
    it(`valid: ${testCase.name}`, () => checkValidCase(rule, testCase));
  }

  it("invalid: JSON, fix requires EncryptionContextEquals", () => {
    const text = jsonPolicy(GRANT_JSON);
    checkRuleCase(rule, {
      name: "json",
      fileName: "key.json",
      text,
      findings: [
        {
          range: rangeOf(text, GRANT_JSON),
          message:
            'Statement "GrantMaker" allows kms:CreateGrant without kms:GrantConstraintType, a context ' +
            "condition or kms:GrantIsForAWSResource, so grants without an encryption-context constraint can be created.",
        },
      ],
      fixes: {
        "Require grants with EncryptionContextEquals (kms:GrantConstraintType)": jsonPolicy(`    {
      "Sid": "GrantMaker",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/GrantMaker" },
      "Action": "kms:CreateGrant",
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "kms:GrantConstraintType": "EncryptionContextEquals"
        }
      }
    }`),
      },
    });
  });

  it("invalid: YAML, kms:Create* covers CreateGrant", () => {
    const statement = `          - Sid: KeyAdmins
            Effect: Allow
            Principal: { AWS: !GetAtt AdminRole.Arn }
            Action: [kms:Create*, kms:Describe*]
            Resource: "*"`;
    const text = yamlTemplate(statement);
    checkRuleCase(rule, {
      name: "yaml",
      fileName: "t.yaml",
      text,
      findings: [
        {
          range: rangeOf(text, statement),
          message: /^Statement "KeyAdmins" allows kms:CreateGrant/,
        },
      ],
      fixes: {
        "Require grants with EncryptionContextEquals (kms:GrantConstraintType)":
          yamlTemplate(`${statement}
            Condition:
              StringEquals:
                kms:GrantConstraintType: EncryptionContextEquals`),
      },
    });
  });
});
