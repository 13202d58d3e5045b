// @ts-check
// The real-code corpus: the published aws-cdk-lib and @aws-sdk/client-kms packages, installed
// once into bench/corpus/ (ignored by git) and reused by later runs.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { corpusDir } = require("./paths");

/**
 * Pinned so that two runs months apart measure the same bytes; override with
 * BENCH_CORPUS="aws-cdk-lib@x @aws-sdk/client-kms@y" to measure other releases.
 */
const DEFAULT_PACKAGES = ["aws-cdk-lib@2.276.0", "@aws-sdk/client-kms@3.1178.0"];

/**
 * Files that mention KMS, policy statements or the Encryption SDK: the ones the engine cannot
 * dismiss by a glance at the text, so they are timed separately.
 */
const KMS_SIGNAL = /kms|PolicyStatement|"Statement"|\bStatement:|@aws-crypto|encryption-sdk/i;

function packageSpecs() {
  const override = process.env.BENCH_CORPUS?.trim();
  return override ? override.split(/\s+/) : DEFAULT_PACKAGES;
}

/** @param {string} spec e.g. `@aws-sdk/client-kms@3.1.0` */
function packageName(spec) {
  const at = spec.lastIndexOf("@");
  return at > 0 ? spec.slice(0, at) : spec;
}

/** @param {string} spec */
function installedVersion(spec) {
  const manifest = path.join(corpusDir, "node_modules", packageName(spec), "package.json");
  return fs.existsSync(manifest)
    ? JSON.parse(fs.readFileSync(manifest, "utf8")).version
    : undefined;
}

/**
 * Installs the corpus packages unless the pinned versions are already there. Lifecycle scripts
 * are not run: the bench reads the files, it never executes them.
 */
function ensureCorpus() {
  const specs = packageSpecs();
  const missing = specs.filter((spec) => {
    const version = installedVersion(spec);
    const wanted = spec.slice(packageName(spec).length + 1);
    return !version || (wanted && version !== wanted);
  });
  if (missing.length > 0) {
    fs.mkdirSync(corpusDir, { recursive: true });
    process.stderr.write(`bench: installing ${specs.join(", ")} into ${corpusDir}\n`);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = spawnSync(
      npm,
      [
        "install",
        "--prefix",
        corpusDir,
        "--no-save",
        "--ignore-scripts",
        "--no-audit",
        "--no-fund",
        ...specs,
      ],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    if (result.status !== 0) {
      throw new Error(`npm install of the corpus failed (exit ${result.status})`);
    }
  }
  return specs.map((spec) => ({ name: packageName(spec), version: installedVersion(spec) }));
}

/**
 * Every .js and .d.ts file of the corpus packages (not of their dependencies), sorted so every
 * run visits them in the same order.
 * @returns {{ fileName: string, text: string, kms: boolean }[]}
 */
function loadCorpus() {
  /** @type {string[]} */
  const fileNames = [];
  for (const spec of packageSpecs()) {
    collect(path.join(corpusDir, "node_modules", packageName(spec)), fileNames);
  }
  fileNames.sort();
  return fileNames.map((fileName) => {
    const text = fs.readFileSync(fileName, "utf8");
    return { fileName, text, kms: KMS_SIGNAL.test(text) };
  });
}

/**
 * @param {string} directory
 * @param {string[]} into
 */
function collect(directory, into) {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") {
        collect(full, into);
      }
    } else if (entry.name.endsWith(".js") || entry.name.endsWith(".d.ts")) {
      into.push(full);
    }
  }
}

module.exports = { ensureCorpus, loadCorpus, KMS_SIGNAL };
