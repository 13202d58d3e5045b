import { describe, it } from "node:test";
import { malformedContextConditionKey as rule } from "../../../src/rules/policy/malformed-context-condition-key";
import { checkRuleCase, checkValidCase } from "../../support/policy-tester";
import { jsonPolicy, rangeOf, yamlTemplate } from "../../support/policy-text";

const statementWith = (key: string) => `    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": { "StringEquals": { "${key}": "t-1" } }
    }`;

describe("KMS109 malformed-context-condition-key", () => {
  const valid = [
    "kms:EncryptionContext:tenant",
    "KMS:ENCRYPTIONCONTEXT:tenant",
    "kms:EncryptionAlgorithm",
    "kms:ViaService",
  ].map((key) => ({ name: key, fileName: "key.json", text: jsonPolicy(statementWith(key)) }));
  for (const testCase of valid) {
    it(`valid: ${testCase.name}`, () => checkValidCase(rule, testCase));
  }

  const cases: [string, string, string | undefined][] = [
    [
      "kms:EncryptionContext",
      "there is no bare `kms:EncryptionContext` key; name the context key after a colon",
      undefined,
    ],
    [
      "kms:EncryptionContexts:tenant",
      "the key name is misspelt, so it never matches",
      "kms:EncryptionContext:tenant",
    ],
    [
      "kms:EncrytionContext:tenant",
      "the key name is misspelt, so it never matches",
      "kms:EncryptionContext:tenant",
    ],
    [
      "kms:EncryptionContextKey",
      "the key name is misspelt, so it never matches",
      "kms:EncryptionContextKeys",
    ],
    [
      "kms:EncryptionContext:${EncryptionContextKey}",
      "`${EncryptionContextKey}` is the documentation's placeholder, not a key",
      undefined,
    ],
  ];
  for (const [key, reason, corrected] of cases) {
    it(`invalid: ${key}`, () => {
      const statement = statementWith(key);
      const text = jsonPolicy(statement);
      checkRuleCase(rule, {
        name: key,
        fileName: "key.json",
        text,
        findings: [
          {
            range: rangeOf(text, statement),
            message: `Statement 1 has the condition key "${key}": ${reason}.`,
          },
        ],
        fixes: corrected
          ? { [`Rename the key to "${corrected}"`]: jsonPolicy(statementWith(corrected)) }
          : {},
      });
    });
  }

  it("invalid: YAML quoted key keeps its quotes when renamed", () => {
    const statement = `          - Effect: Allow
            Action: kms:Decrypt
            Resource: "*"
            Condition:
              StringEquals:
                "kms:EncryptionContxt:tenant": t-1`;
    const text = yamlTemplate(statement);
    checkRuleCase(rule, {
      name: "yaml",
      fileName: "t.yaml",
      text,
      findings: [{ range: rangeOf(text, statement), message: /misspelt/ }],
      fixes: {
        'Rename the key to "kms:EncryptionContext:tenant"': yamlTemplate(`          - Effect: Allow
            Action: kms:Decrypt
            Resource: "*"
            Condition:
              StringEquals:
                "kms:EncryptionContext:tenant": t-1`),
      },
    });
  });
});
