import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type {
  ConditionEntry,
  PolicyModel,
  PolicyStatement,
} from "../../../src/engine/policy/model";
import { sensitiveEncryptionContext } from "../../../src/rules/code/sensitive-encryption-context";
import { policyFindingsOf, rangeOfText, runRuleTests } from "../../support/rule-tester";

const IMPORTS =
  'import { KMSClient, EncryptCommand, DecryptCommand, CreateGrantCommand } from "@aws-sdk/client-kms";\n';
const WHY =
  "encryption context is logged in plaintext (CloudTrail), so use a non-sensitive identifier such as an id or ARN instead.";
const encrypt = (context: string) =>
  `${IMPORTS}new EncryptCommand({ KeyId: "k", Plaintext: p, EncryptionContext: ${context} });`;

runRuleTests(sensitiveEncryptionContext, {
  valid: [
    { name: "tenant and purpose labels", code: encrypt('{ tenantId, purpose: "invoice" }') },
    {
      name: "ids, ARNs and metadata names",
      code: encrypt(
        '{ SecretARN: secret.arn, secretName: "db", secretId: s.id, emailVerified: "true", tokenType: "bearer", userId: user.id, "aws:s3:arn": "arn:aws:s3:::b/k" }',
      ),
    },
    {
      name: "an ARN holding an email-like path, an account id and a timestamp",
      code: encrypt(
        '{ principal: "arn:aws:iam::123456789012:user/alice@example.com", account: "123456789012", createdAt: "1700000000000" }',
      ),
    },
    {
      name: "an ip address and a user name are not personal data here",
      code: encrypt("{ ipAddress: req.ip, userName: req.user }"),
    },
    {
      name: "context from a parameter is unknown",
      code: `${IMPORTS}export const f = (ctx: { email: string }) => new EncryptCommand({ KeyId: "k", EncryptionContext: ctx });`,
    },
    {
      name: "a local class with an encrypt method",
      code: `import "@aws-sdk/client-kms";\nclass Box { encrypt(x: object) { return x; } }\nnew Box().encrypt({ EncryptionContext: { email: "a@b.com" } });`,
    },
    {
      name: "commented-out code",
      code: `${IMPORTS}// new EncryptCommand({ EncryptionContext: { password: "hunter2" } });`,
    },
    {
      name: "a configured name with an id suffix is a reference",
      code: encrypt("{ diagnosisId: d.id }"),
      config: { sensitiveKeyNames: ["diagnosis"] },
    },
  ],
  invalid: [
    {
      name: "an email key fed from user.email: key and value",
      code: encrypt("{ email: user.email }"),
      errors: [
        {
          text: "email",
          occurrence: 1,
          message: `The encryption context key "email" looks like an email address; ${WHY}`,
          data: { part: "key", description: "an email address" },
        },
        {
          text: "user.email",
          message: `The encryption context value \`user.email\` looks like an email address; ${WHY}`,
          data: { part: "value", description: "an email address", path: "user.email" },
        },
      ],
    },
    {
      name: "a shorthand is reported once",
      code: encrypt("{ password }"),
      errors: [
        {
          text: "password",
          message: `The encryption context key "password" looks like a password; ${WHY}`,
        },
      ],
    },
    {
      name: "literal values are masked in messages",
      code: encrypt(
        '{ owner: "alice@example.com", card: "4111 1111 1111 1111", session: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", k: "AKIAIOSFODNN7EXAMPLE", ssnish: "078-05-1120" }',
      ),
      errors: [
        {
          text: '"alice@example.com"',
          message: `The encryption context value "a***@example.com" looks like an email address; ${WHY}`,
        },
        {
          text: '"4111 1111 1111 1111"',
          message: `The encryption context value "****1111" looks like a card number; ${WHY}`,
        },
        {
          text: '"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig"',
          message: `The encryption context value "eyJ***" looks like a JSON Web Token; ${WHY}`,
        },
        {
          text: '"AKIAIOSFODNN7EXAMPLE"',
          message: `The encryption context value "AKIA***" looks like an AWS access key id; ${WHY}`,
        },
        {
          text: '"078-05-1120"',
          message: `The encryption context value "***-**-****" looks like a social security number; ${WHY}`,
        },
      ],
    },
    {
      name: "a template with a sensitive path, a PEM value and a String() wrapper",
      code: encrypt(
        '{ contact: `tel:${customer.phone}`, pem: "-----BEGIN RSA PRIVATE KEY-----", born: String(person.dateOfBirth) }',
      ),
      errors: [
        {
          text: "`tel:${customer.phone}`",
          message: `The encryption context value \`customer.phone\` looks like a phone number; ${WHY}`,
        },
        {
          text: '"-----BEGIN RSA PRIVATE KEY-----"',
          message: `The encryption context value "-----BEGIN ***" looks like a PEM key or certificate; ${WHY}`,
        },
        {
          text: "String(person.dateOfBirth)",
          message: `The encryption context value \`person.dateOfBirth\` looks like a date of birth; ${WHY}`,
        },
      ],
    },
    {
      name: "a context shared by encrypt and decrypt is reported once",
      code: `${IMPORTS}const ctx = { apiKey: "x-1" };\nnew EncryptCommand({ KeyId: "k", EncryptionContext: ctx });\nnew DecryptCommand({ CiphertextBlob: b, EncryptionContext: ctx });`,
      errors: [
        {
          text: "apiKey",
          message: `The encryption context key "apiKey" looks like an API key; ${WHY}`,
        },
      ],
    },
    {
      name: "grant constraints and an email used as a key",
      code: `${IMPORTS}new CreateGrantCommand({ KeyId: "k", GranteePrincipal: "p", Operations: ["Decrypt"], Constraints: { EncryptionContextEquals: { "bob@example.org": "owner" } } });`,
      errors: [
        {
          text: '"bob@example.org"',
          message: `The encryption context key "b***@example.org" looks like an email address; ${WHY}`,
        },
      ],
    },
    {
      name: "Encryption SDK context and a configured name",
      code: `import { buildClient } from "@aws-crypto/client-node";\nconst { encrypt } = buildClient();\nencrypt(keyring, data, { encryptionContext: { diagnosisCode: code, secretKey: "s" } });`,
      config: { sensitiveKeyNames: ["diagnosis"] },
      errors: [
        {
          text: "diagnosisCode",
          message: `The encryption context key "diagnosisCode" looks like a configured sensitive name (diagnosis); ${WHY}`,
        },
        {
          text: "secretKey",
          message: `The encryption context key "secretKey" looks like a secret; ${WHY}`,
        },
      ],
    },
  ],
});

/** Builds a statement whose condition offsets point into `text`. */
function statementWith(text: string, conditions: [string, string, string[]][]): PolicyStatement {
  const entries: ConditionEntry[] = conditions.map(([operator, key, values]) => {
    const keyAt = text.indexOf(`"${key}"`);
    return {
      operator: { raw: operator, base: operator, ifExists: false, negated: false },
      operatorStart: text.indexOf(operator),
      operatorEnd: text.indexOf(operator) + operator.length,
      key,
      keyStart: keyAt,
      keyEnd: keyAt + key.length + 2,
      values: values.map((value) => {
        const at = text.indexOf(`"${value}"`, keyAt);
        return { kind: "literal" as const, value, start: at, end: at + value.length + 2 };
      }),
    };
  });
  return {
    source: "policy-json",
    index: 0,
    effect: "Allow",
    actions: [],
    notAction: false,
    conditions: entries,
    conditionsComplete: true,
    start: 0,
    end: text.length,
    handle: undefined,
  };
}

describe("KMS004 sensitive-encryption-context in policies", () => {
  const text = [
    "{",
    '  "Condition": {',
    '    "StringEquals": {',
    '      "kms:EncryptionContext:email": "carol@example.com",',
    '      "kms:EncryptionContext:tenant": "${aws:PrincipalTag/tenant}",',
    '      "kms:EncryptionContext:SecretARN": "arn:aws:secretsmanager:us-east-1:111122223333:secret:x"',
    "    },",
    '    "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["tenant", "phoneNumber"] },',
    '    "StringLike": { "aws:PrincipalTag/email": "dave@example.com" }',
    "  }",
    "}",
  ].join("\n");
  const model: PolicyModel = {
    statements: [
      statementWith(text, [
        ["StringEquals", "kms:EncryptionContext:email", ["carol@example.com"]],
        ["StringEquals", "kms:EncryptionContext:tenant", ["${aws:PrincipalTag/tenant}"]],
        [
          "StringEquals",
          "kms:EncryptionContext:SecretARN",
          ["arn:aws:secretsmanager:us-east-1:111122223333:secret:x"],
        ],
        ["ForAllValues:StringEquals", "kms:EncryptionContextKeys", ["tenant", "phoneNumber"]],
        ["StringLike", "aws:PrincipalTag/email", ["dave@example.com"]],
      ]),
    ],
  };

  it("flags sensitive context keys and masked values, and nothing else", () => {
    const findings = policyFindingsOf(sensitiveEncryptionContext, text, model);
    assert.deepEqual(
      findings.map((finding) => ({ range: finding.range, message: finding.message })),
      [
        {
          range: rangeOfText(text, '"kms:EncryptionContext:email"'),
          message: `The condition key "kms:EncryptionContext:email" names a context key that looks like an email address; ${WHY}`,
        },
        {
          range: rangeOfText(text, '"carol@example.com"'),
          message: `The condition's context value "c***@example.com" looks like an email address; ${WHY}`,
        },
        {
          range: rangeOfText(text, '"phoneNumber"'),
          message: `The condition's context key "phoneNumber" looks like a phone number; ${WHY}`,
        },
      ],
    );
  });

  it("uses the configured names", () => {
    const custom = '{ "kms:EncryptionContext:patientRef": "p-1" }';
    const customModel: PolicyModel = {
      statements: [
        statementWith(custom, [["StringEquals", "kms:EncryptionContext:patientRef", ["p-1"]]]),
      ],
    };
    const findings = policyFindingsOf(sensitiveEncryptionContext, custom, customModel, {
      sensitiveKeyNames: ["patient"],
    });
    assert.deepEqual(
      findings.map((finding) => finding.message),
      [
        `The condition key "kms:EncryptionContext:patientRef" names a context key that looks like a configured sensitive name (patient); ${WHY}`,
      ],
    );
  });
});
