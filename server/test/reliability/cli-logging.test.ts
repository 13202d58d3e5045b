import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { runCli } from "../../src/cli/run";
import type { Rule } from "../../src/rules/rule";
import { throwingRule, wordRule } from "../support/fake-rules";
import { hostileFiles } from "../support/hostile-files";
import { repoRoot } from "../support/paths";

/**
 * What the CLI says about files it cannot analyse and rules that fail: one stderr line each,
 * `file: skipped: reason` or `KMSxxx failed on file: error`, never more, never a finding.
 */
const hostile = hostileFiles();
after(() => hostile.remove());

function run(argv: string[], cwd: string, rules?: readonly Rule[]) {
  let stdout = "";
  let stderr = "";
  const code = runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    rules,
  });
  return { code, stdout, stderr };
}

test("each hostile file is reported once on stderr with its reason, or analysed as usual", () => {
  const { code, stdout, stderr } = run(["--format", "json", "."], hostile.directory);

  const expectedSkips = hostile.files
    .filter((file) => file.expectedSkip && path.dirname(file.path) === hostile.directory)
    .map((file) => `${file.name}: skipped: ${file.expectedSkip}`)
    .sort();
  assert.deepEqual(stderr.trimEnd().split("\n").sort(), expectedSkips);

  const findings = (JSON.parse(stdout) as { findings: { file: string; code: string }[] }).findings;
  assert.deepEqual(
    findings.map((finding) => `${finding.file} ${finding.code}`),
    [
      "concat-20000.ts KMS001",
      "lines-80000.ts KMS001",
      "lines-80000.ts KMS001",
      "lines-80000.ts KMS001",
      "lines-80000.ts KMS001",
      "long-line-1mb.ts KMS001",
    ],
  );
  assert.equal(code, 1);
});

test("a rule that throws is reported once per file with its code; the others still report", () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "kms-cli-rule-"));
  after(() => fs.rmSync(directory, { recursive: true, force: true }));
  fs.writeFileSync(path.join(directory, "a.ts"), "const flag = 1;\nconst other = flag;\n");
  fs.writeFileSync(path.join(directory, "b.ts"), "const flag = 2;\n");
  fs.writeFileSync(path.join(directory, "package.json"), "{}");

  const { code, stdout, stderr } = run(["--format", "json", "."], directory, [
    throwingRule("KMS931", new Error("exploded")),
    wordRule("KMS932", "flag"),
  ]);

  assert.deepEqual(stderr.trimEnd().split("\n"), [
    `KMS931 failed on ${path.join(directory, "a.ts")}: Error: exploded`,
    `KMS931 failed on ${path.join(directory, "b.ts")}: Error: exploded`,
  ]);
  const findings = (JSON.parse(stdout) as { findings: { file: string; code: string }[] }).findings;
  assert.deepEqual(
    findings.map((finding) => `${finding.file} ${finding.code}`),
    ["a.ts KMS932", "a.ts KMS932", "b.ts KMS932"],
  );
  assert.equal(code, 1);
});

test("the bundled CLI prints the same single skip lines from a real process", () => {
  const cli = path.join(repoRoot, "dist", "cli.js");
  const result = spawnSync(
    process.execPath,
    [cli, "--format", "sarif", "binary.json", "nested-10000.json", "policy-5mb.json"],
    { cwd: hostile.directory, encoding: "utf8" },
  );

  assert.equal(result.status, 0, result.stderr);
  assert.equal(
    result.stderr,
    [
      "binary.json: skipped: binary content (NUL bytes)",
      "nested-10000.json: skipped: nested deeper than 256 levels",
      "policy-5mb.json: skipped: larger than the 2097152-byte limit (maxFileSize)",
      "",
    ].join("\n"),
  );
  assert.deepEqual(JSON.parse(result.stdout).runs[0].results, []);
});
