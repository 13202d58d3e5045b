import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { CodeActionRequest } from "vscode-languageserver-protocol/node";
import { codeVariant, policyVariant, templateVariant } from "../support/load-documents";
import { fixturePath, repoRoot } from "../support/paths";
import { ServerProcess } from "../support/server-process";

/**
 * The bundle scan proves statically that nothing reachable spawns a program or opens a
 * connection; these runs prove it dynamically. The server and the CLI run with a preload that
 * replaces every such Node API with a trap writing to a log file, over a real session.
 */
const guardDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "kms-guard-"));
after(() => fs.rmSync(guardDirectory, { recursive: true, force: true }));
const preload = path.join(__dirname, "..", "support", "no-network-preload.js");

function guardLog(name: string): { file: string; read(): string } {
  const file = path.join(guardDirectory, `${name}.log`);
  return { file, read: () => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "") };
}

test("a language-server session never starts a program or opens a connection", async () => {
  const log = guardLog("server");
  const workspace = fixturePath("workspaces", "cross-file");
  const server = await ServerProcess.start({
    rootPath: workspace,
    nodeArguments: ["--require", preload],
    env: { KMS_GUARD_LOG: log.file },
  });

  try {
    const documents = [
      { uri: `file://${workspace}/probe.ts`, languageId: "typescript", text: codeVariant(1) },
      { uri: `file://${workspace}/probe.json`, languageId: "json", text: policyVariant(1) },
      { uri: `file://${workspace}/probe.yaml`, languageId: "yaml", text: templateVariant(1) },
    ];
    for (const document of documents) {
      await server.open(document.uri, document.languageId, 1, document.text);
    }
    for (const document of documents) {
      const diagnostics = await server.diagnosticsFor(document.uri, 1);
      assert.ok(diagnostics.length > 0, `${document.uri} has no finding to act on`);
      await server.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: document.uri },
        range: diagnostics[0].range,
        context: { diagnostics },
      });
    }
  } finally {
    assert.equal(await server.stop(), 0, server.stderr);
  }

  assert.equal(log.read(), "");
});

test("a CLI run over every fixture, in every format, never starts a program or opens a connection", () => {
  const log = guardLog("cli");
  for (const format of ["text", "json", "sarif"]) {
    const result = spawnSync(
      process.execPath,
      [
        "--require",
        preload,
        path.join(repoRoot, "dist", "cli.js"),
        "--format",
        format,
        "test-fixtures",
      ],
      { cwd: repoRoot, encoding: "utf8", env: { ...process.env, KMS_GUARD_LOG: log.file } },
    );
    assert.equal(result.status, 1, `${format}: ${result.stderr}`);
  }

  assert.equal(log.read(), "");
});

test("the guard itself works: a trapped call is logged", () => {
  const log = guardLog("self-check");
  const result = spawnSync(
    process.execPath,
    ["--require", preload, "-e", 'try { require("node:net").connect(9) } catch {}'],
    { encoding: "utf8", env: { ...process.env, KMS_GUARD_LOG: log.file } },
  );

  assert.equal(result.status, 0, result.stderr);
  assert.match(log.read(), /^net\.connect\n/);
});
