// @ts-check
// Section 4: memory and start-up of the shipped server, and the size of what ships.
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { BUNDLES } = require("../lib/build");
const { generateWorkspaceFile } = require("../lib/generate");
const { BenchClient, fileUri } = require("../lib/lsp");
const { repoRoot } = require("../lib/paths");
const { median, wallNow: now, round } = require("../lib/stats");
const { runSection } = require("../lib/section");
const { createWorkspace } = require("../lib/workspace-dir");

const OPEN_FILES = 5_000;
const MB = 1024 * 1024;

runSection(async (options) => {
  if (!options.serverBundle) {
    return { sizes: bundleSizes(options), skipped: "no server bundle" };
  }
  const startup = await measureStartup(options.serverBundle, Math.max(options.rounds, 7));
  const memory = await measureOpenFiles(options.serverBundle);
  return { startup, memory, sizes: bundleSizes(options) };
});

/**
 * Spawn → initialize result, against the baseline of a bare node process's spawn → first
 * output: the difference is what loading the bundle and answering initialize cost.
 * @param {string} serverBundle
 * @param {number} rounds
 */
async function measureStartup(serverBundle, rounds) {
  const workspace = createWorkspace({ "README.md": "empty\n" });
  /** @type {number[]} */
  const server = [];
  /** @type {number[]} */
  const bare = [];
  try {
    for (let round = 0; round < rounds + 1; round++) {
      const client = new BenchClient(serverBundle);
      const { initializeMs } = await client.initialize(workspace.root);
      await client.stop();
      const bareMs = await bareNodeStart();
      // The first round fills the file-system cache; it is the warm-up.
      if (round > 0) {
        server.push(initializeMs);
        bare.push(bareMs);
      }
    }
  } finally {
    workspace.remove();
  }
  return {
    rounds,
    initializeP50Ms: round(median(server), 1),
    initializeMaxMs: round(Math.max(...server), 1),
    bareNodeP50Ms: round(median(bare), 1),
    initializeVsBareNode: round(median(server) / median(bare), 2),
  };
}

/** Time from spawning `node` to its first byte of output. */
function bareNodeStart() {
  return new Promise((resolve, reject) => {
    const start = now();
    const child = spawn(process.execPath, ["-e", "process.stdout.write('ready')"]);
    child.stdout.once("data", () => resolve(now() - start));
    child.once("error", reject);
  });
}

/**
 * Opens OPEN_FILES generated files (also written to disk, as the workspace root) and reads the
 * server's resident memory once every one of them has had its diagnostics published.
 * @param {string} serverBundle
 */
async function measureOpenFiles(serverBundle) {
  const files = Array.from({ length: OPEN_FILES }, (_, n) => generateWorkspaceFile(n));
  const workspace = createWorkspace(
    Object.fromEntries(files.map((file) => [file.path, file.text])),
  );
  const client = new BenchClient(serverBundle);
  try {
    await client.initialize(workspace.root);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const idle = client.serverMemory();

    const uris = files.map((file) => fileUri(workspace.paths[file.path]));
    const published = new Set();
    const allPublished = new Promise((resolve) => {
      const check = setInterval(() => {
        for (const uri of client.latest.keys()) {
          published.add(uri);
        }
        if (uris.every((uri) => published.has(uri))) {
          clearInterval(check);
          resolve(undefined);
        }
      }, 50);
    });
    const start = now();
    files.forEach((file, index) => client.open(uris[index], file.languageId, file.text));
    await Promise.race([
      allPublished,
      client.exited,
      new Promise((resolve) => setTimeout(resolve, 300_000)),
    ]);
    const allDiagnosedMs = now() - start;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const loaded = client.serverMemory();

    return {
      files: OPEN_FILES,
      filesWithDiagnostics: published.size,
      openAllToDiagnosticsMs: round(allDiagnosedMs, 0),
      perFileMs: round(allDiagnosedMs / OPEN_FILES, 3),
      idleRssMB: idle ? round(idle.rss / MB, 1) : undefined,
      rssMB: loaded ? round(loaded.rss / MB, 1) : undefined,
      peakRssMB: loaded ? round(loaded.peak / MB, 1) : undefined,
      rssVsIdle: idle && loaded ? round(loaded.rss / idle.rss, 2) : undefined,
    };
  } finally {
    await client.stop();
    workspace.remove();
  }
}

/**
 * Sizes of the production bundles and of the .vsix the packaging script built for this run;
 * the development bundles in dist/ (unminified, with TypeScript inside) say nothing about what
 * ships, so they are only a fallback.
 * @param {import("../lib/section").SectionOptions} options
 */
function bundleSizes(options) {
  /** @type {Record<string, number | null>} */
  const megabytes = {};
  const production = options.productionBundleSizes;
  for (const bundle of BUNDLES) {
    const full = path.join(repoRoot, bundle);
    const bytes =
      production?.[bundle] ?? (fs.existsSync(full) ? fs.statSync(full).size : undefined);
    megabytes[bundle] = bytes === undefined ? null : round(bytes / MB, 2);
  }
  const vsix =
    options.vsix && fs.existsSync(options.vsix) ? fs.statSync(options.vsix).size : undefined;
  return {
    build: production ? "production (as packaged)" : "development (npm run build)",
    megabytes,
    vsix: vsix === undefined ? null : { megabytes: round(vsix / MB, 2) },
  };
}
