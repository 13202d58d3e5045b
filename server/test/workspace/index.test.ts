import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ResolvedUse } from "../../src/engine/workspace/resolved";
import { indexWorkspace, WorkspaceIndex } from "../../src/engine/workspace/workspace-index";
import { inWorkspace } from "./support";

const SAVE = [
  'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";',
  'import { ORDER } from "./contexts";',
  "const kms = new KMSClient({});",
  'kms.send(new EncryptCommand({ KeyId: "alias/orders", Plaintext: p, EncryptionContext: ORDER }));',
].join("\n");

function contextOf(use: ResolvedUse | undefined): string {
  const context = use?.contexts[0].context;
  if (!context || context.kind !== "known") {
    return context?.kind ?? "no use";
  }
  return context.entries
    .map((entry) => `${entry.key}=${entry.value.kind === "string" ? entry.value.value : "?"}`)
    .join(",");
}

function saveContext(index: WorkspaceIndex): string {
  return contextOf(index.usesIn(inWorkspace("src/save.ts"))[0]);
}

describe("workspace index: incremental updates", () => {
  it("re-resolves a caller when the module it imports is edited", () => {
    const index = new WorkspaceIndex();
    index.update(inWorkspace("src/contexts.ts"), 'export const ORDER = { purpose: "order" };');
    index.update(inWorkspace("src/save.ts"), SAVE);
    assert.equal(saveContext(index), "purpose=order");

    const before = index.generation;
    index.update(inWorkspace("src/contexts.ts"), 'export const ORDER = { purpose: "orders" };');
    assert.equal(index.generation, before + 1);
    assert.equal(saveContext(index), "purpose=orders");
  });

  it("ignores an update with the text it already has", () => {
    const index = new WorkspaceIndex();
    assert.equal(index.update(inWorkspace("src/save.ts"), SAVE), true);
    const before = index.generation;
    assert.equal(index.update(inWorkspace("src/save.ts"), SAVE), false);
    assert.equal(index.generation, before);
  });

  it("resolves an import once the imported file is created, and forgets it on delete", () => {
    const index = new WorkspaceIndex();
    index.update(inWorkspace("src/save.ts"), SAVE);
    assert.equal(saveContext(index), "unknown");

    index.update(inWorkspace("src/contexts.ts"), 'export const ORDER = { purpose: "order" };');
    assert.equal(saveContext(index), "purpose=order");

    assert.equal(index.remove(inWorkspace("src/contexts.ts")), true);
    assert.equal(index.remove(inWorkspace("src/contexts.ts")), false);
    assert.equal(saveContext(index), "unknown");
    assert.equal(index.has(inWorkspace("src/contexts.ts")), false);
  });

  it("moves a renamed file: the old import stops resolving, the uses move with the file", () => {
    const index = new WorkspaceIndex();
    index.update(inWorkspace("src/contexts.ts"), 'export const ORDER = { purpose: "order" };');
    index.update(inWorkspace("src/save.ts"), SAVE);

    index.rename(inWorkspace("src/contexts.ts"), inWorkspace("src/order-contexts.ts"));
    assert.equal(saveContext(index), "unknown");
    assert.deepEqual(index.fileNames().sort(), [
      inWorkspace("src/order-contexts.ts"),
      inWorkspace("src/save.ts"),
    ]);

    index.rename(inWorkspace("src/save.ts"), inWorkspace("src/store.ts"));
    assert.deepEqual(index.usesIn(inWorkspace("src/save.ts")), []);
    const moved = index.usesIn(inWorkspace("src/store.ts"));
    assert.equal(moved.length, 1);
    assert.equal(moved[0].fileName, inWorkspace("src/store.ts"));

    index.update(inWorkspace("src/store.ts"), SAVE.replace("./contexts", "./order-contexts"));
    assert.equal(contextOf(index.usesIn(inWorkspace("src/store.ts"))[0]), "purpose=order");
  });

  it("takes the editor's text over the indexed one when a document is analysed", () => {
    const index = new WorkspaceIndex();
    index.update(inWorkspace("src/contexts.ts"), 'export const ORDER = { purpose: "order" };');
    index.update(inWorkspace("src/save.ts"), SAVE);

    index
      .facts()
      .syncDocument?.(
        { fileName: inWorkspace("src/contexts.ts"), text: 'export const ORDER = { kind: "x" };' },
        {},
      );
    assert.equal(saveContext(index), "kind=x");
  });

  it("skips files the configuration ignores, and drops them when they become ignored", () => {
    let ignoreContexts = false;
    const index = new WorkspaceIndex({
      isIgnored: (fileName) => ignoreContexts && fileName.endsWith("contexts.ts"),
    });
    index.update(inWorkspace("src/contexts.ts"), 'export const ORDER = { purpose: "order" };');
    index.update(inWorkspace("src/save.ts"), SAVE);
    assert.equal(saveContext(index), "purpose=order");

    ignoreContexts = true;
    index.update(inWorkspace("src/contexts.ts"), 'export const ORDER = { purpose: "order" };');
    assert.equal(index.has(inWorkspace("src/contexts.ts")), false);
    assert.equal(saveContext(index), "unknown");
  });

  it("indexes nothing from binary, oversized or declaration files, and never throws", () => {
    const index = indexWorkspace(
      [
        { fileName: inWorkspace("a.ts"), text: `${SAVE}\u0000` },
        { fileName: inWorkspace("b.d.ts"), text: SAVE },
        { fileName: inWorkspace("c.ts"), text: "export const = {{{ ((( ;" },
        { fileName: inWorkspace("d.json"), text: '{ "Statement": [ {' },
        { fileName: inWorkspace("e.yaml"), text: "Statement: [&a, *a, !!bogus" },
      ],
      { config: undefined },
    );
    assert.deepEqual(index.uses(), []);
    assert.deepEqual(index.statements(), []);
    assert.equal(index.size, 5);
  });

  it("hands out files and uses in path order, whatever order they were indexed in", () => {
    const encryptIn = (key: string) =>
      `${SAVE.split("\n").slice(0, 3).join("\n")}\n` +
      `kms.send(new EncryptCommand({ KeyId: "${key}", Plaintext: p, EncryptionContext: ORDER }));`;
    const names = ["src/b.ts", "src/a.ts", "src/c.ts"];
    const forward = new WorkspaceIndex();
    const backward = new WorkspaceIndex();
    for (const name of names) {
      forward.update(inWorkspace(name), encryptIn("alias/orders"));
    }
    for (const name of [...names].reverse()) {
      backward.update(inWorkspace(name), encryptIn("alias/orders"));
    }

    const expected = ["src/a.ts", "src/b.ts", "src/c.ts"].map(inWorkspace);
    assert.deepEqual(forward.fileNames(), expected);
    assert.deepEqual(backward.fileNames(), expected);
    assert.deepEqual(
      backward.uses().map((use) => use.fileName),
      forward.uses().map((use) => use.fileName),
    );
    assert.deepEqual(
      forward.uses().map((use) => use.fileName),
      expected,
    );
  });

  it("re-indexes one typical file on every edit and keeps all of its uses", () => {
    // How long this takes is measured by `npm run bench` (section 6) in a 5,000-file
    // workspace; this test pins what the update produces.
    const helpers = Array.from(
      { length: 60 },
      (_, n) => `export function context${n}(id: string) {\n  return { purpose: "p${n}", id };\n}`,
    ).join("\n");
    const calls = Array.from(
      { length: 40 },
      (_, n) =>
        `export async function save${n}(p: Uint8Array) {\n` +
        `  return kms.send(new EncryptCommand({ KeyId: "alias/k${n % 4}", Plaintext: p, EncryptionContext: context${n}("x") }));\n}`,
    ).join("\n");
    const text = `${SAVE}\n${helpers}\n${calls}\n`;
    const index = new WorkspaceIndex();
    index.update(inWorkspace("src/contexts.ts"), 'export const ORDER = { purpose: "order" };');
    index.update(inWorkspace("src/save.ts"), text);
    assert.equal(index.usesIn(inWorkspace("src/save.ts")).length, 41);

    for (let edit = 0; edit < 3; edit++) {
      const before = index.generation;
      assert.equal(index.update(inWorkspace("src/save.ts"), `${text}// edit ${edit}\n`), true);
      assert.equal(index.generation, before + 1);
      assert.equal(index.usesIn(inWorkspace("src/save.ts")).length, 41);
    }
    assert.equal(contextOf(index.usesIn(inWorkspace("src/save.ts"))[1]), "purpose=p0,id=x");
  });
});
