import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeIn, brief, indexOf, standIn } from "../../workspace/support";

const HEADER = 'import { KMSClient, EncryptCommand, DecryptCommand } from "@aws-sdk/client-kms";';

const BOX = [
  HEADER,
  "export class Box {",
  "  private readonly client = new KMSClient({});",
  "  constructor(private readonly keyId: string) {}",
  "  seal(data: Uint8Array, context?: Record<string, string>) {",
  "    return this.client.send(new EncryptCommand({ KeyId: this.keyId, Plaintext: data, EncryptionContext: context }));",
  "  }",
  "  open(blob: Uint8Array, context?: Record<string, string>) {",
  "    return this.client.send(new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: blob, EncryptionContext: context }));",
  "  }",
  "}",
].join("\n");

const CONTEXTS = [
  "export const NONE = {};",
  "export function contextFor(user: { id: string; email: string }) {",
  '  return { purpose: "profile", owner: user.email };',
  "}",
  'export const TAGGED = { purpose: "tag", phone: "+14155550123" };',
].join("\n");

const WORKSPACE = {
  "src/box.ts": BOX,
  "src/contexts.ts": CONTEXTS,
  "src/vault.ts": [
    'import { Box } from "./box";',
    'const box = new Box("alias/vault");',
    "box.seal(a);",
    'box.seal(b, { purpose: "note" });',
    "box.open(c);",
    "box.open(d, {});",
    "box.seal(e, { email: user.email });",
  ].join("\n"),
  "src/direct.ts": [
    HEADER,
    'import { NONE, TAGGED, contextFor } from "./contexts";',
    "const kms = new KMSClient({});",
    'kms.send(new EncryptCommand({ KeyId: "alias/p", Plaintext: p, EncryptionContext: NONE }));',
    'kms.send(new EncryptCommand({ KeyId: "alias/p", Plaintext: p, EncryptionContext: contextFor(me) }));',
    'kms.send(new DecryptCommand({ KeyId: "alias/p", CiphertextBlob: b, EncryptionContext: TAGGED }));',
    'kms.send(new EncryptCommand({ KeyId: "alias/p", Plaintext: p, EncryptionContext: { email: me.email } }));',
    'kms.send(new EncryptCommand({ KeyId: "alias/p", Plaintext: p }));',
  ].join("\n"),
};

describe("KMS001, KMS002 and KMS004 through helpers and wrappers", () => {
  const index = indexOf(WORKSPACE);

  it("reports an encrypt through a wrapper called without a context, at the call site", () => {
    assert.deepEqual(analyzeIn(index, "src/vault.ts", [standIn("KMS001")]).map(brief), [
      {
        code: "KMS001",
        at: "3:5-3:12",
        message:
          "This call encrypts through Box.seal without an encryption context: pass a context that describes the data so Encrypt binds the ciphertext to it.",
        related: ["src/box.ts:6:29 the Encrypt call inside Box.seal"],
      },
    ]);
  });

  it("reports decrypts through a wrapper without a context or with an empty one", () => {
    assert.deepEqual(
      analyzeIn(index, "src/vault.ts", [standIn("KMS002")]).map((finding) => [
        brief(finding).at,
        finding.message,
      ]),
      [
        [
          "5:5-5:12",
          "This call decrypts through Box.open without an encryption context: pass a context that describes the data so Decrypt binds the ciphertext to it.",
        ],
        [
          "6:5-6:16",
          "This call decrypts through Box.open with an empty encryption context: pass a context that describes the data so Decrypt binds the ciphertext to it.",
        ],
      ],
    );
  });

  it("reports an empty context imported from another module, pointing at it", () => {
    assert.deepEqual(analyzeIn(index, "src/direct.ts", [standIn("KMS001")]).map(brief), [
      {
        code: "KMS001",
        at: "4:10-4:89",
        message:
          "This call encrypts through a shared helper with an empty encryption context (from contexts.ts:1): pass a context that describes the data so Encrypt binds the ciphertext to it.",
        related: ["src/contexts.ts:1:14 the context is built here"],
      },
    ]);
  });

  it("reports sensitive data from a helper at the helper call, and a literal given to a wrapper in place", () => {
    assert.deepEqual(analyzeIn(index, "src/direct.ts", [standIn("KMS004")]).map(brief), [
      {
        code: "KMS004",
        at: "5:82-5:96",
        message:
          'The encryption context this Encrypt sends looks sensitive: the value of "owner" looks like an email address (from `me.email`) (set in contexts.ts:3). Contexts are logged in plaintext (CloudTrail); use an id instead.',
        related: ['src/contexts.ts:3:32 "owner" is set here'],
      },
      {
        code: "KMS004",
        at: "6:87-6:93",
        message:
          'The encryption context this Decrypt sends looks sensitive: the key "phone" names a phone number (set in contexts.ts:5). Contexts are logged in plaintext (CloudTrail); use an id instead.',
        related: ['src/contexts.ts:5:41 "phone" is set here'],
      },
    ]);
    assert.deepEqual(analyzeIn(index, "src/vault.ts", [standIn("KMS004")]).map(brief), [
      {
        code: "KMS004",
        at: "7:15-7:20",
        message:
          'The encryption context this Encrypt through Box.seal sends looks sensitive: the key "email" names an email address. Contexts are logged in plaintext (CloudTrail); use an id instead.',
        related: ["src/box.ts:6:29 the Encrypt call inside Box.seal"],
      },
    ]);
  });

  it("leaves contexts written in place at a direct KMS call to the single-file rules", () => {
    const findings = analyzeIn(index, "src/direct.ts", [
      standIn("KMS001"),
      standIn("KMS002"),
      standIn("KMS004"),
    ]).map(brief);
    // Line 7 sends `email` in place and line 8 sends no context at all: single-file findings.
    assert.deepEqual(
      findings.filter((finding) => finding.at.startsWith("7:") || finding.at.startsWith("8:")),
      [],
    );
  });
});
