import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { analyzeDocument } from "../../src/engine/analyze";
import { indexWorkspace } from "../../src/engine/workspace/workspace-index";
import { fixturePath } from "../support/paths";
import { allRulesWithCrossFileCodes } from "./support";

function filesUnder(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** Every finding in a fixture workspace as `file:line:col CODE message`, sorted. */
function analyseWorkspace(name: string): { lines: string[]; crossFile: string[] } {
  const root = fixturePath("workspaces", name);
  const files = filesUnder(root).map((fileName) => ({
    fileName,
    text: fs.readFileSync(fileName, "utf8"),
  }));
  const index = indexWorkspace(files);
  const lines: string[] = [];
  const crossFile: string[] = [];

  for (const file of files) {
    const { findings } = analyzeDocument(file, {
      workspace: index.facts(),
      onlyRules: allRulesWithCrossFileCodes(),
    });
    for (const finding of findings) {
      const where = `${path.relative(root, file.fileName)}:${finding.range.start.line + 1}`;
      const line = `${where} ${finding.code}`;
      lines.push(line);
      if (finding.data?.crossFile === true || ["KMS111", "KMS112"].includes(finding.code)) {
        crossFile.push(line);
      }
    }
  }
  return { lines: lines.sort(), crossFile: crossFile.sort() };
}

describe("cross-file fixture workspaces", () => {
  it("proves each cross-file finding in test-fixtures/workspaces/cross-file", () => {
    assert.deepEqual(analyseWorkspace("cross-file").crossFile, [
      // The ESDK encrypts with its default signing suite; the allow-list forgets its key.
      "policy/archive-role-policy.json:4 KMS111",
      // The role requires `department`, which no call with alias/orders sends.
      "policy/orders-role-policy.json:4 KMS112",
      // Decrypts with purpose "orders"; save-order.ts encrypts with the imported "order".
      "src/orders/load-order.ts:6 KMS006",
      // profileContext() in lib/contexts.ts puts the customer's email in the context.
      "src/profile.ts:10 KMS004",
      // NO_CONTEXT from lib/contexts.ts is empty.
      "src/profile.ts:17 KMS001",
      // SecretBox.open with `tenantid`, SecretBox.seal with `tenantId` (sorted as text).
      "src/vault.ts:14 KMS006",
      // SecretBox.seal called without a context.
      "src/vault.ts:6 KMS001",
    ]);
  });

  it("reports nothing at all in its corrected twin, cross-file-ok", () => {
    assert.deepEqual(analyseWorkspace("cross-file-ok").lines, []);
  });
});
