import { missingEncryptionContext } from "../../../src/rules/code/missing-encryption-context";
import { runRuleTests } from "../../support/rule-tester";

const V3 =
  'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";\nconst kms = new KMSClient({});\n';

const MESSAGE = (operation: string, member = "EncryptionContext") =>
  `${operation} is called without ${member.startsWith("E") ? "an" : "a"} ${member}; add one that describes the data (for example its tenant and purpose) so the ciphertext is bound to it.`;

runRuleTests(missingEncryptionContext, {
  valid: [
    {
      name: "v3 command with a context",
      code: `${V3}kms.send(new EncryptCommand({ KeyId: "k", Plaintext: p, EncryptionContext: { tenant: "t" } }));`,
    },
    {
      name: "context from a parameter is unknown, not missing",
      code: `${V3}export function seal(p: Uint8Array, ctx: Record<string, string>) {\n  return kms.send(new EncryptCommand({ KeyId: "k", Plaintext: p, EncryptionContext: ctx }));\n}`,
    },
    {
      name: "request from a parameter",
      code: `${V3}export function seal(input: any) {\n  return kms.send(new EncryptCommand(input));\n}`,
    },
    {
      name: "unknown spread may carry the context",
      code: `${V3}export function seal(base: object, p: Uint8Array) {\n  return kms.send(new EncryptCommand({ ...base, KeyId: "k", Plaintext: p }));\n}`,
    },
    {
      name: "empty context object with an unknown spread is not provably empty",
      code: `${V3}export function seal(extra: object, p: Uint8Array) {\n  return kms.send(new EncryptCommand({ KeyId: "k", Plaintext: p, EncryptionContext: { ...extra } }));\n}`,
    },
    {
      name: "a local class with an encrypt method is not KMS",
      code: `class Vault {\n  encrypt(input: { KeyId: string }) { return input; }\n}\nimport { KMSClient } from "@aws-sdk/client-kms";\nconst vault = new Vault();\nvault.encrypt({ KeyId: "k" });`,
    },
    {
      name: "a local object with an encrypt method is not KMS",
      code: `import "aws-sdk";\nconst cipher = { encrypt: (x: unknown) => x };\ncipher.encrypt({ KeyId: "k", Plaintext: "p" });`,
    },
    {
      name: "an EncryptCommand class from another module is not KMS",
      code: `import { EncryptCommand } from "./my-aws-sdk-wrapper";\nclient.send(new EncryptCommand({ KeyId: "k" }));`,
    },
    {
      name: "commented-out code",
      code: `${V3}// kms.send(new EncryptCommand({ KeyId: "k", Plaintext: p }));\n/* kms.send(new EncryptCommand({ KeyId: "k" })); */`,
    },
    {
      name: "declaration files are not analysed",
      fileName: "types.d.ts",
      code: `import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";\ndeclare const x: EncryptCommand;\nexport declare function f(): void;\nnew EncryptCommand({ KeyId: "k" });`,
    },
    {
      name: "a receiver of unknown origin is not KMS",
      code: `import AWS from "aws-sdk";\nexport function seal(client: any) {\n  return client.encrypt({ KeyId: "k", Plaintext: "p" }).promise();\n}`,
    },
    {
      name: "Decrypt is not an encrypt-side call",
      code: `import { KMSClient, DecryptCommand } from "@aws-sdk/client-kms";\nnew DecryptCommand({ CiphertextBlob: b });`,
    },
    {
      name: "ReEncrypt with a destination context",
      code: `import { ReEncryptCommand } from "@aws-sdk/client-kms";\nnew ReEncryptCommand({ CiphertextBlob: b, DestinationKeyId: "k", SourceEncryptionContext: { a: "b" }, DestinationEncryptionContext: { a: "b" } });`,
    },
    {
      name: "Encryption SDK encrypt with a context in a const options object",
      code: `import { buildClient, CommitmentPolicy } from "@aws-crypto/client-node";\nconst { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);\nconst options = { encryptionContext: { purpose: "backup" } };\nencrypt(keyring, data, options);`,
    },
    {
      name: "Encryption SDK options from a parameter",
      code: `import { buildClient } from "@aws-crypto/client-node";\nconst { encrypt } = buildClient();\nexport const seal = (data: string, options: object) => encrypt(keyring, data, options);`,
    },
    {
      name: "an encrypt function that is not from buildClient",
      code: `import { buildClient } from "@aws-crypto/client-node";\nimport { encrypt } from "./crypto";\nencrypt(keyring, data);`,
    },

    {
      name: "asymmetric encryption takes no context",
      code: `${V3}kms.send(new EncryptCommand({ KeyId: "k", Plaintext: p, EncryptionAlgorithm: "RSAES_OAEP_SHA_256" }));\nexport const f = (algorithm: any) => kms.send(new EncryptCommand({ KeyId: "k", EncryptionAlgorithm: algorithm }));`,
    },
  ],
  invalid: [
    {
      name: "v3 command without a context, the fix inserts a purpose pair",
      code: `${V3}kms.send(new EncryptCommand({ KeyId: "k", Plaintext: p }));`,
      errors: [
        {
          text: 'new EncryptCommand({ KeyId: "k", Plaintext: p })',
          message: MESSAGE("Encrypt"),
          data: {
            operation: "Encrypt",
            member: "EncryptionContext",
            suggestedContext: '{ purpose: "what-this-data-is" }',
          },
          fixes: [
            {
              title: "Add an EncryptionContext",
              output: `${V3}kms.send(new EncryptCommand({ KeyId: "k", Plaintext: p, EncryptionContext: { purpose: "what-this-data-is" } }));`,
            },
          ],
        },
      ],
    },
    {
      name: "a tenantId parameter is suggested, on its own line with the file's indentation",
      code: `${V3}export async function seal(tenantId: string, p: Uint8Array) {\n    return kms.send(\n        new EncryptCommand({\n            KeyId: "k",\n            Plaintext: p,\n        }),\n    );\n}\n`,
      errors: [
        {
          range: [4, 8, 7, 10],
          message: MESSAGE("Encrypt"),
          fixes: [
            {
              title: "Add an EncryptionContext",
              output: `${V3}export async function seal(tenantId: string, p: Uint8Array) {\n    return kms.send(\n        new EncryptCommand({\n            KeyId: "k",\n            Plaintext: p,\n            EncryptionContext: { tenantId },\n        }),\n    );\n}\n`,
            },
          ],
        },
      ],
    },
    {
      name: "multi-line request without a trailing comma",
      code: `${V3}function seal(accountId: string) {\n  kms.send(new EncryptCommand({\n    KeyId: "k"\n  }));\n}`,
      errors: [
        {
          range: [3, 11, 5, 4],
          message: MESSAGE("Encrypt"),
          fixes: [
            {
              title: "Add an EncryptionContext",
              output: `${V3}function seal(accountId: string) {\n  kms.send(new EncryptCommand({\n    KeyId: "k",\n    EncryptionContext: { accountId }\n  }));\n}`,
            },
          ],
        },
      ],
    },
    {
      name: "an empty context counts as missing",
      code: `${V3}kms.send(new EncryptCommand({ KeyId: "k", EncryptionContext: {} }));`,
      errors: [
        {
          text: 'new EncryptCommand({ KeyId: "k", EncryptionContext: {} })',
          message:
            "Encrypt is called with an empty EncryptionContext; add pairs that describe the data (for example its tenant and purpose) so the ciphertext is bound to them.",
          fixes: [
            {
              title: "Fill in the EncryptionContext",
              output: `${V3}kms.send(new EncryptCommand({ KeyId: "k", EncryptionContext: { purpose: "what-this-data-is" } }));`,
            },
          ],
        },
      ],
    },
    {
      name: "aliased import, request in a const, known spread of a const",
      code: `import { KMSClient as Client, GenerateDataKeyCommand as Gdk } from "@aws-sdk/client-kms";\nconst client = new Client({});\nconst base = { KeySpec: "AES_256" } as const;\nconst request = { ...base, KeyId: "k" };\nclient.send(new Gdk(request));`,
      errors: [
        {
          text: "new Gdk(request)",
          message: MESSAGE("GenerateDataKey"),
          fixes: [
            {
              title: "Add an EncryptionContext",
              output: `import { KMSClient as Client, GenerateDataKeyCommand as Gdk } from "@aws-sdk/client-kms";\nconst client = new Client({});\nconst base = { KeySpec: "AES_256" } as const;\nconst request = { ...base, KeyId: "k", EncryptionContext: { purpose: "what-this-data-is" } };\nclient.send(new Gdk(request));`,
            },
          ],
        },
      ],
    },
    {
      name: "namespace import and satisfies/parentheses around the request",
      code: `import * as kms from "@aws-sdk/client-kms";\nnew kms.GenerateDataKeyPairCommand(({ KeyId: "k", KeyPairSpec: "RSA_2048" }) satisfies object);`,
      errors: [
        {
          text: 'new kms.GenerateDataKeyPairCommand(({ KeyId: "k", KeyPairSpec: "RSA_2048" }) satisfies object)',
          message: MESSAGE("GenerateDataKeyPair"),
          fixes: [
            {
              title: "Add an EncryptionContext",
              output: `import * as kms from "@aws-sdk/client-kms";\nnew kms.GenerateDataKeyPairCommand(({ KeyId: "k", KeyPairSpec: "RSA_2048", EncryptionContext: { purpose: "what-this-data-is" } }) satisfies object);`,
            },
          ],
        },
      ],
    },
    {
      name: "require in JavaScript",
      fileName: "seal.js",
      code: `const { KMSClient, GenerateDataKeyWithoutPlaintextCommand } = require("@aws-sdk/client-kms");\nconst kms = new KMSClient({});\nkms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: "k" }));`,
      errors: [
        {
          text: 'new GenerateDataKeyWithoutPlaintextCommand({ KeyId: "k" })',
          message: MESSAGE("GenerateDataKeyWithoutPlaintext"),
          fixes: [
            {
              title: "Add an EncryptionContext",
              output: `const { KMSClient, GenerateDataKeyWithoutPlaintextCommand } = require("@aws-sdk/client-kms");\nconst kms = new KMSClient({});\nkms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: "k", EncryptionContext: { purpose: "what-this-data-is" } }));`,
            },
          ],
        },
      ],
    },
    {
      name: "aggregated v3 client in a class field",
      code: `import { KMS } from "@aws-sdk/client-kms";\nclass Sealer {\n  private readonly kms = new KMS({});\n  seal(p: Uint8Array) {\n    return this.kms.encrypt({ KeyId: "k", Plaintext: p });\n  }\n}`,
      errors: [
        {
          text: 'encrypt({ KeyId: "k", Plaintext: p })',
          message: MESSAGE("Encrypt"),
          fixes: [
            {
              title: "Add an EncryptionContext",
              output: `import { KMS } from "@aws-sdk/client-kms";\nclass Sealer {\n  private readonly kms = new KMS({});\n  seal(p: Uint8Array) {\n    return this.kms.encrypt({ KeyId: "k", Plaintext: p, EncryptionContext: { purpose: "what-this-data-is" } });\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      name: "v2 client with .promise() and with a callback; range excludes .promise()",
      code: `import AWS from "aws-sdk";\nconst kms = new AWS.KMS();\nkms.encrypt({ KeyId: "k", Plaintext: "p" }).promise();\nkms.generateDataKey({ KeyId: "k" }, (err, data) => data);`,
      errors: [
        {
          text: 'encrypt({ KeyId: "k", Plaintext: "p" })',
          message: MESSAGE("Encrypt"),
          fixes: [
            {
              title: "Add an EncryptionContext",
              output: `import AWS from "aws-sdk";\nconst kms = new AWS.KMS();\nkms.encrypt({ KeyId: "k", Plaintext: "p", EncryptionContext: { purpose: "what-this-data-is" } }).promise();\nkms.generateDataKey({ KeyId: "k" }, (err, data) => data);`,
            },
          ],
        },
        {
          text: 'generateDataKey({ KeyId: "k" }, (err, data) => data)',
          message: MESSAGE("GenerateDataKey"),
          fixes: [
            {
              title: "Add an EncryptionContext",
              output: `import AWS from "aws-sdk";\nconst kms = new AWS.KMS();\nkms.encrypt({ KeyId: "k", Plaintext: "p" }).promise();\nkms.generateDataKey({ KeyId: "k", EncryptionContext: { purpose: "what-this-data-is" } }, (err, data) => data);`,
            },
          ],
        },
      ],
    },
    {
      name: "v2 named import, clients/kms default import, and a typed parameter",
      code: `import { KMS } from "aws-sdk";\nimport KmsClient from "aws-sdk/clients/kms";\nnew KMS().generateDataKeyPairWithoutPlaintext({ KeyId: "k" });\nexport function f(client: KmsClient) {\n  client.encrypt({ KeyId: "k" });\n}`,
      errors: [
        {
          text: 'generateDataKeyPairWithoutPlaintext({ KeyId: "k" })',
          message: MESSAGE("GenerateDataKeyPairWithoutPlaintext"),
          fixes: [
            {
              title: "Add an EncryptionContext",
              output: `import { KMS } from "aws-sdk";\nimport KmsClient from "aws-sdk/clients/kms";\nnew KMS().generateDataKeyPairWithoutPlaintext({ KeyId: "k", EncryptionContext: { purpose: "what-this-data-is" } });\nexport function f(client: KmsClient) {\n  client.encrypt({ KeyId: "k" });\n}`,
            },
          ],
        },
        {
          text: 'encrypt({ KeyId: "k" })',
          message: MESSAGE("Encrypt"),
          fixes: [
            {
              title: "Add an EncryptionContext",
              output: `import { KMS } from "aws-sdk";\nimport KmsClient from "aws-sdk/clients/kms";\nnew KMS().generateDataKeyPairWithoutPlaintext({ KeyId: "k" });\nexport function f(client: KmsClient) {\n  client.encrypt({ KeyId: "k", EncryptionContext: { purpose: "what-this-data-is" } });\n}`,
            },
          ],
        },
      ],
    },
    {
      name: "ReEncrypt without a destination context",
      code: `import { ReEncryptCommand } from "@aws-sdk/client-kms";\nnew ReEncryptCommand({ CiphertextBlob: b, DestinationKeyId: "k2", SourceEncryptionContext: { a: "b" } });`,
      errors: [
        {
          text: 'new ReEncryptCommand({ CiphertextBlob: b, DestinationKeyId: "k2", SourceEncryptionContext: { a: "b" } })',
          message: MESSAGE("ReEncrypt", "DestinationEncryptionContext"),
          fixes: [
            {
              title: "Add a DestinationEncryptionContext",
              output: `import { ReEncryptCommand } from "@aws-sdk/client-kms";\nnew ReEncryptCommand({ CiphertextBlob: b, DestinationKeyId: "k2", SourceEncryptionContext: { a: "b" }, DestinationEncryptionContext: { purpose: "what-this-data-is" } });`,
            },
          ],
        },
      ],
    },
    {
      name: "Encryption SDK encrypt without options gets an options argument",
      code: `import { buildClient, CommitmentPolicy } from "@aws-crypto/client-node";\nconst { encrypt: seal } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);\nexport async function run(tenantId: string) {\n  await seal(keyring, data);\n}`,
      errors: [
        {
          text: "seal(keyring, data)",
          message:
            "The Encryption SDK's encrypt is called without an encryptionContext; add one that describes the data (for example its tenant and purpose) so the ciphertext is bound to it.",
          fixes: [
            {
              title: "Add an encryptionContext",
              output: `import { buildClient, CommitmentPolicy } from "@aws-crypto/client-node";\nconst { encrypt: seal } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);\nexport async function run(tenantId: string) {\n  await seal(keyring, data, { encryptionContext: { tenantId } });\n}`,
            },
          ],
        },
      ],
    },
    {
      name: "Encryption SDK client used through properties, encryptStream options",
      code: `import { buildClient } from "@aws-crypto/client-browser";\nconst client = buildClient();\nclient.encryptStream(keyring, { suiteId: 1 });`,
      errors: [
        {
          text: "encryptStream(keyring, { suiteId: 1 })",
          message:
            "The Encryption SDK's encryptStream is called without an encryptionContext; add one that describes the data (for example its tenant and purpose) so the ciphertext is bound to it.",
          fixes: [
            {
              title: "Add an encryptionContext",
              output: `import { buildClient } from "@aws-crypto/client-browser";\nconst client = buildClient();\nclient.encryptStream(keyring, { suiteId: 1, encryptionContext: { purpose: "what-this-data-is" } });`,
            },
          ],
        },
      ],
    },
    {
      name: "TSX file and a module variable assigned later",
      fileName: "view.tsx",
      code: `import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";\nlet kms;\nkms = new KMSClient({});\nexport const View = () => <button onClick={() => kms.send(new EncryptCommand({ KeyId: "k" }))} />;`,
      errors: [
        {
          text: 'new EncryptCommand({ KeyId: "k" })',
          message: MESSAGE("Encrypt"),
          fixes: [
            {
              title: "Add an EncryptionContext",
              output: `import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";\nlet kms;\nkms = new KMSClient({});\nexport const View = () => <button onClick={() => kms.send(new EncryptCommand({ KeyId: "k", EncryptionContext: { purpose: "what-this-data-is" } }))} />;`,
            },
          ],
        },
      ],
    },
  ],
});
