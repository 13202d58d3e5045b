import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { validateSarif } from "../support/sarif-validator";
import { repoRoot } from "../support/paths";

/**
 * The CLI's output over test-fixtures/, from the bundled dist/cli.js run at the repository
 * root (so paths are relative to it) without colours. Regenerate with
 * `UPDATE_SNAPSHOTS=1 npm test` and read the diff before committing it.
 */
const SNAPSHOT = path.join(repoRoot, "test-fixtures", "cli-snapshot.txt");
const CLI = path.join(repoRoot, "dist", "cli.js");

function runCli(args: string[]) {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("CLI over test-fixtures/", () => {
  it("prints the checked-in text report", () => {
    const { status, stdout, stderr } = runCli(["--no-color", "test-fixtures"]);
    const actual = [
      "$ kms-context-guard --no-color test-fixtures",
      `exit code: ${status}`,
      "--- stderr",
      stderr.trimEnd(),
      "--- stdout",
      stdout,
    ].join("\n");

    if (process.env.UPDATE_SNAPSHOTS === "1") {
      fs.writeFileSync(SNAPSHOT, actual);
    }
    assert.ok(fs.existsSync(SNAPSHOT), "no snapshot yet; run UPDATE_SNAPSHOTS=1 npm test");
    assert.equal(
      actual,
      fs.readFileSync(SNAPSHOT, "utf8"),
      "CLI output changed; if intended, run UPDATE_SNAPSHOTS=1 npm test and review the diff",
    );
    assert.doesNotMatch(stdout, /\u001b\[/);
  });

  it("writes SARIF that passes the official SARIF 2.1.0 schema and matches the JSON output", () => {
    const sarifRun = runCli(["--format", "sarif", "test-fixtures"]);
    const jsonRun = runCli(["--format", "json", "test-fixtures"]);
    assert.equal(sarifRun.status, jsonRun.status);
    const log = JSON.parse(sarifRun.stdout);
    const { findings } = JSON.parse(jsonRun.stdout);

    assert.deepEqual(validateSarif(log), []);
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, "kms-context-guard");
    assert.ok(findings.length > 0, "test-fixtures/ should produce findings");
    assert.equal(run.results.length, findings.length);

    const ruleIds = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    run.results.forEach((result: any, index: number) => {
      const finding = findings[index];
      const location = result.locations[0].physicalLocation;
      assert.equal(result.ruleId, finding.code);
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      assert.ok(ruleIds.includes(result.ruleId));
      assert.equal(result.message.text, finding.message);
      assert.equal(decodeURIComponent(location.artifactLocation.uri), finding.file);
      assert.ok(fs.existsSync(path.join(repoRoot, finding.file)), finding.file);
      assert.deepEqual(location.region, {
        startLine: finding.range.start.line + 1,
        startColumn: finding.range.start.character + 1,
        endLine: finding.range.end.line + 1,
        endColumn: finding.range.end.character + 1,
      });
    });
  });
});
