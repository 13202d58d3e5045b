import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { parseArgs } from "../../src/cli/args";
import { runCli, type CliIo } from "../../src/cli/run";
import { collectFiles } from "../../src/cli/walk";
import { VERSION } from "../../src/version";
import { repoRoot } from "../support/paths";
import { flagMeRule } from "../support/test-rule";

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), "kcg-cli-"));
after(() => fs.rmSync(temporary, { recursive: true, force: true }));

/** Creates `files` (path → content) under a fresh folder and returns it. */
function project(name: string, files: Record<string, string | Buffer>): string {
  const root = path.join(temporary, name);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  // A package.json marks the project root, so config lookup stops here.
  fs.writeFileSync(path.join(root, "package.json"), "{}");
  return root;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(argv: string[], cwd: string, overrides: Partial<CliIo> = {}): Run {
  let stdout = "";
  let stderr = "";
  const code = runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    rules: [flagMeRule],
    ...overrides,
  });
  return { code, stdout, stderr };
}

describe("CLI arguments", () => {
  it("parses formats, config, color and paths", () => {
    assert.deepEqual(
      parseArgs(["--format=json", "--config", "c.json", "--no-color", "a", "b"], true),
      {
        options: {
          format: "json",
          configFile: "c.json",
          color: false,
          paths: ["a", "b"],
          help: false,
          version: false,
          stdio: false,
        },
      },
    );
  });

  it("rejects unknown options, bad formats and a missing path", () => {
    assert.deepEqual(parseArgs(["--fix", "a"], false), { error: "unknown option --fix" });
    assert.deepEqual(parseArgs(["--format", "xml", "a"], false), {
      error: "--format must be one of text, json, sarif",
    });
    assert.deepEqual(parseArgs([], false), { error: "no PATH given" });
    assert.deepEqual(parseArgs(["--config"], false), { error: "--config needs a file name" });
  });
});

describe("CLI directory walking", () => {
  it("walks supported extensions, skips build and dependency folders, keeps explicit files", () => {
    const root = project("walk", {
      "src/a.ts": "",
      "src/b.tsx": "",
      "src/c.mjs": "",
      "src/readme.md": "",
      "infra/stack.template": "",
      "infra/policy.yml": "",
      "node_modules/x/index.js": "",
      "dist/out.js": "",
      "out/o.js": "",
      "cdk.out/t.json": "",
      "coverage/c.json": "",
      ".git/config.json": "",
      "notes.txt": "",
    });
    const { files, missing } = collectFiles([".", "notes.txt", "nope"], root);
    assert.deepEqual(
      files.map((file) => path.relative(root, file).split(path.sep).join("/")),
      [
        "infra/policy.yml",
        "infra/stack.template",
        "package.json",
        "src/a.ts",
        "src/b.tsx",
        "src/c.mjs",
        "notes.txt",
      ],
    );
    assert.deepEqual(missing, ["nope"]);
  });
});

describe("CLI runs", () => {
  const root = project("run", {
    "src/app.ts": "export function f() {\n\tconst x = flagMe();\n}\n",
    "src/clean.ts": "export const y = 1;\n",
    "src/quiet.ts": "// kms-context-guard-disable-next-line KMS900 -- test\nflagMe();\n",
    "bin/tool": "#!/usr/bin/env node\nconst x = flagMe();\n",
    "data.bin": Buffer.from([0, 1, 2, 0, 3]),
  });

  it("exits 1 and prints a header, a code frame and a summary for findings", () => {
    const result = run(["src", "--no-color"], root);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, "");
    assert.equal(
      result.stdout,
      [
        "src/app.ts:2:12  warning  KMS900  flagMe() is flagged",
        "  1 | export function f() {",
        "> 2 | \tconst x = flagMe();",
        "    | \t          ^^^^^^^^",
        "  3 | }",
        "",
        "1 problem (0 errors, 1 warning, 0 information, 0 hints) in 1 of 3 files.",
        "",
      ].join("\n"),
    );
  });

  it("exits 0 with a summary when nothing is found", () => {
    const result = run(["src/clean.ts"], root);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, "No problems found in 1 file.\n");
  });

  it("exits 0 when the findings are below warning", () => {
    const result = run(["src/app.ts"], root, {
      rules: [{ ...flagMeRule, meta: { ...flagMeRule.meta, defaultSeverity: "information" } }],
    });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /information {2}KMS900/);
  });

  it("analyses an explicitly named file whatever its extension, by sniffing", () => {
    const result = run(["bin/tool", "--format", "json"], root);
    assert.equal(result.code, 1);
    assert.deepEqual(JSON.parse(result.stdout), {
      findings: [
        {
          file: "bin/tool",
          code: "KMS900",
          name: "test-flag-me",
          severity: "warning",
          message: "flagMe() is flagged",
          range: { start: { line: 1, character: 10 }, end: { line: 1, character: 18 } },
        },
      ],
    });
  });

  it("reports an unreadable file once on stderr without changing the exit code", () => {
    const result = run(["data.bin", "src/clean.ts"], root);
    assert.equal(result.code, 0);
    assert.equal(result.stderr, "data.bin: skipped: binary content (NUL bytes)\n");
    assert.equal(result.stdout, "No problems found in 2 files, 1 skipped.\n");
  });

  it("exits 2 for usage errors and missing paths, with the usage on stderr", () => {
    const usage = run(["--nope"], root);
    assert.equal(usage.code, 2);
    assert.match(
      usage.stderr,
      /^kms-context-guard: unknown option --nope\n\nUsage: kms-context-guard/,
    );
    assert.equal(usage.stdout, "");
    const missing = run(["no-such-dir"], root);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, "kms-context-guard: no such file or directory: no-such-dir\n");
  });

  it("prints help and version", () => {
    assert.match(
      run(["--help"], root).stdout,
      /^Usage: kms-context-guard \[--format text\|json\|sarif\]/,
    );
    assert.deepEqual(run(["--version"], root), { code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });

  it("colours text output only when asked or on a terminal without NO_COLOR", () => {
    assert.match(run(["src/app.ts", "--color"], root).stdout, /\u001b\[33mwarning\u001b\[39m/);
    assert.match(run(["src/app.ts"], root, { stdoutIsTTY: true }).stdout, /\u001b\[/);
    assert.doesNotMatch(
      run(["src/app.ts"], root, { stdoutIsTTY: true, env: { NO_COLOR: "1" } }).stdout,
      /\u001b\[/,
    );
    assert.doesNotMatch(
      run(["src/app.ts", "--no-color"], root, { stdoutIsTTY: true }).stdout,
      /\u001b\[/,
    );
  });

  it("shows a progress line on a terminal once a scan passes one second, then erases it", () => {
    let clock = 0;
    const result = run(["src"], root, {
      stderrIsTTY: true,
      now: () => (clock += 600),
    });
    assert.equal(
      result.stderr,
      "\r\u001b[2KScanning… 2/3 files\r\u001b[2KScanning… 3/3 files\r\u001b[2K",
    );
    const piped = run(["src"], root, { now: () => (clock += 600) });
    assert.equal(piped.stderr, "");
  });
});

describe("CLI configuration", () => {
  it("reads .kms-context-guard.json from the working directory", () => {
    const root = project("config-found", {
      "a.ts": "flagMe();\n",
      ".kms-context-guard.json": '{ "rules": { "KMS900": "off" } }',
    });
    // KMS900 is the test rule, unknown to the registry: a warning, but the setting still applies.
    assert.deepEqual(run(["a.ts"], root), {
      code: 0,
      stdout: "No problems found in 1 file.\n",
      stderr: ".kms-context-guard.json:1:14: KMS900 is not a known rule\n",
    });
  });

  it("looks upwards to the project root", () => {
    const root = project("config-up", {
      "src/a.ts": "flagMe();\n",
      ".kms-context-guard.json": '{ "ignore": [{ "path": "src/*.ts" }] }',
    });
    assert.equal(run(["a.ts"], path.join(root, "src")).code, 0);
  });

  it("uses --config over the default file, and warns about invalid values", () => {
    const root = project("config-explicit", {
      "a.ts": "flagMe();\n",
      ".kms-context-guard.json": '{ "rules": { "KMS900": "off" } }',
      "strict.json": '{ "rules": { "KMS900": "error" }, "colour": 1 }',
    });
    const result = run(["--config", "strict.json", "a.ts"], root);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      "strict.json:1:14: KMS900 is not a known rule\nstrict.json:1:35: unknown option `colour`\n",
    );
    assert.match(result.stdout, /^a.ts:1:1  error  KMS900/);
  });

  it("exits 2 for a config file that is not JSON or does not exist", () => {
    const root = project("config-bad", { "a.ts": "", "bad.json": "module.exports = {}" });
    const bad = run(["--config", "bad.json", "a.ts"], root);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^kms-context-guard: bad.json:1:1: invalid JSON: /);
    const missing = run(["--config", "none.json", "a.ts"], root);
    assert.deepEqual(missing, {
      code: 2,
      stdout: "",
      stderr: "kms-context-guard: cannot read the config file none.json\n",
    });
  });
});

describe("bundled CLI (dist/cli.js)", () => {
  const cli = path.join(repoRoot, "dist", "cli.js");

  it("runs as a program with a shebang and the documented exit codes", () => {
    assert.ok(fs.readFileSync(cli, "utf8").startsWith("#!/usr/bin/env node\n"));
    const version = spawnSync(process.execPath, [cli, "--version"], { encoding: "utf8" });
    assert.equal(version.status, 0);
    assert.equal(version.stdout, `${VERSION}\n`);
    const usage = spawnSync(process.execPath, [cli, "--format", "yaml", "."], { encoding: "utf8" });
    assert.equal(usage.status, 2);
  });

  it("keeps the version equal to package.json's", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    assert.equal(VERSION, manifest.version);
    assert.equal(manifest.bin["kms-context-guard"], "./dist/cli.js");
  });
});
