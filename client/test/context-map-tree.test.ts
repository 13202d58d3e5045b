import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ContextMapResult } from "../../server/src/shared/protocol";
import { buildTree, type MapNode } from "../src/context-map/tree-model";

const at = (file: string, line: number) => ({
  uri: `file:///ws/${file}`,
  range: { start: { line, character: 4 }, end: { line, character: 20 } },
});

const MAP: ContextMapResult = {
  fileCount: 4,
  indexing: false,
  keys: [
    {
      id: "alias/orders",
      label: "alias/orders",
      problemCount: 1,
      uses: [
        {
          role: "decrypt",
          operation: "Decrypt",
          context: '{ purpose: "orders" }',
          location: at("src/load.ts", 5),
          mismatch: '"purpose" is "orders" here but "order" when encrypting',
          unconstrained: false,
        },
        {
          role: "encrypt",
          operation: "Encrypt",
          wrapper: "Box.seal",
          context: '{ purpose: "order" }',
          location: at("src/save.ts", 9),
          unconstrained: false,
        },
      ],
      statements: [
        {
          label: "UseOrders",
          anyKey: false,
          requires: ['purpose = "order"'],
          location: at("policy/role.json", 3),
        },
      ],
    },
    {
      id: "env:NOTES_KEY",
      label: "process.env.NOTES_KEY",
      problemCount: 1,
      uses: [
        {
          role: "encrypt",
          operation: "Encrypt",
          context: "{ tenant: tenantId }",
          location: at("src/notes.ts", 0),
          unconstrained: true,
        },
      ],
      statements: [],
    },
  ],
};

/** `icon label — description` lines, indented by depth. */
function render(nodes: MapNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [
    `${"  ".repeat(depth)}[${node.icon}] ${node.label}${node.description ? ` — ${node.description}` : ""}`,
    ...render(node.children, depth + 1),
  ]);
}

describe("context map tree", () => {
  it("lists keys, their encrypt and decrypt uses, and statements, with problems marked", () => {
    const tree = buildTree(MAP);
    assert.equal(tree.message, undefined);
    assert.deepEqual(render(tree.roots), [
      "[warning] alias/orders — 2 uses · 1 to check",
      "  [encrypt] Encrypt (1)",
      '    [encrypt] { purpose: "order" } — Encrypt via Box.seal · save.ts:10',
      "  [decrypt] Decrypt (1)",
      '    [error] { purpose: "orders" } — Decrypt · load.ts:6 · mismatch',
      "  [statement] Policy statements (1)",
      '    [statement] UseOrders — purpose = "order"',
      "[warning] process.env.NOTES_KEY — 1 use · 1 to check",
      "  [encrypt] Encrypt (1)",
      "    [warning] { tenant: tenantId } — Encrypt · notes.ts:1",
      "  [warning] No policy statement constrains this key's encryption context",
    ]);
  });

  it("makes each use and statement open its location, and explains problems", () => {
    const [orders] = buildTree(MAP).roots;
    const decrypt = orders.children[1].children[0];
    assert.deepEqual(decrypt.location, at("src/load.ts", 5));
    assert.equal(
      decrypt.tooltip,
      'Decrypt at load.ts:6\nCan never match an encrypt: "purpose" is "orders" here but "order" when encrypting',
    );
    assert.deepEqual(orders.children[2].children[0].location, at("policy/role.json", 3));
  });

  it("says why the tree is empty", () => {
    assert.equal(
      buildTree({ keys: [], fileCount: 12, indexing: false }).message,
      "No KMS calls found in 12 indexed files.",
    );
    assert.equal(
      buildTree({ keys: [], fileCount: 3, indexing: true }).message,
      "Indexing the workspace…",
    );
    assert.match(buildTree(undefined).message ?? "", /Show Encryption Context Map/);
  });
});
