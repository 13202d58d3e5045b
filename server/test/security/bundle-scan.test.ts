import assert from "node:assert/strict";
import * as fs from "node:fs";
import { test } from "node:test";
import { scanBundle, type DangerousUse } from "../support/bundle-scan";
import { repoRoot } from "../support/paths";
import * as path from "node:path";

/**
 * The server never runs workspace code and never opens a network connection. The bundles are
 * what ships, so they are what is checked: any `child_process`, `http(s)`, `net`, `tls`, `vm`…
 * import or `eval(`/`new Function` fails the test unless it is in third-party code listed here
 * with the reason it can never run in our server.
 */
const ALLOWED: { module: string; what: string; why: string }[] = [
  {
    module: "node_modules/vscode-jsonrpc/lib/node/main.js",
    what: "net",
    why:
      "The JSON-RPC library's socket and named-pipe transports. They are used only when the " +
      "server is started with --socket=<port> or --pipe=<name>; our client and the README " +
      "start it with --stdio, so no socket is ever opened.",
  },
  {
    module: "node_modules/vscode-languageserver/lib/node/files.js",
    what: "child_process",
    why:
      "Files.resolveGlobalNodePath/resolveModulePath spawn `npm` to find global modules, for " +
      "servers that load a linter from the user's install. We never call them.",
  },
];

const BUNDLES = ["dist/server/server.js", "dist/cli.js"];

function isAllowed(use: DangerousUse): boolean {
  return ALLOWED.some((entry) => entry.module === use.module && entry.what === use.what);
}

for (const bundle of BUNDLES) {
  test(`${bundle} has no process, network or eval use outside the explained allow-list`, () => {
    const bundlePath = path.join(repoRoot, bundle);
    assert.ok(fs.existsSync(bundlePath), `${bundle} is missing: run npm run build first`);

    const uses = scanBundle(bundlePath);
    const unexplained = uses.filter((use) => !isAllowed(use));

    assert.deepEqual(
      unexplained.map((use) => `${use.what} in ${use.module} (line ${use.line})`),
      [],
    );
    // The scan must really see the bundle's modules, or an empty result would prove nothing.
    assert.ok(
      uses.some((use) => use.module === "node_modules/vscode-jsonrpc/lib/node/main.js"),
      "the scan did not attribute the JSON-RPC library's net import; is the bundle minified?",
    );
  });
}

test("every allow-list entry is still needed by the server bundle", () => {
  const uses = scanBundle(path.join(repoRoot, "dist/server/server.js"));

  for (const entry of ALLOWED) {
    assert.ok(
      uses.some((use) => use.module === entry.module && use.what === entry.what),
      `${entry.what} in ${entry.module} is no longer bundled: remove it from the allow-list`,
    );
  }
});

test("dist/server/typescript.js, the compiler the server loads on first use, has no such use", () => {
  // It is always minified, so uses cannot be attributed to a module: any use at all fails.
  const bundlePath = path.join(repoRoot, "dist/server/typescript.js");
  assert.ok(fs.existsSync(bundlePath), "dist/server/typescript.js is missing: run npm run build");

  const uses = scanBundle(bundlePath);

  assert.deepEqual(
    uses.map((use) => `${use.what} (line ${use.line})`),
    [],
  );
  // The scan must really read the compiler, or an empty result would prove nothing.
  assert.match(fs.readFileSync(bundlePath, "utf8"), /\bcreateSourceFile\b/);
});
