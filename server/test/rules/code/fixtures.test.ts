import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { analyzeDocument } from "../../../src/engine/analyze";
import { codeRules } from "../../../src/rules/code-rules";
import { fixturePath } from "../../support/paths";

/**
 * Every code rule has a fixture folder whose `bad.*` files it reports and whose `good.*` files
 * it leaves alone, so the fixtures the CLI snapshot runs over stay meaningful.
 */
describe("code rule fixtures", () => {
  for (const rule of codeRules) {
    const folder = fixturePath("code", rule.meta.code);
    const files = fs.existsSync(folder) ? fs.readdirSync(folder).sort() : [];

    it(`${rule.meta.code} has a bad and a good fixture`, () => {
      assert.ok(
        files.some((file) => file.startsWith("bad.")),
        `no bad.* in ${folder}`,
      );
      assert.ok(
        files.some((file) => file.startsWith("good.")),
        `no good.* in ${folder}`,
      );
    });

    for (const file of files) {
      it(`${rule.meta.code} ${file}`, () => {
        const fileName = path.join(folder, file);
        const text = fs.readFileSync(fileName, "utf8");
        const findings = analyzeDocument({ fileName, text }, { onlyRules: [rule] }).findings;
        if (file.startsWith("bad.")) {
          assert.ok(findings.length > 0, `${file} should produce ${rule.meta.code}`);
        } else {
          assert.deepEqual(
            findings.map((finding) => finding.message),
            [],
          );
        }
      });
    }
  }
});
