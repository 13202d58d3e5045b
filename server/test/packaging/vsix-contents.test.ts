import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";

import { SETTINGS_RESTRICTED_WHEN_UNTRUSTED } from "../../src/engine/workspace-trust";
import { repoRoot } from "../support/paths";

/**
 * Packages the extension exactly as `npm run package` does, but from a staged copy of the
 * repository (the files git tracks or would track), so that the production build does not
 * overwrite the development bundles other tests are using at the same time, and so that files
 * lying around in a developer's checkout cannot hide a gap in `.vscodeignore`.
 */

/** Files every package holds, whatever the other parts add under syntaxes/ and schemas/. */
const FIXED_ENTRIES = [
  "[Content_Types].xml",
  "extension.vsixmanifest",
  "extension/package.json",
  "extension/readme.md",
  "extension/changelog.md",
  "extension/LICENSE.txt",
  "extension/images/icon.png",
  "extension/dist/client/extension.js",
  "extension/dist/server/server.js",
  "extension/dist/server/typescript.js",
];

/** Folders shipped whole: grammars and JSON schemas the manifest points at. */
const SHIPPED_FOLDERS = ["syntaxes/", "schemas/"];

let stage: string;
let vsixPath: string;
let stagedFiles: string[];

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

function stageRepository(): string[] {
  const listed = run(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    repoRoot,
  )
    .split("\0")
    .filter((file) => file !== "" && fs.existsSync(path.join(repoRoot, file)))
    .filter((file) => fs.statSync(path.join(repoRoot, file)).isFile());

  for (const file of listed) {
    const target = path.join(stage, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, file), target);
  }

  // esbuild resolves the bundled libraries from here; vsce never walks node_modules.
  fs.symlinkSync(
    fs.realpathSync(path.join(repoRoot, "node_modules")),
    path.join(stage, "node_modules"),
  );
  return listed;
}

function zipEntries(file: string): string[] {
  return run("unzip", ["-Z1", file], stage)
    .split("\n")
    .filter((line) => line !== "" && !line.endsWith("/"));
}

function zipText(file: string, entry: string): string {
  return run("unzip", ["-p", file, entry], stage);
}

describe("the .vsix package", () => {
  before(() => {
    stage = fs.mkdtempSync(path.join(os.tmpdir(), "kms-vsix-"));
    stagedFiles = stageRepository();
    vsixPath = path.join(stage, "out.vsix");
    run(process.execPath, [path.join(stage, "scripts", "package.js"), "--out", vsixPath], stage);
  });

  after(() => {
    fs.rmSync(stage, { recursive: true, force: true });
  });

  it("ships exactly the bundles, the manifest files, the icon, grammars and schemas", (t) => {
    const shipped = stagedFiles
      .filter((file) => SHIPPED_FOLDERS.some((folder) => file.startsWith(folder)))
      .map((file) => `extension/${file}`);
    const expected = [...FIXED_ENTRIES, ...shipped].sort();

    assert.deepEqual(zipEntries(vsixPath).sort(), expected);

    const size = fs.statSync(vsixPath).size;
    t.diagnostic(
      `kms-context-guard .vsix: ${(size / 1024).toFixed(1)} KiB, ${expected.length} files`,
    );
  });

  it("never ships sources, tests, fixtures, source maps or dependencies", () => {
    const forbidden = /\.map$|\.ts$|(^|\/)(src|test|test-fixtures|node_modules|out|e2e)\//;
    assert.deepEqual(
      zipEntries(vsixPath).filter((entry) => forbidden.test(entry)),
      [],
    );
  });

  it("ships minified bundles that point at no source map", () => {
    for (const bundle of [
      "extension/dist/client/extension.js",
      "extension/dist/server/server.js",
      "extension/dist/server/typescript.js",
    ]) {
      const text = zipText(vsixPath, bundle);
      // The TypeScript compiler inside the server bundle mentions source maps itself, so only
      // the trailing comment a bundler writes counts.
      assert.doesNotMatch(text, /\/\/# sourceMappingURL=\S+\s*$/, `${bundle} names a source map`);

      // esbuild's minifier writes a handful of lines; a readable build has one per statement.
      const lines = text.split("\n").length;
      assert.ok(lines < text.length / 500, `${bundle} has ${lines} lines: not minified`);
    }
  });

  it("keeps the manifest's engine, icon and workspace capabilities in the shipped package.json", () => {
    const manifest = JSON.parse(zipText(vsixPath, "extension/package.json"));

    assert.equal(manifest.engines.vscode, "^1.91.0");
    assert.equal(manifest.main, "./dist/client/extension.js");
    assert.equal(manifest.icon, "images/icon.png");
    assert.deepEqual(manifest.categories, ["Linters"]);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, "limited");
    // VS Code withholds exactly these workspace settings in Restricted Mode; the server ignores
    // the same options from .kms-context-guard.json, so the two lists must not drift apart.
    assert.deepEqual(
      manifest.capabilities.untrustedWorkspaces.restrictedConfigurations,
      SETTINGS_RESTRICTED_WHEN_UNTRUSTED.map((name) => `kmsContextGuard.${name}`),
    );
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
  });
});
