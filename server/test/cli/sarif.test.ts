import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { runCli } from "../../src/cli/run";
import { validateSarif } from "../support/sarif-validator";
import { flagMeRule } from "../support/test-rule";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "kcg-sarif-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function sarifOf(argv: string[]): { code: number; log: any } {
  let stdout = "";
  const code = runCli(["--format", "sarif", ...argv], {
    stdout: (text) => (stdout += text),
    stderr: () => undefined,
    cwd: root,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    rules: [flagMeRule],
  });
  return { code, log: JSON.parse(stdout) };
}

describe("SARIF output (test rule)", () => {
  fs.mkdirSync(path.join(root, "src dir"), { recursive: true });
  fs.writeFileSync(path.join(root, "src dir", "app.ts"), "const a = 1;\nconst x = flagMe();\n");

  it("is valid SARIF 2.1.0 with the documented shape", () => {
    const { code, log } = sarifOf(["."]);
    assert.equal(code, 1);
    assert.deepEqual(validateSarif(log), []);

    const run = log.runs[0];
    assert.equal(log.runs.length, 1);
    assert.equal(run.tool.driver.name, "kms-context-guard");
    assert.deepEqual(run.tool.driver.rules, [
      {
        id: "KMS900",
        name: "test-flag-me",
        shortDescription: { text: "Flags flagMe() calls (test only)." },
        helpUri:
          "https://github.com/kms-context-guard/kms-context-guard/blob/main/docs/rules/test-flag-me.md",
        defaultConfiguration: { level: "warning" },
      },
    ]);
    assert.deepEqual(run.results, [
      {
        ruleId: "KMS900",
        ruleIndex: 0,
        level: "warning",
        message: { text: "flagMe() is flagged" },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: "src%20dir/app.ts" },
              region: { startLine: 2, startColumn: 11, endLine: 2, endColumn: 19 },
            },
          },
        ],
      },
    ]);
  });

  it("uses file:// URIs for files outside the working directory", () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "kcg-outside-"));
    try {
      fs.writeFileSync(path.join(outside, "x.js"), "flagMe();\n");
      const { log } = sarifOf([path.join(outside, "x.js")]);
      assert.deepEqual(validateSarif(log), []);
      assert.equal(
        log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri,
        `file://${path.join(outside, "x.js")}`,
      );
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it("is valid with no results", () => {
    fs.writeFileSync(path.join(root, "clean.ts"), "export {};\n");
    const { code, log } = sarifOf(["clean.ts"]);
    assert.equal(code, 0);
    assert.deepEqual(log.runs[0].results, []);
    assert.deepEqual(validateSarif(log), []);
  });

  it("the validator rejects a broken log, so a pass means something", () => {
    const { log } = sarifOf(["."]);
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    delete log.runs[0].tool.driver.name;
    assert.equal(validateSarif(log).length > 0, true);
  });
});
