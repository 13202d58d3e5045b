import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { WorkspaceIndex } from "../../src/engine/workspace/workspace-index";
import { inWorkspace } from "./support";

/**
 * The index keeps each file's resolution between changes and redoes only what a change can
 * affect. Whatever sequence of edits, creations, deletions and renames it sees, it must answer
 * exactly as an index built from scratch over the same files does.
 */

const PATHS = [
  "src/a.ts",
  "src/b.ts",
  "src/c.js",
  "src/lib/index.ts",
  "src/lib/d.ts",
  "other/e.ts",
  "policy.json",
];

/** Specifiers that name different files (or none) depending on where the importer is. */
const SPECIFIERS = [
  "./a",
  "./b",
  "./c",
  "./a.js",
  "./lib",
  "./lib/d",
  "./d",
  "./index",
  "../src/a",
  "../other/e",
  "./missing",
];

const HEADER = [
  'import { KMSClient, EncryptCommand, DecryptCommand } from "@aws-sdk/client-kms";',
  "const kms = new KMSClient({});",
];

/** Pieces of a module; `s` is a specifier, `v` makes values differ between edits. */
type Fragment = (s: string, v: number) => string;

const IMPORTS: Fragment[] = [
  (s) => `import { ORDER, KEY, contextFor, Box, box, sealWith } from "${s}";`,
  (s) => `import * as m from "${s}";`,
  (s) => `export * from "${s}";`,
  (s) => `export { ORDER as ORDER_ALIAS, contextFor as helper } from "${s}";`,
];

const DECLARATIONS: Fragment[] = [
  (_, v) => `export const ORDER = { purpose: "order-${v}", app: "shop" };`,
  (_, v) => `export const KEY = "alias/key-${v}";`,
  (_, v) =>
    `export function contextFor(user: { id: string }) { return { ...ORDER, user: user.id, n: "${v}" }; }`,
  () =>
    "export class Box { constructor(private keyId: string) {} " +
    "async seal(data: Uint8Array, ctx: Record<string, string>) { " +
    "return kms.send(new EncryptCommand({ KeyId: this.keyId, Plaintext: data, EncryptionContext: ctx })); } }",
  () => "export const box = new Box(KEY);",
  () =>
    "export async function sealWith(data: Uint8Array, ctx: Record<string, string>) { " +
    "return kms.send(new EncryptCommand({ KeyId: KEY, Plaintext: data, EncryptionContext: ctx })); }",
];

const USES: Fragment[] = [
  () => "kms.send(new EncryptCommand({ KeyId: KEY, Plaintext: p, EncryptionContext: ORDER }));",
  () =>
    "kms.send(new DecryptCommand({ KeyId: KEY, CiphertextBlob: b, EncryptionContext: contextFor(user) }));",
  () => "kms.send(new EncryptCommand({ KeyId: m.KEY, Plaintext: p, EncryptionContext: m.ORDER }));",
  (_, v) => `box.seal(data, { tenant: "t${v}" });`,
  () => "sealWith(data, ORDER_ALIAS);",
  () => "const local = new Box(KEY);\nlocal.seal(data, helper(user));",
  (_, v) =>
    `kms.send(new EncryptCommand({ KeyId: process.env.KMS_KEY, Plaintext: p, EncryptionContext: { ...ORDER, v: "${v}" } }));`,
];

/** A few pieces of one kind, each with its specifier and value. */
function pieces(fragments: Fragment[], maxLength: number): fc.Arbitrary<string[]> {
  return fc
    .array(fc.tuple(fc.constantFrom(...fragments), fc.constantFrom(...SPECIFIERS), fc.nat(3)), {
      maxLength,
    })
    .map((chosen) => chosen.map(([fragment, specifier, v]) => fragment(specifier, v)));
}

/** Imports first, then declarations, then uses, so most files both export and import. */
const moduleText = fc
  .tuple(pieces(IMPORTS, 2), pieces(DECLARATIONS, 3), pieces(USES, 3))
  .map(([imports, declarations, uses]) =>
    [...HEADER, ...imports, ...declarations, ...uses].join("\n"),
  );

const policyText = fc.nat(3).map((v) =>
  JSON.stringify({
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::111122223333:role/app" },
        Action: "kms:Encrypt",
        Resource: "*",
        Condition: { StringEquals: { "kms:EncryptionContext:purpose": `order-${v}` } },
      },
    ],
  }),
);

type Step =
  | { kind: "update"; path: string; text: string }
  | { kind: "remove"; path: string }
  | { kind: "rename"; from: string; to: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(...PATHS).chain((path) =>
      (path.endsWith(".json") ? policyText : moduleText).map((text): Step => ({
        kind: "update",
        path,
        text,
      })),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...PATHS).map((path): Step => ({ kind: "remove", path })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...PATHS), fc.constantFrom(...PATHS))
      .map(([from, to]): Step => ({ kind: "rename", from, to })),
  },
);

/** Applies a step to the incremental index and to the plain record of what the files hold. */
function apply(index: WorkspaceIndex, files: Map<string, string>, change: Step): void {
  if (change.kind === "update") {
    index.update(inWorkspace(change.path), change.text);
    files.set(change.path, change.text);
  } else if (change.kind === "remove") {
    index.remove(inWorkspace(change.path));
    files.delete(change.path);
  } else {
    index.rename(inWorkspace(change.from), inWorkspace(change.to));
    const text = files.get(change.from);
    files.delete(change.from);
    if (text !== undefined) {
      files.set(change.to, text);
    }
  }
}

function freshIndex(files: Map<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [path, text] of files) {
    index.update(inWorkspace(path), text);
  }
  return index;
}

/** Everything the index answers about the workspace, for comparison. */
function answers(index: WorkspaceIndex, askFirst: string) {
  // Asking for one file before the whole workspace exercises the per-file view on its own.
  const first = index.usesIn(inWorkspace(askFirst));
  return {
    first,
    fileNames: index.fileNames(),
    uses: index.uses(),
    usesIn: PATHS.map((path) => index.usesIn(inWorkspace(path))),
    statements: index.statements(),
    sentContextKeys: index.sentContextKeys(),
    sentForKey: index.sentContextKeys("alias/key-1"),
  };
}

describe("workspace index: incremental resolution", () => {
  it("answers like a freshly built index after every edit, creation, deletion and rename", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(step, fc.constantFrom(...PATHS), fc.boolean()), {
          minLength: 1,
          maxLength: 24,
        }),
        (steps) => {
          const index = new WorkspaceIndex();
          const files = new Map<string, string>();
          steps.forEach(([change, askFirst, ask], position) => {
            apply(index, files, change);
            // Some steps go unqueried, so several changes pile up before the next question.
            if (ask || position === steps.length - 1) {
              assert.deepEqual(
                answers(index, askFirst),
                answers(freshIndex(files), askFirst),
                `after step ${position + 1}: ${JSON.stringify(change)}`,
              );
            }
          });
        },
      ),
      { seed: 8, numRuns: 1000 },
    );
  });

  it("re-resolves a file that imports through a re-export chain when the end of it changes", () => {
    const index = new WorkspaceIndex();
    index.update(inWorkspace("src/lib/d.ts"), 'export const ORDER = { purpose: "one" };');
    index.update(inWorkspace("src/lib/index.ts"), 'export * from "./d";');
    index.update(
      inWorkspace("src/a.ts"),
      [
        ...HEADER,
        'import { ORDER } from "./lib";',
        'kms.send(new EncryptCommand({ KeyId: "alias/k", Plaintext: p, EncryptionContext: ORDER }));',
      ].join("\n"),
    );
    const purpose = () => {
      const context = index.usesIn(inWorkspace("src/a.ts"))[0].contexts[0].context;
      return context.kind === "known" ? context.entries[0].value : context.kind;
    };
    assert.deepEqual(purpose(), { kind: "string", value: "one" });

    index.update(inWorkspace("src/lib/d.ts"), 'export const ORDER = { purpose: "two" };');
    assert.deepEqual(purpose(), { kind: "string", value: "two" });

    // A file created where the chain first looks (`./lib.ts` before `./lib/index.ts`) wins.
    index.update(inWorkspace("src/lib.ts"), 'export const ORDER = { purpose: "three" };');
    assert.deepEqual(purpose(), { kind: "string", value: "three" });

    index.remove(inWorkspace("src/lib.ts"));
    assert.deepEqual(purpose(), { kind: "string", value: "two" });

    // The folder's index file, found for `./lib`, is edited itself.
    index.update(inWorkspace("src/lib/index.ts"), 'export const ORDER = { purpose: "four" };');
    assert.deepEqual(purpose(), { kind: "string", value: "four" });
  });

  it("re-resolves an import written with a .js extension when the .ts file changes", () => {
    const index = new WorkspaceIndex();
    index.update(inWorkspace("src/b.ts"), 'export const KEY = "alias/one";');
    index.update(
      inWorkspace("src/a.ts"),
      [
        ...HEADER,
        'import { KEY } from "./b.js";',
        'kms.send(new EncryptCommand({ KeyId: KEY, Plaintext: p, EncryptionContext: { a: "b" } }));',
      ].join("\n"),
    );
    const keyGroup = () => index.usesIn(inWorkspace("src/a.ts"))[0].keyGroup;
    assert.equal(keyGroup(), "alias/one");

    index.update(inWorkspace("src/b.ts"), 'export const KEY = "alias/two";');
    assert.equal(keyGroup(), "alias/two");
  });
});
