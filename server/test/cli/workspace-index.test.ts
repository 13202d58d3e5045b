import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli } from "../../src/cli/run";
import { fixturePath } from "../support/paths";

function runJson(argv: string[], cwd: string): { code: number; findings: string[] } {
  let stdout = "";
  const code = runCli(["--format", "json", ...argv], {
    stdout: (text) => (stdout += text),
    stderr: () => undefined,
    cwd,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
  });
  const parsed = JSON.parse(stdout) as {
    findings: { file: string; code: string; range: { start: { line: number } } }[];
  };
  return {
    code,
    findings: parsed.findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.code}`),
  };
}

describe("CLI on a directory: the workspace is indexed first", () => {
  it("adds the cross-file findings of test-fixtures/workspaces/cross-file", () => {
    const { code, findings } = runJson(["."], fixturePath("workspaces", "cross-file"));

    assert.equal(code, 1);
    assert.deepEqual(findings.sort(), [
      "policy/archive-role-policy.json:4 KMS111",
      "policy/orders-role-policy.json:4 KMS112",
      "src/orders/load-order.ts:6 KMS006",
      "src/profile.ts:10 KMS004",
      "src/profile.ts:17 KMS001",
      "src/vault.ts:14 KMS006",
      "src/vault.ts:6 KMS001",
    ]);
  });

  it("reports nothing for the corrected twin", () => {
    const { code, findings } = runJson(["."], fixturePath("workspaces", "cross-file-ok"));
    assert.deepEqual(findings, []);
    assert.equal(code, 0);
  });

  it("analyses named files on their own, without the other modules", () => {
    const { findings } = runJson(
      ["src/orders/load-order.ts", "policy/orders-role-policy.json"],
      fixturePath("workspaces", "cross-file"),
    );
    assert.deepEqual(findings, []);
  });
});
