// @ts-check
// Builds what the bench measures: the engine as one CommonJS file it can require in-process,
// and the product bundles (dist/) through the project's own build, so the server measured over
// the protocol is exactly the one the extension ships.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");
const { buildDir, engineBundle, repoRoot, serverBundle } = require("./paths");

const engineDir = path.join(repoRoot, "server", "src", "engine");

/** The product's bundles, whose sizes the memory section reports. */
const BUNDLES = [
  "dist/client/extension.js",
  "dist/server/server.js",
  "dist/server/typescript.js",
  "dist/cli.js",
];

/**
 * Candidate modules of the workspace index, in the order they are tried. The index is built
 * separately from the single-document engine, so the bench picks it up when it exists.
 */
const WORKSPACE_INDEX_CANDIDATES = ["workspace/index.ts", "workspace/workspace-index.ts"];

/**
 * Bundles the engine (and the workspace index when present) into bench/.build/engine.js.
 * TypeScript, jsonc-parser and yaml stay external so the engine and the parse-only baselines
 * share one copy of each parser, JIT-warmed alike.
 */
function buildEngine() {
  fs.mkdirSync(buildDir, { recursive: true });
  const lines = ['export * from "./index";'];
  const workspaceModule = WORKSPACE_INDEX_CANDIDATES.find((candidate) =>
    fs.existsSync(path.join(engineDir, candidate)),
  );
  if (workspaceModule) {
    lines.push(`export * as workspaceIndex from "./${workspaceModule.replace(/\.ts$/, "")}";`);
  }

  esbuild.buildSync({
    stdin: {
      contents: lines.join("\n"),
      resolveDir: engineDir,
      sourcefile: "bench-entry.ts",
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile: engineBundle,
    sourcemap: true,
    external: ["typescript", "jsonc-parser", "yaml"],
    logLevel: "warning",
  });
  return { engineBundle, workspaceModule };
}

/**
 * Builds dist/ exactly as `npm run build` does and returns dist/server/server.js. (The
 * production build is left to the packaging script: writing minified bundles into dist/ here
 * would leave the tests, which scan dist/, looking at something `npm test` did not build.)
 * While another part of the product does not build yet, the server alone is bundled into
 * bench/.build/, so the protocol figures never wait on unrelated work. Never throws: returns
 * the bundle's path, or the reason there is none.
 * @returns {{ serverBundle?: string, note?: string }}
 */
function buildProduct() {
  const result = spawnSync(process.execPath, [path.join(repoRoot, "esbuild.js")], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  if (result.status === 0 && fs.existsSync(serverBundle)) {
    return { serverBundle };
  }

  const reason = (result.stderr || result.stdout || `exit ${result.status}`).trim().split("\n")[0];
  const serverEntry = path.join(repoRoot, "server", "src", "server", "main.ts");
  if (!fs.existsSync(serverEntry)) {
    return { note: `no language server yet (${path.relative(repoRoot, serverEntry)} missing)` };
  }
  const fallback = path.join(buildDir, "server.js");
  try {
    esbuild.buildSync({
      entryPoints: [serverEntry],
      outfile: fallback,
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      logLevel: "silent",
    });
  } catch (error) {
    return { note: `the server does not build: ${String(error).split("\n")[0]}` };
  }
  return { serverBundle: fallback, note: `product build failed (${reason}); server bundled alone` };
}

/**
 * Builds the .vsix with the project's packaging script into bench/.build/, so its size is that
 * of what would be published, and keeps a copy of the production server bundle it contains:
 * the protocol sections measure that one, as users run it. The packaging script writes
 * minified bundles into dist/; the regular build is run again afterwards so dist/ is left as
 * `npm run build` makes it. Never throws.
 * @returns {{ vsix?: string, serverBundle?: string, bundleSizes?: Record<string, number>,
 *   note?: string }}
 */
function packageExtension() {
  const script = path.join(repoRoot, "scripts", "package.js");
  if (!fs.existsSync(script)) {
    return { note: "no packaging script (scripts/package.js) yet" };
  }
  fs.mkdirSync(buildDir, { recursive: true });
  const vsix = path.join(buildDir, "kms-context-guard.vsix");
  fs.rmSync(vsix, { force: true });
  const result = spawnSync(process.execPath, [script, "--out", vsix], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 10 * 60 * 1000,
  });

  /** @type {{ vsix?: string, serverBundle?: string, bundleSizes?: Record<string, number>, note?: string }} */
  const outcome = {};
  if (result.status === 0 && fs.existsSync(vsix)) {
    outcome.vsix = vsix;
    outcome.bundleSizes = {};
    for (const bundle of BUNDLES) {
      const full = path.join(repoRoot, bundle);
      if (fs.existsSync(full)) {
        outcome.bundleSizes[bundle] = fs.statSync(full).size;
      }
    }
    if (fs.existsSync(serverBundle)) {
      outcome.serverBundle = path.join(buildDir, "server.production.js");
      fs.copyFileSync(serverBundle, outcome.serverBundle);
      // The server loads the compiler from next to itself on first use.
      const compiler = path.join(path.dirname(serverBundle), "typescript.js");
      if (fs.existsSync(compiler)) {
        fs.copyFileSync(compiler, path.join(buildDir, "typescript.js"));
      }
    }
  } else {
    const output = `${result.stderr || ""}${result.stdout || ""}`.trim().split("\n");
    outcome.note = `packaging failed: ${output[output.length - 1] || `exit ${result.status}`}`;
  }

  spawnSync(process.execPath, [path.join(repoRoot, "esbuild.js")], { cwd: repoRoot });
  return outcome;
}

module.exports = { BUNDLES, buildEngine, buildProduct, packageExtension };
