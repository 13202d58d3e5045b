import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { code, literal, placeAtMarker, refusal } from "./support";

const pairs = [code("tenant", "tenantId"), literal("purpose", "invoices")];
const context = { pairs, target: { kind: "code" } as const };

describe("placing a context in TypeScript/JavaScript", () => {
  it("adds EncryptionContext to an SDK v3 command at the call", () => {
    const before = [
      'import { EncryptCommand, KMSClient } from "@aws-sdk/client-kms";',
      "export async function seal(kms: KMSClient, tenantId: string, data: Uint8Array) {",
      "  return kms.send(",
      "    |new EncryptCommand({",
      '      KeyId: "alias/app",',
      "      Plaintext: data,",
      "    }),",
      "  );",
      "}",
      "",
    ].join("\n");
    assert.equal(
      placeAtMarker(before, "seal.ts", context),
      [
        'import { EncryptCommand, KMSClient } from "@aws-sdk/client-kms";',
        "export async function seal(kms: KMSClient, tenantId: string, data: Uint8Array) {",
        "  return kms.send(",
        "    new EncryptCommand({",
        '      KeyId: "alias/app",',
        "      Plaintext: data,",
        "      EncryptionContext: {",
        "        tenant: tenantId,",
        '        purpose: "invoices",',
        "      },",
        "    }),",
        "  );",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("rewrites a one-line SDK v2 request with one member per line, in single quotes", () => {
    const before =
      "const out = await kms.encrypt({ KeyId: 'alias/app', |Plaintext: data }).promise();\n";
    assert.equal(
      placeAtMarker(before, "seal.js", context),
      [
        "const out = await kms.encrypt({",
        "  KeyId: 'alias/app',",
        "  Plaintext: data,",
        "  EncryptionContext: {",
        "    tenant: tenantId,",
        "    purpose: 'invoices',",
        "  },",
        "}).promise();",
        "",
      ].join("\n"),
    );
  });

  it("uses encryptionContext in Encryption SDK options", () => {
    const before = "const sealed = await |encrypt(keyring, data, { suiteId });\n";
    assert.equal(
      placeAtMarker(before, "seal.ts", context),
      [
        "const sealed = await encrypt(keyring, data, {",
        "  suiteId,",
        "  encryptionContext: {",
        "    tenant: tenantId,",
        '    purpose: "invoices",',
        "  },",
        "});",
        "",
      ].join("\n"),
    );
  });

  it("adds the options argument to an Encryption SDK encrypt that has none", () => {
    const before = "  const { result } = await client.|encrypt(keyring, plaintext);\n";
    assert.equal(
      placeAtMarker(before, "seal.ts", context),
      [
        "  const { result } = await client.encrypt(keyring, plaintext, {",
        "    encryptionContext: {",
        "      tenant: tenantId,",
        '      purpose: "invoices",',
        "    },",
        "  });",
        "",
      ].join("\n"),
    );
  });

  it("completes an existing context object, keeping pairs it does not redefine", () => {
    const before = [
      "kms.send(new DecryptCommand({",
      "    CiphertextBlob: blob,",
      '    EncryptionContext: { app: "billing", purpose: "old" |}',
      "}));",
      "",
    ].join("\n");
    assert.equal(
      placeAtMarker(before, "open.ts", context),
      [
        "kms.send(new DecryptCommand({",
        "    CiphertextBlob: blob,",
        "    EncryptionContext: {",
        '        app: "billing",',
        "        tenant: tenantId,",
        '        purpose: "invoices"',
        "    }",
        "}));",
        "",
      ].join("\n"),
    );
  });

  it("fills the destination context of a ReEncrypt", () => {
    const before = "new ReEncryptCommand({ |CiphertextBlob: blob, DestinationKeyId: k });\n";
    assert.match(placeAtMarker(before, "a.ts", context), /DestinationEncryptionContext: \{/);
    const explicit = {
      pairs,
      target: { kind: "code", member: "SourceEncryptionContext" } as const,
    };
    assert.match(placeAtMarker(before, "a.ts", explicit), /SourceEncryptionContext: \{/);
  });

  it("adds grant Constraints to a CreateGrant request", () => {
    const before = [
      "await kms.send(new CreateGrantCommand({",
      "\tKeyId: keyId,",
      '\tOperations: ["Decrypt"],|',
      "}));",
      "",
    ].join("\n");
    const grant = { pairs, target: { kind: "grant", constraint: "equals" } as const };
    assert.equal(
      placeAtMarker(before, "grant.ts", grant),
      [
        "await kms.send(new CreateGrantCommand({",
        "\tKeyId: keyId,",
        '\tOperations: ["Decrypt"],',
        "\tConstraints: {",
        "\t\tEncryptionContextEquals: {",
        "\t\t\ttenant: tenantId,",
        '\t\t\tpurpose: "invoices",',
        "\t\t},",
        "\t},",
        "}));",
        "",
      ].join("\n"),
    );
  });

  it("refuses when there is no request at the cursor, or the context is an expression", () => {
    assert.equal(
      refusal("const x = 1;|\n", "a.ts", context),
      "Put the cursor inside the request object of a KMS or Encryption SDK call.",
    );
    assert.equal(
      refusal("kms.encrypt({ KeyId: k, |EncryptionContext: ctx });\n", "a.ts", context),
      "EncryptionContext is set from an expression; change the object it comes from instead.",
    );
    assert.equal(
      refusal('{ "a": |1 }', "a.json", context),
      "This target goes into TypeScript or JavaScript code; copy it instead.",
    );
  });

  it("refuses rather than guesses at the end of an unfinished object", () => {
    assert.equal(
      refusal("kms.encrypt({ KeyId: k, |\n", "broken.ts", context),
      "Put the cursor inside the request object of a KMS or Encryption SDK call.",
    );
  });
});
