import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { after, describe, it } from "node:test";
import type { Connection } from "vscode-languageserver";
import { SettingsStore } from "../../src/server/settings";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "kcg-settings-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function folder(name: string, config?: string): string {
  const directory = path.join(root, name);
  fs.mkdirSync(directory, { recursive: true });
  if (config !== undefined) {
    fs.writeFileSync(path.join(directory, ".kms-context-guard.json"), config);
  }
  return directory;
}

/** A connection that records log lines and answers `workspace/configuration` with `pulled`. */
function fakeConnection(pulled: unknown, logs: string[]): Connection {
  return {
    console: { info: (line: string) => logs.push(line), warn: (line: string) => logs.push(line) },
    workspace: { getConfiguration: async () => pulled },
  } as unknown as Connection;
}

const uri = (...segments: string[]) => pathToFileURL(path.join(...segments)).href;

describe("SettingsStore", () => {
  it("reads each workspace folder's own config file (multi-root, nested folders)", async () => {
    const api = folder("api", '{ "rules": { "KMS001": "off" } }');
    const web = folder("web", '{ "rules": { "KMS001": "error" } }');
    const nested = folder(path.join("web", "legacy"), '{ "enable": false }');
    const store = new SettingsStore(fakeConnection(undefined, []));
    store.initialize({ workspaceFolders: [api, web, nested], pullSettings: false });

    assert.equal((await store.configFor(uri(api, "src", "a.ts"))).rules.KMS001, "off");
    assert.equal((await store.configFor(uri(web, "b.ts"))).rules.KMS001, "error");
    assert.equal((await store.configFor(uri(nested, "c.ts"))).enable, false);
    assert.deepEqual((await store.configFor(uri(root, "elsewhere.ts"))).rules, {});
    assert.deepEqual((await store.configFor("untitled:Untitled-1")).rules, {});
  });

  it("lets editor settings win over the config file, and re-reads both when told", async () => {
    const project = folder("project", '{ "rules": { "KMS001": "error", "KMS002": "hint" } }');
    let pulled: unknown = { rules: { KMS001: "off" }, sensitiveKeyNames: ["nickname"] };
    const connection = {
      console: { info: () => undefined, warn: () => undefined },
      workspace: { getConfiguration: async () => pulled },
    } as unknown as Connection;
    const store = new SettingsStore(connection);
    store.initialize({ workspaceFolders: [project], pullSettings: true });

    const first = await store.configFor(uri(project, "a.ts"));
    assert.deepEqual(first.rules, { KMS001: "off", KMS002: "hint" });
    assert.deepEqual(first.sensitiveKeyNames, ["nickname"]);

    pulled = {};
    fs.writeFileSync(path.join(project, ".kms-context-guard.json"), '{ "maxFileSize": 10 }');
    assert.deepEqual((await store.configFor(uri(project, "a.ts"))).rules.KMS001, "off");
    store.editorSettingsChanged(undefined);
    store.configFilesChanged();
    const second = await store.configFor(uri(project, "a.ts"));
    assert.deepEqual(second.rules, {});
    assert.equal(second.maxFileSize, 10);
  });

  it("uses pushed settings for clients that cannot answer workspace/configuration", async () => {
    const store = new SettingsStore(fakeConnection(undefined, []));
    store.initialize({
      workspaceFolders: [],
      pullSettings: false,
      initialSettings: { rules: { KMS004: "error" } },
    });
    assert.equal((await store.configFor(uri(root, "a.ts"))).rules.KMS004, "error");
    store.editorSettingsChanged({ kmsContextGuard: { rules: { KMS004: "off" } } });
    assert.equal((await store.configFor(uri(root, "a.ts"))).rules.KMS004, "off");
  });

  it("logs config file problems with their position, and still applies the valid part", async () => {
    const logs: string[] = [];
    const broken = folder("broken", '{\n  "rules": { "KMS001": "loud", "KMS002": "off" }\n}');
    const store = new SettingsStore(fakeConnection(undefined, logs));
    store.initialize({ workspaceFolders: [broken], pullSettings: false });
    assert.deepEqual((await store.configFor(uri(broken, "a.ts"))).rules, { KMS002: "off" });
    const file = path.join(broken, ".kms-context-guard.json");
    assert.deepEqual(logs, [
      `${file}:2:24: the severity of KMS001 must be one of error, warning, information, hint, off`,
      `Using ${file}`,
    ]);
  });

  it("gives documents with the same folder and editor settings one configuration object", async () => {
    const api = folder("shared-api", '{ "rules": { "KMS001": "off" } }');
    const web = folder("shared-web");
    let pulled: unknown = { rules: { KMS002: "hint" } };
    const connection = {
      console: { info: () => undefined, warn: () => undefined },
      workspace: { getConfiguration: async () => pulled },
    } as unknown as Connection;
    const store = new SettingsStore(connection);
    store.initialize({ workspaceFolders: [api, web], pullSettings: true });

    const first = await store.configFor(uri(api, "a.ts"));
    const second = await store.configFor(uri(api, "deep", "b.ts"));
    const other = await store.configFor(uri(web, "c.ts"));

    assert.equal(second, first);
    assert.notEqual(other, first);
    assert.deepEqual(first.rules, { KMS001: "off", KMS002: "hint" });
    assert.deepEqual(other.rules, { KMS002: "hint" });

    pulled = { rules: { KMS002: "error" } };
    store.editorSettingsChanged(undefined);
    const changed = await store.configFor(uri(api, "a.ts"));

    assert.notEqual(changed, first);
    assert.deepEqual(changed.rules, { KMS001: "off", KMS002: "error" });
  });
});
