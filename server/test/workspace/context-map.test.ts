import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { buildContextMap } from "../../src/engine/workspace/context-map";
import { indexWorkspace } from "../../src/engine/workspace/workspace-index";
import { fixturePath } from "../support/paths";

function indexFixture(name: string) {
  const root = fixturePath("workspaces", name);
  const walk = (directory: string): string[] =>
    fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(directory, entry.name);
      return entry.isDirectory() ? walk(full) : [full];
    });
  const files = walk(root).map((fileName) => ({
    fileName,
    text: fs.readFileSync(fileName, "utf8"),
  }));
  return { root, index: indexWorkspace(files) };
}

describe("the encryption context map", () => {
  it("lists each key's contexts, where they are used, and the statements constraining it", () => {
    const { root, index } = indexFixture("cross-file");
    const map = buildContextMap(index);
    const summary = map.keys.map((key) => ({
      label: key.label,
      problems: key.problemCount,
      uses: key.uses.map(
        (use) =>
          `${use.role} ${use.operation}${use.wrapper ? ` via ${use.wrapper}` : ""} ` +
          `${use.context} @ ${path.relative(root, use.location.fileName)}:${use.location.range.start.line + 1}` +
          `${use.mismatch ? ` MISMATCH ${use.mismatch}` : ""}${use.unconstrained ? " UNCONSTRAINED" : ""}`,
      ),
      statements: key.statements.map(
        (statement) =>
          `${statement.label} [${statement.requires.join("; ")}] @ ${path.relative(root, statement.location.fileName)}:${statement.location.range.start.line + 1}`,
      ),
    }));

    assert.equal(map.fileCount, 10);
    assert.deepEqual(summary, [
      {
        label: "SecretBox's this.keyId",
        problems: 3,
        uses: [
          "encrypt Encrypt via SecretBox.seal none @ src/vault.ts:6 UNCONSTRAINED",
          "encrypt Encrypt via SecretBox.seal { tenantId: tenant } @ src/vault.ts:10 UNCONSTRAINED",
          'decrypt Decrypt via SecretBox.open { tenantid: tenant } @ src/vault.ts:14 MISMATCH key "tenantid" is "tenantId" when encrypting (keys are case-sensitive) UNCONSTRAINED',
        ],
        statements: [],
      },
      {
        label: "alias/profiles",
        problems: 2,
        uses: [
          'encrypt Encrypt { purpose: "profile", customer: customer.email } @ src/profile.ts:7 UNCONSTRAINED',
          "encrypt Encrypt {} @ src/profile.ts:17 UNCONSTRAINED",
        ],
        statements: [],
      },
      {
        label: "alias/orders",
        problems: 1,
        uses: [
          'decrypt Decrypt { purpose: "orders", app: "shop" } @ src/orders/load-order.ts:6 MISMATCH "purpose" is "orders" here but "order" when encrypting',
          'encrypt Encrypt { purpose: "order", app: "shop" } @ src/orders/save-order.ts:7',
        ],
        statements: ['UseOrdersKey [department = "sales"] @ policy/orders-role-policy.json:4'],
      },
      {
        label: "alias/archive",
        problems: 0,
        uses: ['encrypt encrypt { purpose: "archive", app: "shop" } @ src/archive.ts:7'],
        statements: [
          'AllowArchiver [purpose = "archive"; keys ⊆ {purpose, app}] @ policy/archive-role-policy.json:4',
        ],
      },
    ]);
  });
});
