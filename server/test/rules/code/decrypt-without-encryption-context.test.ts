import { decryptWithoutEncryptionContext } from "../../../src/rules/code/decrypt-without-encryption-context";
import { runRuleTests } from "../../support/rule-tester";

const IMPORTS =
  'import { KMSClient, EncryptCommand, DecryptCommand, ReEncryptCommand } from "@aws-sdk/client-kms";\nconst kms = new KMSClient({});\n';

const MESSAGE = (operation: string, member = "EncryptionContext") =>
  `${operation} is called without ${member.startsWith("E") ? "an" : "a"} ${member}; pass the same pairs the data was encrypted with so KMS can verify them.`;

runRuleTests(decryptWithoutEncryptionContext, {
  valid: [
    {
      name: "decrypt with a context",
      code: `${IMPORTS}kms.send(new DecryptCommand({ CiphertextBlob: b, EncryptionContext: { tenant: "t" } }));`,
    },
    {
      name: "context from a parameter",
      code: `${IMPORTS}export const open = (b: Uint8Array, ctx: Record<string, string>) =>\n  kms.send(new DecryptCommand({ CiphertextBlob: b, EncryptionContext: ctx }));`,
    },
    {
      name: "a non-KMS decrypt",
      code: `import { KMSClient } from "@aws-sdk/client-kms";\nimport { createDecipheriv } from "node:crypto";\nconst jwt = { decrypt: (x: object) => x };\njwt.decrypt({ CiphertextBlob: "b" });`,
    },
    {
      name: "an Encryption SDK decrypt takes no context",
      code: `import { buildClient } from "@aws-crypto/client-node";\nconst { decrypt } = buildClient();\nexport async function open(b: Uint8Array) {\n  const { messageHeader } = await decrypt(keyring, b);\n  return messageHeader.encryptionContext;\n}`,
    },
    {
      name: "commented-out code",
      code: `${IMPORTS}// kms.send(new DecryptCommand({ CiphertextBlob: b }));`,
    },
    {
      name: "unknown spread in the request",
      code: `${IMPORTS}export const open = (extra: object) => kms.send(new DecryptCommand({ CiphertextBlob: b, ...extra }));`,
    },
    {
      name: "ReEncrypt with a source context",
      code: `${IMPORTS}new ReEncryptCommand({ CiphertextBlob: b, DestinationKeyId: "k", SourceEncryptionContext: { a: "b" }, DestinationEncryptionContext: { a: "b" } });`,
    },

    {
      name: "asymmetric decryption takes no context",
      code: `${IMPORTS}kms.send(new DecryptCommand({ KeyId: "k", CiphertextBlob: b, EncryptionAlgorithm: "RSAES_OAEP_SHA_1" }));\nnew ReEncryptCommand({ CiphertextBlob: b, SourceEncryptionAlgorithm: "SM2PKE", DestinationKeyId: "k", DestinationEncryptionContext: { a: "b" } });`,
    },
  ],
  invalid: [
    {
      name: "the context of the matching encrypt call is copied, non-literal values as placeholders",
      code: `${IMPORTS}export async function roundTrip(tenantId: string, p: Uint8Array) {\n  const sealed = await kms.send(\n    new EncryptCommand({ KeyId: "alias/app", Plaintext: p, EncryptionContext: { tenantId, "purpose": "export", owner: owner.id } }),\n  );\n  return kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }));\n}`,
      errors: [
        {
          text: "new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob })",
          message: MESSAGE("Decrypt"),
          data: {
            operation: "Decrypt",
            member: "EncryptionContext",
            suggestedContext: '{ tenantId, "purpose": "export", owner: owner.id }',
            copiedFromLine: 5,
          },
          fixes: [
            {
              title: "Copy the EncryptionContext of the Encrypt call on line 5",
              output: `${IMPORTS}export async function roundTrip(tenantId: string, p: Uint8Array) {\n  const sealed = await kms.send(\n    new EncryptCommand({ KeyId: "alias/app", Plaintext: p, EncryptionContext: { tenantId, "purpose": "export", owner: owner.id } }),\n  );\n  return kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: { tenantId, "purpose": "export", owner: owner.id } }));\n}`,
            },
          ],
        },
      ],
    },
    {
      name: "the encrypt call under the same key is the one copied",
      code: `${IMPORTS}new EncryptCommand({ KeyId: "alias/a", Plaintext: p, EncryptionContext: { app: "a" } });\nnew EncryptCommand({ KeyId: "alias/b", Plaintext: p, EncryptionContext: { app: "b" } });\nnew DecryptCommand({ KeyId: "alias/a", CiphertextBlob: c });`,
      errors: [
        {
          text: 'new DecryptCommand({ KeyId: "alias/a", CiphertextBlob: c })',
          message: MESSAGE("Decrypt"),
          fixes: [
            {
              title: "Copy the EncryptionContext of the Encrypt call on line 3",
              output: `${IMPORTS}new EncryptCommand({ KeyId: "alias/a", Plaintext: p, EncryptionContext: { app: "a" } });\nnew EncryptCommand({ KeyId: "alias/b", Plaintext: p, EncryptionContext: { app: "b" } });\nnew DecryptCommand({ KeyId: "alias/a", CiphertextBlob: c, EncryptionContext: { app: "a" } });`,
            },
          ],
        },
      ],
    },
    {
      name: "no encrypt call in the file: a placeholder from the identifiers in scope",
      code: `${IMPORTS}export function open(tenantId: string, blob: Uint8Array) {\n  return kms.send(\n    new DecryptCommand({\n      CiphertextBlob: blob,\n    }),\n  );\n}`,
      errors: [
        {
          range: [4, 4, 6, 6],
          message: MESSAGE("Decrypt"),
          fixes: [
            {
              title: "Add an EncryptionContext",
              output: `${IMPORTS}export function open(tenantId: string, blob: Uint8Array) {\n  return kms.send(\n    new DecryptCommand({\n      CiphertextBlob: blob,\n      EncryptionContext: { tenantId },\n    }),\n  );\n}`,
            },
          ],
        },
      ],
    },
    {
      name: "an empty context is filled",
      code: `${IMPORTS}kms.send(new DecryptCommand({ CiphertextBlob: b, EncryptionContext: {} }));`,
      errors: [
        {
          text: "new DecryptCommand({ CiphertextBlob: b, EncryptionContext: {} })",
          message:
            "Decrypt is called with an empty EncryptionContext; pass the same pairs the data was encrypted with so KMS can verify them.",
          fixes: [
            {
              title: "Fill in the EncryptionContext",
              output: `${IMPORTS}kms.send(new DecryptCommand({ CiphertextBlob: b, EncryptionContext: { purpose: "what-this-data-is" } }));`,
            },
          ],
        },
      ],
    },
    {
      name: "ReEncrypt without a source context",
      code: `${IMPORTS}new ReEncryptCommand({ CiphertextBlob: b, DestinationKeyId: "k", DestinationEncryptionContext: { a: "b" } });`,
      errors: [
        {
          text: 'new ReEncryptCommand({ CiphertextBlob: b, DestinationKeyId: "k", DestinationEncryptionContext: { a: "b" } })',
          message: MESSAGE("ReEncrypt", "SourceEncryptionContext"),
          fixes: [
            {
              title: "Add a SourceEncryptionContext",
              output: `${IMPORTS}new ReEncryptCommand({ CiphertextBlob: b, DestinationKeyId: "k", DestinationEncryptionContext: { a: "b" }, SourceEncryptionContext: { purpose: "what-this-data-is" } });`,
            },
          ],
        },
      ],
    },
    {
      name: "v2 decrypt with a callback, the encrypt context held in a const",
      fileName: "legacy.js",
      code: `const AWS = require("aws-sdk");\nconst kms = new AWS.KMS();\nconst context = { app: "billing" };\nkms.encrypt({ KeyId: "k", Plaintext: "p", EncryptionContext: context }, done);\nkms.decrypt({ CiphertextBlob: blob }, done);`,
      errors: [
        {
          text: "decrypt({ CiphertextBlob: blob }, done)",
          message: MESSAGE("Decrypt"),
          fixes: [
            {
              title: "Copy the EncryptionContext of the Encrypt call on line 4",
              output: `const AWS = require("aws-sdk");\nconst kms = new AWS.KMS();\nconst context = { app: "billing" };\nkms.encrypt({ KeyId: "k", Plaintext: "p", EncryptionContext: context }, done);\nkms.decrypt({ CiphertextBlob: blob, EncryptionContext: { app: "billing" } }, done);`,
            },
          ],
        },
      ],
    },
  ],
});
