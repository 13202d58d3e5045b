import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ResolvedUse } from "../../src/engine/workspace/resolved";
import { indexOf, inWorkspace } from "./support";

/** `key=value` pairs of a use's contexts, with dynamic values shown as `<path>`. */
function pairs(use: ResolvedUse): string[][] {
  return use.contexts.map((side) => {
    if (side.context.kind !== "known") {
      return [side.context.kind];
    }
    return side.context.entries.map(
      (entry) =>
        `${entry.key}=${entry.value.kind === "string" ? entry.value.value : `<${entry.value.text}>`}`,
    );
  });
}

function usesOf(files: Record<string, string>, relative: string): ResolvedUse[] {
  return indexOf(files).usesIn(inWorkspace(relative));
}

const KMS_IMPORT =
  'import { KMSClient, EncryptCommand, DecryptCommand } from "@aws-sdk/client-kms";';

describe("workspace index: resolving contexts across modules", () => {
  it("follows an imported const context and records where it is defined", () => {
    const [use] = usesOf(
      {
        "src/contexts.ts": 'export const ORDER = { purpose: "order", app: "shop" };\n',
        "src/save.ts": [
          KMS_IMPORT,
          'import { ORDER } from "./contexts";',
          "const kms = new KMSClient({});",
          'kms.send(new EncryptCommand({ KeyId: "alias/orders", Plaintext: p, EncryptionContext: ORDER }));',
        ].join("\n"),
      },
      "src/save.ts",
    );

    assert.deepEqual(pairs(use), [["purpose=order", "app=shop"]]);
    assert.equal(use.keyGroup, "alias/orders");
    const context = use.contexts[0].context;
    assert.equal(context.kind === "known" && context.through, "import");
    assert.deepEqual(context.kind === "known" && context.origins.map((origin) => origin.fileName), [
      inWorkspace("src/contexts.ts"),
    ]);
  });

  it("substitutes the caller's argument into a helper that returns an object literal", () => {
    const [use] = usesOf(
      {
        "src/contexts.ts": [
          "export function contextFor(user: { id: string; email: string }) {",
          '  return { purpose: "profile", customer: user.email, id: user.id };',
          "}",
        ].join("\n"),
        "src/save.ts": [
          KMS_IMPORT,
          'import { contextFor } from "./contexts";',
          "const kms = new KMSClient({});",
          "export function save(currentUser: { id: string; email: string }) {",
          '  return kms.send(new EncryptCommand({ KeyId: "alias/p", Plaintext: p, EncryptionContext: contextFor(currentUser) }));',
          "}",
        ].join("\n"),
      },
      "src/save.ts",
    );

    assert.deepEqual(pairs(use), [
      ["purpose=profile", "customer=<currentUser.email>", "id=<currentUser.id>"],
    ]);
    const context = use.contexts[0].context;
    assert.equal(context.kind === "known" && context.through, "helper");
  });

  it("places uses of a wrapper class at its call sites, with arguments substituted", () => {
    const caller = [
      'import { Box } from "./box";',
      'const box = new Box("alias/vault");',
      'box.seal(a, { tenant: "t-1" });',
      "box.seal(b);",
    ].join("\n");
    const uses = usesOf(
      {
        "src/box.ts": [
          KMS_IMPORT,
          "export class Box {",
          "  private readonly client = new KMSClient({});",
          "  constructor(private readonly keyId: string) {}",
          "  seal(data: Uint8Array, context?: Record<string, string>) {",
          "    return this.client.send(new EncryptCommand({ KeyId: this.keyId, Plaintext: data, EncryptionContext: context }));",
          "  }",
          "}",
        ].join("\n"),
        "src/use.ts": caller,
      },
      "src/use.ts",
    );

    assert.deepEqual(uses.map(pairs), [[["tenant=t-1"]], [["absent"]]]);
    // The call range starts at the method name, like the contract's range for `client.method(`.
    assert.deepEqual(
      uses.map((use) => [use.via, use.operation, use.wrapper?.label, use.start, use.end]),
      [
        [
          "wrapper",
          "Encrypt",
          "Box.seal",
          caller.indexOf("seal(a"),
          caller.indexOf(";\nbox.seal(b"),
        ],
        ["wrapper", "Encrypt", "Box.seal", caller.indexOf("seal(b"), caller.length - 1],
      ],
    );
    assert.equal(uses[0].keyGroup, `class:${inWorkspace("src/box.ts")}#Box`);
  });

  it("resolves a wrapper function whose key is a parameter to the caller's key", () => {
    const [use] = usesOf(
      {
        "src/seal.ts": [
          KMS_IMPORT,
          "const kms = new KMSClient({});",
          "export async function sealFor(keyId: string, tenant: string, data: Uint8Array) {",
          "  return kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: data, EncryptionContext: { tenant } }));",
          "}",
        ].join("\n"),
        "src/use.ts": [
          'import { sealFor } from "./seal";',
          'sealFor(process.env.NOTES_KEY, "t-9", data);',
        ].join("\n"),
      },
      "src/use.ts",
    );

    assert.deepEqual(pairs(use), [["tenant=t-9"]]);
    assert.equal(use.keyGroup, "env:NOTES_KEY");
    assert.equal(use.keyLabel, "process.env.NOTES_KEY");
  });

  it("follows re-exports, `export *`, CommonJS exports and imported key constants", () => {
    const files = {
      "src/contexts.js": 'const ORDER = { purpose: "order" };\nmodule.exports = { ORDER };\n',
      "src/keys.ts":
        'export const ORDERS_KEY = "arn:aws:kms:eu-west-1:111122223333:alias/orders";\n',
      "src/index.ts": 'export { ORDER } from "./contexts";\nexport * from "./keys";\n',
      "src/save.ts": [
        KMS_IMPORT,
        'import { ORDER, ORDERS_KEY } from "./index";',
        "const kms = new KMSClient({});",
        "kms.send(new EncryptCommand({ KeyId: ORDERS_KEY, Plaintext: p, EncryptionContext: ORDER }));",
      ].join("\n"),
      "src/load.js": [
        'const { DecryptCommand, KMSClient } = require("@aws-sdk/client-kms");',
        'const { ORDER } = require("./contexts");',
        "const kms = new KMSClient({});",
        'kms.send(new DecryptCommand({ KeyId: "alias/orders", CiphertextBlob: b, EncryptionContext: ORDER }));',
      ].join("\n"),
    };
    const index = indexOf(files);
    const [save] = index.usesIn(inWorkspace("src/save.ts"));
    const [load] = index.usesIn(inWorkspace("src/load.js"));

    assert.deepEqual(pairs(save), [["purpose=order"]]);
    assert.equal(save.keyGroup, "alias/orders");
    assert.deepEqual(pairs(load), [["purpose=order"]]);
    assert.equal(load.keyGroup, "alias/orders");
  });

  it("keeps a context unknown when it comes from a parameter nobody binds", () => {
    const [use] = usesOf(
      {
        "src/save.ts": [
          KMS_IMPORT,
          "const kms = new KMSClient({});",
          "function save(ctx: Record<string, string>) {",
          '  return kms.send(new EncryptCommand({ KeyId: "alias/x", Plaintext: p, EncryptionContext: ctx }));',
          "}",
        ].join("\n"),
      },
      "src/save.ts",
    );

    assert.deepEqual(use.contexts[0].context, {
      kind: "unknown",
      reason: "it comes from the parameter `ctx`",
    });
  });
});
