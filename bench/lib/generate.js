// @ts-check
// Generated inputs with a known size and a dense, realistic mix of KMS use: every block below
// is something the rules look at, about half of them with a finding.

const CODE_HEADER = `import {
  KMSClient,
  EncryptCommand,
  DecryptCommand,
  GenerateDataKeyCommand,
  ReEncryptCommand,
  CreateGrantCommand,
} from "@aws-sdk/client-kms";
import { buildClient, CommitmentPolicy, KmsKeyringNode } from "@aws-crypto/client-node";
import * as kms from "aws-cdk-lib/aws-kms";
import * as iam from "aws-cdk-lib/aws-iam";

const client = new KMSClient({});
const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
const keyId = process.env.KEY_ID;
`;

/** One block per template; `n` makes names unique so nothing is deduplicated by accident. */
const CODE_BLOCKS = [
  (/** @type {number} */ n) => `
export async function sealRecord${n}(tenantId: string, body: Uint8Array) {
  const output = await client.send(
    new EncryptCommand({
      KeyId: keyId,
      Plaintext: body,
      EncryptionContext: { tenant: tenantId, purpose: "record-${n}" },
    }),
  );
  return output.CiphertextBlob;
}
`,
  (/** @type {number} */ n) => `
export async function openRecord${n}(blob: Uint8Array) {
  const output = await client.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: keyId }));
  return output.Plaintext;
}
`,
  (/** @type {number} */ n) => `
export async function dataKey${n}(user: { email: string; id: string }) {
  return client.send(
    new GenerateDataKeyCommand({
      KeyId: keyId,
      KeySpec: "AES_256",
      EncryptionContext: { owner: user.email, count: ${n} },
    }),
  );
}
`,
  (/** @type {number} */ n) => `
export async function rotate${n}(blob: Uint8Array) {
  return client.send(
    new ReEncryptCommand({
      CiphertextBlob: blob,
      DestinationKeyId: keyId,
      SourceEncryptionContext: { purpose: "record-${n}" },
    }),
  );
}
`,
  (/** @type {number} */ n) => `
export async function grant${n}(principal: string) {
  return client.send(
    new CreateGrantCommand({
      KeyId: keyId,
      GranteePrincipal: principal,
      Operations: ["Decrypt", "Encrypt"],
    }),
  );
}
`,
  (/** @type {number} */ n) => `
export async function esdkRoundTrip${n}(keyring: KmsKeyringNode, text: string) {
  const { result } = await encrypt(keyring, text, { encryptionContext: { stage: "prod-${n}" } });
  const { plaintext, messageHeader } = await decrypt(keyring, result);
  if (messageHeader.encryptionContext.stage !== "prod-${n}") {
    throw new Error("unexpected context");
  }
  return plaintext;
}
`,
  (/** @type {number} */ n) => `
export function infra${n}(key: kms.Key, role: iam.Role) {
  key.grantDecrypt(role);
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ["kms:Decrypt", "kms:GenerateDataKey"],
      resources: [key.keyArn],
    }),
  );
}
`,
];

/**
 * A TypeScript module of at least `lines` lines made of KMS calls, Encryption SDK calls, CDK
 * grants and policy statements.
 * @param {number} lines
 */
function generateKmsModule(lines) {
  const parts = [CODE_HEADER];
  let count = CODE_HEADER.split("\n").length;
  for (let n = 0; count < lines; n++) {
    const block = CODE_BLOCKS[n % CODE_BLOCKS.length](n);
    parts.push(block);
    count += block.split("\n").length - 1;
  }
  return parts.join("");
}

/**
 * One statement of a key policy; the mix covers the shapes every policy rule reads (root
 * delegation, conditions of each kind, Deny, wildcards, CreateGrant).
 * @param {number} n
 */
function policyStatement(n) {
  const account = "111122223333";
  const role = { AWS: `arn:aws:iam::${account}:role/app-${n}` };
  switch (n % 6) {
    case 0:
      return {
        Sid: `Delegate${n}`,
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: "kms:*",
        Resource: "*",
      };
    case 1:
      return {
        Sid: `UseWithContext${n}`,
        Effect: "Allow",
        Principal: role,
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "kms:EncryptionContext:tenant": `tenant-${n}` } },
      };
    case 2:
      return {
        Sid: `UseWithoutContext${n}`,
        Effect: "Allow",
        Principal: role,
        Action: ["kms:Decrypt", "kms:DescribeKey"],
        Resource: "*",
      };
    case 3:
      return {
        Sid: `KeysAllowList${n}`,
        Effect: "Allow",
        Principal: role,
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: {
          "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["tenant", "purpose"] },
        },
      };
    case 4:
      return {
        Sid: `DenyOthers${n}`,
        Effect: "Deny",
        Principal: "*",
        Action: "kms:*",
        Resource: "*",
        Condition: { StringNotEqualsIfExists: { "kms:EncryptionContext:stage": "prod" } },
      };
    default:
      return {
        Sid: `Grants${n}`,
        Effect: "Allow",
        Principal: role,
        Action: "kms:CreateGrant",
        Resource: "*",
        Condition: { StringLike: { "kms:EncryptionContext:tenant": `tenant-${n}-*` } },
      };
  }
}

/**
 * A key policy document with `statements` statements, pretty-printed like a hand-kept file.
 * @param {number} statements
 */
function generateKeyPolicy(statements) {
  const Statement = Array.from({ length: statements }, (_, n) => policyStatement(n));
  return JSON.stringify({ Version: "2012-10-17", Id: "generated", Statement }, null, 2) + "\n";
}

/**
 * One file of a generated many-file workspace. Most files of a real project never touch KMS, so
 * most are plain code; one in four carries a couple of KMS calls and one in ten is a small key
 * policy.
 * @param {number} n
 * @returns {{ path: string, languageId: string, text: string }}
 */
function generateWorkspaceFile(n) {
  const folder = `packages/pkg-${Math.floor(n / 100)}`;
  if (n % 10 === 5) {
    return { path: `${folder}/policy-${n}.json`, languageId: "json", text: generateKeyPolicy(12) };
  }
  if (n % 4 !== 0) {
    const text = `import { formatDate } from "./util-${n % 50}";

export interface Order${n} {
  id: string;
  total: number;
  createdAt: Date;
}

export function describeOrder${n}(order: Order${n}): string {
  const parts = [order.id, order.total.toFixed(2), formatDate(order.createdAt)];
  return parts.join(" · ");
}
`;
    return { path: `${folder}/order-${n}.ts`, languageId: "typescript", text };
  }
  const first = CODE_BLOCKS[n % CODE_BLOCKS.length](n);
  const second = CODE_BLOCKS[(n + 1) % CODE_BLOCKS.length](n + 1);
  return {
    path: `${folder}/crypto-${n}.ts`,
    languageId: "typescript",
    text: CODE_HEADER + first + second,
  };
}

module.exports = { generateKmsModule, generateKeyPolicy, generateWorkspaceFile };
