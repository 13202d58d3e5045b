// Builds the .vsix behind `npm run package`: production bundles (minified, no source maps), then
// `vsce package` over the `.vscodeignore` allow-list. Everything the extension needs at run time
// is bundled by esbuild, so vsce is told to leave node_modules out.
//
//   node scripts/package.js [--out FILE]
//
// Without --out the package is written to kms-context-guard-<version>.vsix in the repository root.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");

/** Reads `--out FILE` from the command line; the default follows vsce's own naming. */
function outputPath(manifest) {
  const index = process.argv.indexOf("--out");
  if (index !== -1 && process.argv[index + 1]) {
    return path.resolve(process.argv[index + 1]);
  }
  return path.join(root, `${manifest.name}-${manifest.version}.vsix`);
}

/**
 * Development builds leave `.map` files next to the bundles. They would describe different code
 * than the minified bundles, so they are removed rather than left to confuse a debugger.
 */
function removeStaleSourceMaps() {
  for (const bundle of ["dist/client/extension.js", "dist/server/server.js", "dist/cli.js"]) {
    fs.rmSync(path.join(root, `${bundle}.map`), { force: true });
  }
}

function buildProductionBundles() {
  const result = spawnSync(process.execPath, [path.join(root, "esbuild.js"), "--production"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) {
    throw new Error(`the production build failed (exit code ${result.status})`);
  }
}

async function main() {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const packagePath = outputPath(manifest);

  removeStaleSourceMaps();
  buildProductionBundles();

  // Loaded late so that `--help`-style failures above do not pay for vsce's start-up.
  const vsce = require("@vscode/vsce");
  await vsce.createVSIX({ cwd: root, packagePath, dependencies: false });

  const size = fs.statSync(packagePath).size;
  console.log(
    `Packaged ${path.relative(process.cwd(), packagePath)} (${(size / 1024).toFixed(1)} KiB)`,
  );
}

main().catch((error) => {
  console.error(`package: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
