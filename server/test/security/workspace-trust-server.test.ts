import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import type { Connection } from "vscode-languageserver";
import { SETTINGS_RESTRICTED_WHEN_UNTRUSTED } from "../../src/engine/workspace-trust";
import { WORKSPACE_TRUST_GRANTED_NOTIFICATION } from "../../src/server/protocol";
import { pathToUri, SettingsStore } from "../../src/server/settings";
import { repoRoot } from "../support/paths";
import { ServerProcess } from "../support/server-process";

/** A workspace whose config file tries everything an untrusted workspace may not do. */
function hostileWorkspace(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kms-untrusted-"));
  fs.writeFileSync(
    path.join(folder, ".kms-context-guard.json"),
    JSON.stringify({
      rules: { KMS001: "error" },
      sensitiveKeyNames: ["tenantId"],
      ignore: [{ path: "**/*" }],
      maxFileSize: 10,
    }),
  );
  return folder;
}

function fakeConnection(lines: string[]): Connection {
  return {
    console: { info: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) },
    workspace: { getConfiguration: async () => ({}) },
  } as unknown as Connection;
}

test("settings: an untrusted workspace's config file only switches rules; trust restores it", async () => {
  const folder = hostileWorkspace();
  after(() => fs.rmSync(folder, { recursive: true, force: true }));
  const lines: string[] = [];
  const settings = new SettingsStore(fakeConnection(lines));
  settings.initialize({ workspaceFolders: [folder], pullSettings: true, workspaceTrusted: false });
  const uri = pathToUri(path.join(folder, "src", "a.ts"));

  const untrusted = await settings.configFor(uri);
  settings.setWorkspaceTrusted(true);
  const trusted = await settings.configFor(uri);

  assert.deepEqual(untrusted, {
    enable: true,
    rules: { KMS001: "error" },
    sensitiveKeyNames: [],
    ignore: [],
    maxFileSize: 2 * 1024 * 1024,
  });
  assert.deepEqual(trusted.sensitiveKeyNames, ["tenantId"]);
  assert.equal(trusted.maxFileSize, 10);
  assert.equal(trusted.ignore.length, 1);
  const configFile = path.join(folder, ".kms-context-guard.json");
  assert.deepEqual(lines, [
    `Using ${configFile}`,
    `${configFile}: the workspace is not trusted, so only \`enable\` and \`rules\` apply`,
    `Using ${configFile}`,
  ]);
});

test("settings: clients that say nothing about trust get the whole configuration", async () => {
  const folder = hostileWorkspace();
  after(() => fs.rmSync(folder, { recursive: true, force: true }));
  const settings = new SettingsStore(fakeConnection([]));
  settings.initialize({ workspaceFolders: [folder], pullSettings: false });

  const config = await settings.configFor(pathToUri(path.join(folder, "a.ts")));

  assert.equal(config.maxFileSize, 10);
});

test("protocol: restricted until the trust notification, then the workspace's limit applies", async () => {
  const folder = hostileWorkspace();
  const server = await ServerProcess.start({
    rootPath: folder,
    initializationOptions: { workspaceTrusted: false },
  });
  after(async () => {
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  const uri = pathToUri(path.join(folder, "seal.ts"));
  const text =
    'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";\n' +
    "const kms = new KMSClient({});\n" +
    'await kms.send(new EncryptCommand({ KeyId: "alias/a", Plaintext: data }));\n';

  await server.open(uri, "typescript", 1, text);
  const restricted = await server.diagnosticsFor(uri, 1);
  await server.connection.sendNotification(WORKSPACE_TRUST_GRANTED_NOTIFICATION);
  await server.waitFor(
    () =>
      server.logs.some((line) =>
        line.endsWith("skipped: larger than the 10-byte limit (maxFileSize)"),
      ) && server.latest(uri)?.diagnostics.length === 0,
    "the re-analysis under the workspace's 10-byte limit",
  );

  // Untrusted: built-in rules ran, the workspace re-graded KMS001, its 10-byte limit was ignored.
  assert.deepEqual(
    restricted.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range.start]),
    [["KMS001", 1, { line: 2, character: 15 }]],
  );
});

test("every setting restricted in untrusted workspaces is contributed and declared in the manifest", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
  const contributed = Object.keys(manifest.contributes.configuration.properties);
  const declared: string[] =
    manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [];

  for (const setting of SETTINGS_RESTRICTED_WHEN_UNTRUSTED) {
    assert.ok(contributed.includes(`kmsContextGuard.${setting}`), `${setting} is not a setting`);
    assert.ok(declared.includes(`kmsContextGuard.${setting}`), `${setting} is not restricted`);
  }
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, "limited");
});
