import { invalidEncryptionContext } from "../../../src/rules/code/invalid-encryption-context";
import { runRuleTests } from "../../support/rule-tester";

const KMS = 'import { EncryptCommand, CreateGrantCommand } from "@aws-sdk/client-kms";\n';
const S3 = 'import { S3Client, PutObjectCommand, CopyObjectCommand } from "@aws-sdk/client-s3";\n';
const encrypt = (context: string) =>
  `${KMS}new EncryptCommand({ KeyId: "k", Plaintext: p, EncryptionContext: ${context} });`;
const S3_HINT =
  'S3 expects a base64-encoded JSON object of string pairs, such as Buffer.from(JSON.stringify(context)).toString("base64").';
const nonString = (key: string, kind: string) =>
  `The value of "${key}" is ${kind}, but encryption context values must be strings; convert it to a string the same way on the encrypt and decrypt sides.`;

runRuleTests(invalidEncryptionContext, {
  valid: [
    {
      name: "strings, templates and expressions",
      code: encrypt("{ tenant: tenantId, purpose: `export-${year}`, count: String(n) }"),
    },
    {
      name: "a const string is a string",
      code: `${KMS}const PURPOSE = "export";\nnew EncryptCommand({ KeyId: "k", EncryptionContext: { purpose: PURPOSE } });`,
    },
    {
      name: "aws-crypto- keys are only reserved by the Encryption SDK",
      code: encrypt('{ "aws-crypto-note": "kms only" }'),
    },
    {
      name: "S3 with a base64 JSON literal and with the encoding expression",
      code: `${S3}new PutObjectCommand({ Bucket: "b", Key: "k", SSEKMSEncryptionContext: "eyJwcm9qZWN0IjoiYWxwaGEifQ==" });\nnew CopyObjectCommand({ Bucket: "b", Key: "k", CopySource: "s", SSEKMSEncryptionContext: Buffer.from(JSON.stringify(ctx)).toString("base64") });`,
    },
    {
      name: "an S3 look-alike from another module",
      code: `import { PutObjectCommand } from "./fake-s3";\nimport "@aws-sdk/client-s3";\nnew PutObjectCommand({ SSEKMSEncryptionContext: { a: "b" } });`,
    },
  ],
  invalid: [
    {
      name: "non-string values",
      code: encrypt(
        '{ orderId: 42, active: true, when: new Date(), tags: ["a"], meta: { a: "b" }, none: null, big: 10n, neg: -1 }',
      ),
      errors: [
        { text: "42", message: nonString("orderId", "a number") },
        { text: "true", message: nonString("active", "a boolean") },
        { text: "new Date()", message: nonString("when", "a Date") },
        { text: '["a"]', message: nonString("tags", "an array") },
        { text: '{ a: "b" }', message: nonString("meta", "an object") },
        { text: "null", message: nonString("none", "null") },
        { text: "10n", message: nonString("big", "a bigint") },
        { text: "-1", message: nonString("neg", "a number") },
      ],
    },
    {
      name: "a const number behind an identifier",
      code: `${KMS}const VERSION = 3;\nnew EncryptCommand({ KeyId: "k", EncryptionContext: { version: VERSION } });`,
      errors: [{ text: "VERSION", occurrence: 2, message: nonString("version", "a number") }],
    },
    {
      name: "keys that differ only by case, also in grant constraints",
      code: `${KMS}new CreateGrantCommand({ KeyId: "k", GranteePrincipal: "p", Operations: ["Decrypt"], Constraints: { EncryptionContextEquals: { Tenant: "a", tenant: "a" } } });`,
      errors: [
        {
          text: "tenant",
          message:
            'The keys "Tenant" and "tenant" differ only by case; decryption compares keys case-sensitively but grant constraints and policy condition keys do not, so keep one spelling.',
        },
      ],
    },
    {
      name: "a reserved Encryption SDK key",
      code: `import { buildClient } from "@aws-crypto/client-node";\nconst { encrypt } = buildClient();\nencrypt(keyring, data, { encryptionContext: { "aws-crypto-public-key": "x", purpose: "p" } });`,
      errors: [
        {
          text: '"aws-crypto-public-key"',
          message:
            'The key "aws-crypto-public-key" uses the aws-crypto- prefix that the Encryption SDK reserves for itself; rename it.',
        },
      ],
    },
    {
      name: "S3 context given an object, with a fix that encodes it",
      code: `${S3}const s3 = new S3Client({});\ns3.send(new PutObjectCommand({ Bucket: "b", Key: "k", SSEKMSEncryptionContext: { project: "alpha" } }));`,
      errors: [
        {
          text: '{ project: "alpha" }',
          message: `SSEKMSEncryptionContext is an object; ${S3_HINT}`,
          fixes: [
            {
              title: "Encode as base64 JSON",
              output: `${S3}const s3 = new S3Client({});\ns3.send(new PutObjectCommand({ Bucket: "b", Key: "k", SSEKMSEncryptionContext: Buffer.from(JSON.stringify({ project: "alpha" })).toString("base64") }));`,
            },
          ],
        },
      ],
    },
    {
      name: "S3 context given plain JSON and a non-base64 string (v2 client)",
      code: `import AWS from "aws-sdk";\nconst s3 = new AWS.S3();\ns3.putObject({ Bucket: "b", SSEKMSEncryptionContext: JSON.stringify(ctx) }).promise();\ns3.createMultipartUpload({ Bucket: "b", SSEKMSEncryptionContext: "project=alpha" });`,
      errors: [
        {
          text: "JSON.stringify(ctx)",
          message: `SSEKMSEncryptionContext is JSON that is not base64-encoded; ${S3_HINT}`,
          fixes: [
            {
              title: "Encode as base64 JSON",
              output: `import AWS from "aws-sdk";\nconst s3 = new AWS.S3();\ns3.putObject({ Bucket: "b", SSEKMSEncryptionContext: Buffer.from(JSON.stringify(ctx)).toString("base64") }).promise();\ns3.createMultipartUpload({ Bucket: "b", SSEKMSEncryptionContext: "project=alpha" });`,
            },
          ],
        },
        {
          text: '"project=alpha"',
          message: `SSEKMSEncryptionContext is a string that is not base64-encoded JSON; ${S3_HINT}`,
        },
      ],
    },
  ],
});
