import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeIn, brief, indexOf, standIn } from "../../workspace/support";

const HEADER = 'import { KMSClient, EncryptCommand, DecryptCommand } from "@aws-sdk/client-kms";';

function decryptFile(context: string, key = "ORDERS_KEY"): string {
  return [
    HEADER,
    'import { ORDERS_KEY } from "./keys";',
    "const kms = new KMSClient({});",
    `kms.send(new DecryptCommand({ KeyId: ${key}, CiphertextBlob: b, EncryptionContext: ${context} }));`,
  ].join("\n");
}

const WORKSPACE = {
  "src/keys.ts": 'export const ORDERS_KEY = "alias/orders";\n',
  "src/save.ts": [
    HEADER,
    'import { ORDERS_KEY } from "./keys";',
    "const kms = new KMSClient({});",
    'kms.send(new EncryptCommand({ KeyId: ORDERS_KEY, Plaintext: p, EncryptionContext: { purpose: "order", tenantId: t } }));',
  ].join("\n"),
  "src/load-value.ts": decryptFile('{ purpose: "orders", tenantId: t }'),
  "src/load-case.ts": decryptFile('{ purpose: "order", tenantid: t }'),
  "src/load-missing.ts": decryptFile('{ purpose: "order" }'),
  "src/load-ok.ts": decryptFile('{ tenantId: tenant, purpose: "order" }'),
  "src/load-other-key.ts": decryptFile('{ purpose: "x" }', '"alias/other"'),
  "src/load-unknown-key.ts": decryptFile('{ purpose: "x" }', "someKey"),
};

describe("KMS006 across files", () => {
  const index = indexOf(WORKSPACE);
  const rules = [standIn("KMS006")];
  const decryptAt = (relative: string): string => {
    const text = WORKSPACE[relative as keyof typeof WORKSPACE];
    const line = text.split("\n").findIndex((candidate) => candidate.includes("DecryptCommand("));
    const lineText = text.split("\n")[line];
    const start = lineText.indexOf("new DecryptCommand(") + 1;
    const end = lineText.lastIndexOf(")") + 1;
    return `${line + 1}:${start}-${line + 1}:${end}`;
  };
  const related = ["src/save.ts:4:10 Encrypt with { purpose, tenantId }"];

  it("reports a literal value that differs from every encrypt under the same key", () => {
    assert.deepEqual(analyzeIn(index, "src/load-value.ts", rules).map(brief), [
      {
        code: "KMS006",
        at: decryptAt("src/load-value.ts"),
        message:
          'This Decrypt can never match the encryption context used with alias/orders (closest: save.ts:4): "purpose" is "orders" here but "order" when encrypting. KMS will reject it with InvalidCiphertextException.',
        related,
      },
    ]);
  });

  it("reports keys that differ only by case", () => {
    assert.deepEqual(
      analyzeIn(index, "src/load-case.ts", rules).map((finding) => finding.message),
      [
        'This Decrypt can never match the encryption context used with alias/orders (closest: save.ts:4): key "tenantid" is "tenantId" when encrypting (keys are case-sensitive). KMS will reject it with InvalidCiphertextException.',
      ],
    );
  });

  it("reports a key the encrypt side sends that the decrypt leaves out", () => {
    assert.deepEqual(
      analyzeIn(index, "src/load-missing.ts", rules).map((finding) => finding.message),
      [
        'This Decrypt can never match the encryption context used with alias/orders (closest: save.ts:4): key "tenantId" sent when encrypting is missing here. KMS will reject it with InvalidCiphertextException.',
      ],
    );
  });

  it("accepts the same keys in another order with values that may be equal", () => {
    assert.deepEqual(analyzeIn(index, "src/load-ok.ts", rules), []);
  });

  it("stays silent when nothing in the workspace encrypts under that key, or the key is unknown", () => {
    assert.deepEqual(analyzeIn(index, "src/load-other-key.ts", rules), []);
    assert.deepEqual(analyzeIn(index, "src/load-unknown-key.ts", rules), []);
  });

  it("stays silent when some encrypt under the key has a context it cannot read", () => {
    const open = indexOf({
      ...WORKSPACE,
      "src/save-open.ts": [
        HEADER,
        'import { ORDERS_KEY } from "./keys";',
        "const kms = new KMSClient({});",
        "export function save(extra: Record<string, string>) {",
        '  return kms.send(new EncryptCommand({ KeyId: ORDERS_KEY, Plaintext: p, EncryptionContext: { ...extra, purpose: "orders" } }));',
        "}",
      ].join("\n"),
    });
    assert.deepEqual(analyzeIn(open, "src/load-value.ts", rules), []);
  });

  it("leaves a decrypt next to an encrypt of the same file to the single-file check", () => {
    const sameFile = indexOf({
      "src/both.ts": [
        HEADER,
        "const kms = new KMSClient({});",
        'kms.send(new EncryptCommand({ KeyId: "alias/a", Plaintext: p, EncryptionContext: { purpose: "a" } }));',
        'kms.send(new DecryptCommand({ KeyId: "alias/a", CiphertextBlob: b, EncryptionContext: { purpose: "b" } }));',
      ].join("\n"),
      "src/other.ts": [
        HEADER,
        "const kms = new KMSClient({});",
        'kms.send(new EncryptCommand({ KeyId: "alias/a", Plaintext: p, EncryptionContext: { purpose: "c" } }));',
      ].join("\n"),
    });
    assert.deepEqual(analyzeIn(sameFile, "src/both.ts", rules), []);
  });

  it("compares the calls made through one wrapper class", () => {
    const wrapped = indexOf({
      "src/box.ts": [
        HEADER,
        "export class Box {",
        "  private readonly client = new KMSClient({});",
        "  constructor(private readonly keyId: string) {}",
        "  seal(data: Uint8Array, context: Record<string, string>) {",
        "    return this.client.send(new EncryptCommand({ KeyId: this.keyId, Plaintext: data, EncryptionContext: context }));",
        "  }",
        "  open(blob: Uint8Array, context: Record<string, string>) {",
        "    return this.client.send(new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: blob, EncryptionContext: context }));",
        "  }",
        "}",
      ].join("\n"),
      "src/notes.ts": [
        'import { Box } from "./box";',
        'const box = new Box("alias/notes");',
        "export const save = (note: Uint8Array, tenant: string) => box.seal(note, { tenant });",
        "export const load = (blob: Uint8Array, tenant: string) => box.open(blob, { tenantId: tenant });",
      ].join("\n"),
    });

    assert.deepEqual(analyzeIn(wrapped, "src/notes.ts", rules).map(brief), [
      {
        code: "KMS006",
        at: "4:63-4:95",
        message:
          'This Decrypt through Box.open can never match the encryption context used with Box\'s this.keyId (closest: notes.ts:3): key "tenantId" is not sent when encrypting; key "tenant" sent when encrypting is missing here. KMS will reject it with InvalidCiphertextException.',
        related: [
          ".:3:63 Encrypt through Box.seal with { tenant }",
          "src/box.ts:9:29 the Decrypt call inside Box.open",
        ],
      },
    ]);
  });
});
