// Bundles the extension client, the language server and the CLI. Run with --production for
// minified bundles without source maps (what the .vsix ships), or --watch while developing.
const esbuild = require("esbuild");

const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");

/** @type {import('esbuild').BuildOptions} */
const shared = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: "warning",
  // Prefer ES module builds: jsonc-parser's UMD build loads its parts with a dynamic require
  // that a bundle cannot resolve.
  mainFields: ["module", "main"],
};

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
  {
    ...shared,
    entryPoints: ["client/src/extension.ts"],
    outfile: "dist/client/extension.js",
    // The editor provides the vscode module at run time.
    external: ["vscode"],
  },
  {
    ...shared,
    entryPoints: ["server/src/server/main.ts"],
    outfile: "dist/server/server.js",
  },
  {
    ...shared,
    entryPoints: ["server/src/cli/main.ts"],
    outfile: "dist/cli.js",
    banner: { js: "#!/usr/bin/env node" },
  },
];

async function main() {
  if (watch) {
    for (const options of bundles) {
      const context = await esbuild.context(options);
      await context.watch();
    }
    console.log("[watch] build started");
    return;
  }
  await Promise.all(bundles.map((options) => esbuild.build(options)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
