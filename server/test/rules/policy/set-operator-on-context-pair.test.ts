import { describe, it } from "node:test";
import { setOperatorOnContextPair as rule } from "../../../src/rules/policy/set-operator-on-context-pair";
import { checkRuleCase, checkValidCase } from "../../support/policy-tester";
import { jsonPolicy, rangeOf, yamlTemplate } from "../../support/policy-text";

const statementWith = (condition: string) => `    {
      "Sid": "Tenant",
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": {
${condition}
      }
    }`;

describe("KMS103 set-operator-on-context-pair", () => {
  const valid = [
    {
      name: "plain operator on the pair",
      fileName: "key.json",
      text: jsonPolicy(
        statementWith(`        "StringEquals": { "kms:EncryptionContext:tenant": "t-1" }`),
      ),
    },
    {
      name: "set operator on the keys list",
      fileName: "key.json",
      text: jsonPolicy(
        statementWith(
          `        "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "tenant" }`,
        ),
      ),
    },
  ];
  for (const testCase of valid) {
    it(`valid: ${testCase.name}`, () => checkValidCase(rule, testCase));
  }

  it("invalid: JSON ForAllValues, fix renames the operator", () => {
    const statement = statementWith(
      `        "ForAllValues:StringEquals": { "kms:EncryptionContext:tenant": "t-1" }`,
    );
    const text = jsonPolicy(statement);
    checkRuleCase(rule, {
      name: "json",
      fileName: "key.json",
      text,
      findings: [
        {
          range: rangeOf(text, statement),
          message:
            'Statement "Tenant" uses ForAllValues:StringEquals on the single-valued ' +
            "kms:EncryptionContext:tenant; it also matches requests without that context pair. Drop the set operator.",
        },
      ],
      fixes: {
        "Drop the set operator": jsonPolicy(
          statementWith(`        "StringEquals": { "kms:EncryptionContext:tenant": "t-1" }`),
        ),
      },
    });
  });

  it("invalid: JSON, the pair moves out of a block it shares with the keys list", () => {
    const statement = statementWith(`        "ForAnyValue:StringEquals": {
          "kms:EncryptionContextKeys": "tenant",
          "kms:EncryptionContext:tenant": "t-1"
        },
        "StringEquals": { "kms:CallerAccount": "111122223333" }`);
    const text = jsonPolicy(statement);
    checkRuleCase(rule, {
      name: "json shared block",
      fileName: "key.json",
      text,
      findings: [{ range: rangeOf(text, statement), message: /uses ForAnyValue:StringEquals on/ }],
      fixes: {
        "Drop the set operator": jsonPolicy(
          statementWith(`        "ForAnyValue:StringEquals": {
          "kms:EncryptionContextKeys": "tenant"
        },
        "StringEquals": { "kms:CallerAccount": "111122223333", "kms:EncryptionContext:tenant": "t-1" }`),
        ),
      },
    });
  });

  it("invalid: YAML block and flow", () => {
    const block = `          - Effect: Allow
            Action: kms:Decrypt
            Resource: "*"
            Condition:
              'ForAllValues:StringLike':
                kms:EncryptionContext:tenant: t-*`;
    const flow = `          - { Effect: Allow, Action: kms:Encrypt, Resource: "*", Condition: { ForAnyValue:StringEquals: { kms:EncryptionContext:app: billing } } }`;
    const text = yamlTemplate(block, flow);
    checkRuleCase(rule, {
      name: "yaml",
      fileName: "t.yaml",
      text,
      findings: [
        { range: rangeOf(text, block), message: /^Statement 1 uses ForAllValues:StringLike/ },
        { range: rangeOf(text, flow), message: /^Statement 2 uses ForAnyValue:StringEquals/ },
      ],
      fixes: {
        "Drop the set operator": yamlTemplate(
          `          - Effect: Allow
            Action: kms:Decrypt
            Resource: "*"
            Condition:
              'StringLike':
                kms:EncryptionContext:tenant: t-*`,
          flow,
        ),
      },
    });
  });
});
