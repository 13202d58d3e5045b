import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { describe, it } from "node:test";
import { analyzeDocument } from "../../../src/engine/analyze";
import { applyFix, assertParses } from "../../support/policy-tester";
import { fixturePath } from "../../support/paths";

/**
 * Every `test-fixtures/policy/KMS1NN/` folder holds bad and good key policies, as policy JSON
 * and as a CloudFormation YAML template. A bad file reports exactly its rule, once, and every fix
 * offered for it removes the finding; a good file reports nothing from any rule.
 */
const folders = fs
  .readdirSync(fixturePath("policy"))
  .filter((name) => /^KMS1\d\d$/.test(name))
  .sort();

describe("policy rule fixtures", () => {
  it("there is a fixture folder for each of KMS101-KMS110", () => {
    assert.deepEqual(folders, [
      "KMS101",
      "KMS102",
      "KMS103",
      "KMS104",
      "KMS105",
      "KMS106",
      "KMS107",
      "KMS108",
      "KMS109",
      "KMS110",
    ]);
  });

  for (const code of folders) {
    for (const fileName of ["bad.json", "bad.yaml", "good.json", "good.yaml"]) {
      it(`${code}/${fileName}`, () => {
        const text = fs.readFileSync(fixturePath("policy", code, fileName), "utf8");
        const { findings } = analyzeDocument({ fileName, text });
        if (fileName.startsWith("good")) {
          assert.deepEqual(
            findings.map((finding) => finding.code),
            [],
          );
          return;
        }
        assert.deepEqual(
          findings.map((finding) => finding.code),
          [code],
        );
        for (const fix of findings[0].fixes) {
          const fixed = applyFix(text, fix);
          assertParses(fileName, fixed);
          const after = analyzeDocument({ fileName, text: fixed }).findings.filter(
            (finding) => finding.code === code,
          );
          assert.deepEqual(after, [], `"${fix.title}" left the finding:\n${fixed}`);
        }
      });
    }
  }
});
