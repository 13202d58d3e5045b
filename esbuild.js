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

/** Where the server finds the TypeScript compiler it loads on first use. */
const LAZY_TYPESCRIPT_FILE = "typescript.js";

/**
 * Replaces `typescript` in the server bundle with a stand-in that loads the compiler from
 * `dist/server/typescript.js` the first time one of its exports is read. The compiler is about
 * 9 MB of JavaScript: evaluating it before answering `initialize` was most of the server's
 * start-up, and a workspace with only policy files never needs it at all.
 *
 * The stand-in defines one getter per export of the real module (listed here, at build time),
 * so that esbuild's import helpers can copy the export names without loading anything. On
 * first use every getter is replaced by the real value, so later reads cost what they did when
 * the compiler was bundled inline.
 * @returns {import('esbuild').Plugin}
 */
function lazyTypeScript() {
  const exportNames = Object.keys(require("typescript"));
  const contents = `
    const exportNames = ${JSON.stringify(exportNames)};
    let compiler;
    function load() {
      if (compiler === undefined) {
        compiler = require(require("node:path").join(__dirname, ${JSON.stringify(LAZY_TYPESCRIPT_FILE)}));
        for (const name of exportNames) {
          Object.defineProperty(module.exports, name, {
            value: compiler[name],
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
      }
      return compiler;
    }
    for (const name of exportNames) {
      Object.defineProperty(module.exports, name, {
        get: () => load()[name],
        enumerable: true,
        configurable: true,
      });
    }
  `;
  return {
    name: "lazy-typescript",
    setup(build) {
      build.onResolve({ filter: /^typescript$/ }, () => ({
        path: "typescript",
        namespace: "lazy-typescript",
      }));
      build.onLoad({ filter: /.*/, namespace: "lazy-typescript" }, () => ({
        contents,
        loader: "js",
      }));
    },
  };
}

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
    plugins: [lazyTypeScript()],
  },
  {
    // The compiler the server loads on first use (see lazyTypeScript). It is third-party code
    // nobody steps through, so it is always minified and has no source map: that also halves
    // what the server parses when it loads it.
    ...shared,
    entryPoints: [require.resolve("typescript")],
    outfile: `dist/server/${LAZY_TYPESCRIPT_FILE}`,
    minify: true,
    sourcemap: false,
  },
  {
    // The CLI keeps the compiler inline: a scan reads code files at once, so loading it
    // later would gain nothing.
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
