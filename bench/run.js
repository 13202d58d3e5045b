// @ts-check
// `npm run bench`: measures the engine and the language server against their baselines (the
// bare parsers, ESLint, a bare node process) and prints a table; bench/results.json keeps the
// figures. Timings are noisy, so this is not part of `npm test` or CI.
//
//   npm run bench                        every section, 5 rounds
//   npm run bench -- --quick             2 rounds, small ESLint sample (a smoke run)
//   npm run bench -- --full              ESLint over the whole corpus instead of a sample
//   npm run bench -- --rounds 9 latency  only the named sections, 9 rounds
const { fork } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { buildEngine, buildProduct, packageExtension } = require("./lib/build");
const { repoRoot, resultsFile } = require("./lib/paths");
const { evaluateTargets, renderReport } = require("./lib/report");

const SECTIONS = ["throughput", "policies", "latency", "memory", "scaling", "indexing"];
const SECTION_TIMEOUT_MS = 30 * 60 * 1000;

function parseArguments() {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const roundsAt = args.indexOf("--rounds");
  const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : quick ? 2 : 5;
  const named = args.filter(
    (arg, index) => !arg.startsWith("--") && args[index - 1] !== "--rounds",
  );
  const unknown = named.filter((name) => !SECTIONS.includes(name));
  if (unknown.length > 0 || !(rounds >= 1)) {
    console.error(
      `usage: npm run bench -- [--quick] [--full] [--rounds N] [${SECTIONS.join("|")}]...`,
    );
    process.exit(2);
  }
  return {
    sections: named.length > 0 ? named : SECTIONS,
    options: {
      rounds,
      eslintRounds: quick ? 1 : 3,
      quick,
      full: args.includes("--full"),
      package: !args.includes("--no-package"),
    },
  };
}

function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${os.release()} ${process.arch}`,
    date: new Date().toISOString(),
    // Other work on the machine shows up here; with a load well above the core count, prefer
    // BENCH_CLOCK=cpu for the in-process figures.
    loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 10) / 10),
    clock: process.env.BENCH_CLOCK === "cpu" ? "cpu" : "wall",
  };
}

/**
 * Runs one section in a fresh node process (with --expose-gc, so rounds start from a collected
 * heap) and returns what it reported.
 * @param {string} name
 * @param {object} options
 * @returns {Promise<{ ok: boolean, result?: any, error?: string }>}
 */
function runSectionProcess(name, options) {
  return new Promise((resolve) => {
    const child = fork(path.join(__dirname, "sections", `${name}.js`), [], {
      execArgv: ["--expose-gc", "--max-old-space-size=4096"],
      env: { ...process.env, BENCH_OPTIONS: JSON.stringify(options) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    /** @type {{ ok: boolean, result?: any, error?: string } | undefined} */
    let message;
    const timer = setTimeout(() => child.kill("SIGKILL"), SECTION_TIMEOUT_MS);
    child.on("message", (received) => {
      message = /** @type {any} */ (received);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(
        message ?? {
          ok: false,
          error: `section process exited (${signal ?? code}) without a result`,
        },
      );
    });
  });
}

async function main() {
  const { sections, options } = parseArguments();
  const machine = describeMachine();
  process.stderr.write(`bench: ${machine.cpu} × ${machine.cores}, node ${machine.node}\n`);

  const engine = buildEngine();
  /** @type {Record<string, any>} */
  const build = { workspaceIndexModule: engine.workspaceModule ?? null };
  if (sections.includes("latency") || sections.includes("memory")) {
    const product = buildProduct();
    build.serverBundle = product.serverBundle;
    build.serverNote = product.note;
    if (options.package) {
      const packaged = packageExtension();
      build.vsix = packaged.vsix;
      build.productionBundleSizes = packaged.bundleSizes;
      build.packageNote = packaged.note;
      // Measure the server as it ships, minified, when packaging worked.
      build.serverBundle = packaged.serverBundle ?? build.serverBundle;
    }
  }

  /** @type {Record<string, any>} */
  const results = {
    machine,
    options,
    build: {
      ...build,
      serverBundle: build.serverBundle && path.relative(repoRoot, build.serverBundle),
      vsix: build.vsix && path.relative(repoRoot, build.vsix),
    },
    sections: {},
  };
  for (const name of sections) {
    process.stderr.write(`bench: ${name}…\n`);
    const started = Date.now();
    const outcome = await runSectionProcess(name, {
      ...options,
      serverBundle: build.serverBundle,
      vsix: build.vsix,
      productionBundleSizes: build.productionBundleSizes,
    });
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    results.sections[name] = outcome.ok
      ? { seconds, skipped: outcome.result?.skipped }
      : { seconds, error: outcome.error };
    if (outcome.ok) {
      results[name] = outcome.result;
    } else {
      process.stderr.write(`bench: ${name} failed: ${outcome.error}\n`);
    }
  }

  results.machine.loadAverageAtEnd = os.loadavg().map((load) => Math.round(load * 10) / 10);
  const checks = evaluateTargets(results);
  results.checks = checks;
  fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2) + "\n");
  console.log(renderReport(results, checks));
  console.log(`\nresults: ${path.relative(process.cwd(), resultsFile)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
