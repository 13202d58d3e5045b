// The real-editor tests behind `npm run test:e2e`: the freshly packaged .vsix installed into
// code-server, the workbench driven in headless Chromium, one scenario after another.
//
//   node e2e/run.js [--only NAME] [--retries N] [--update-screenshots] [--keep]
//
//   --only NAME            run the scenarios whose name contains NAME
//   --retries N            run a failed scenario again up to N times in a fresh page and
//                          workspace (default 1); a pass after a retry is reported as flaky
//   --update-screenshots   copy the screenshots the README shows into docs/images/
//   --keep                 keep the run's temporary folder (profile, logs, workspaces) for debugging
//
// Prints one line per scenario and ends with "N passed, M failed"; exits non-zero on a failure.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const { chromium } = require("playwright-core");

const { createProfile, installExtension, startCodeServer, tail } = require("./lib/code-server");
const { log } = require("./lib/log");
const { processesMatching, signalGroup } = require("./lib/processes");
const { ensureChromium, ensureCodeServer, ensureNode24 } = require("./lib/toolchain");
const { Workbench } = require("./lib/workbench");
const { scenarios } = require("./scenarios");

const repoRoot = path.join(__dirname, "..");
const artifactsDir = path.join(repoRoot, ".e2e-artifacts");
const screenshotsDir = path.join(repoRoot, "docs", "images");

/** Chromium flags that keep a headless run quiet and local (see docs on real-editor testing). */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

function parseArguments(argv) {
  const options = { only: undefined, retries: 1, updateScreenshots: false, keep: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === "--only") {
      options.only = argv[++index];
    } else if (argument === "--retries") {
      options.retries = Number(argv[++index]);
      if (!Number.isInteger(options.retries) || options.retries < 0) {
        throw new Error("--retries needs a whole number");
      }
    } else if (argument === "--update-screenshots") {
      options.updateScreenshots = true;
    } else if (argument === "--keep") {
      options.keep = true;
    } else {
      throw new Error(`unknown argument ${argument}`);
    }
  }
  return options;
}

/** Builds the .vsix exactly as a release would, into the run's folder. */
function packageExtension(runDir) {
  const vsixPath = path.join(runDir, "kms-context-guard.vsix");
  const result = spawnSync(
    process.execPath,
    [path.join(repoRoot, "scripts", "package.js"), "--out", vsixPath],
    {
      cwd: repoRoot,
      encoding: "utf8",
    },
  );
  if (result.status !== 0) {
    throw new Error(`npm run package failed:\n${result.stdout}${result.stderr}`);
  }
  return vsixPath;
}

/**
 * Everything a scenario needs. Each scenario gets fresh copies of the workspaces it opens, so
 * that edits (a quick fix, typed text) never touch the committed fixtures or another scenario.
 */
function scenarioContext({ runDir, server, browserContext, extensionDir, manifest, scenarioName }) {
  let copies = 0;
  return {
    manifest,
    extensionDir,
    serverBundle: path.join(extensionDir, "dist", "server", "server.js"),
    copyWorkspace(name) {
      copies += 1;
      const target = path.join(runDir, "workspaces", `${scenarioName}-${copies}`, name);
      fs.cpSync(path.join(repoRoot, "test-fixtures", "workspaces", name), target, {
        recursive: true,
      });
      return target;
    },
    async openWorkbench(folder) {
      const workbench = await Workbench.open(browserContext, server.url, folder);
      this.pages.push(workbench);
      return workbench;
    },
    pages: [],
    screenshotPath(name) {
      return path.join(artifactsDir, `${name}.png`);
    },
  };
}

/**
 * Runs each scenario, again in a fresh browser context and workspace copy when it fails (up to
 * `retries` times). A workbench driven through its DOM on a loaded two-core machine sometimes
 * loses a race the person at the keyboard never sees (a widget that moves as a slower provider
 * answers); a retry keeps such a race from failing CI, and the report names every scenario that
 * needed one, with its first error, so flakiness stays visible.
 */
async function runScenarios({ selected, retries, ...shared }) {
  const results = [];
  for (const scenario of selected) {
    const started = Date.now();
    const failures = [];
    for (let attempt = 1; attempt <= retries + 1; attempt += 1) {
      const error = await runAttempt(scenario, attempt, shared);
      if (!error) {
        break;
      }
      failures.push(error);
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const passed = failures.length <= retries;
    if (!passed) {
      const last = failures[failures.length - 1];
      console.log(`not ok  ${scenario.name} (${seconds} s)\n${indent(last.stack ?? String(last))}`);
    } else if (failures.length > 0) {
      const first = String(failures[0].message ?? failures[0]).split("\n")[0];
      console.log(`ok      ${scenario.name} (${seconds} s) flaky: attempt 1 failed: ${first}`);
    } else {
      console.log(`ok      ${scenario.name} (${seconds} s)`);
    }
    results.push({ name: scenario.name, error: passed ? undefined : failures.at(-1), failures });
  }
  return results;
}

/** One attempt at a scenario; returns its error, or undefined when it passed. */
async function runAttempt(scenario, attempt, { runDir, server, browser, extensionDir, manifest }) {
  const browserContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const context = scenarioContext({
    runDir,
    server,
    browserContext,
    extensionDir,
    manifest,
    scenarioName: attempt === 1 ? scenario.name : `${scenario.name}-attempt-${attempt}`,
  });
  let error;
  try {
    await scenario.run(context);
  } catch (caught) {
    error = caught;
    for (const [index, workbench] of context.pages.entries()) {
      await workbench
        .screenshot(context.screenshotPath(`failed-${scenario.name}-${attempt}-${index}`))
        .catch(() => {});
    }
  }
  await browserContext.close().catch(() => {});
  return error;
}

function indent(text) {
  return text
    .split("\n")
    .map((line) => `        ${line}`)
    .join("\n");
}

/** Copies the screenshots the README shows from this run's artifacts into docs/images/. */
function updateScreenshots(selected) {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  for (const scenario of selected) {
    for (const [artifact, published] of Object.entries(scenario.screenshots ?? {})) {
      fs.copyFileSync(
        path.join(artifactsDir, `${artifact}.png`),
        path.join(screenshotsDir, published),
      );
      log(`updated docs/images/${published}`);
    }
  }
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const started = Date.now();
  const selected = scenarios.filter(
    (scenario) => !options.only || scenario.name.includes(options.only),
  );
  if (selected.length === 0) {
    throw new Error(`no scenario matches ${options.only}`);
  }

  const nodeHome = ensureNode24();
  const entry = ensureCodeServer(nodeHome);
  const chromiumPath = ensureChromium();

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "kms-e2e-"));
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  fs.mkdirSync(artifactsDir, { recursive: true });
  let server;
  let browser;
  let results = [];

  const cleanUp = async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    // Anything still running from the run's folder escaped the process group: end it, and say so.
    const leftovers = processesMatching(runDir);
    for (const leftover of leftovers) {
      log(
        `process ${leftover.pid} outlived its group; killing it: ${leftover.commandLine.slice(0, 120)}`,
      );
      signalGroup(leftover.pid, "SIGKILL");
      try {
        process.kill(leftover.pid, "SIGKILL");
      } catch {}
    }
    if (options.keep) {
      log(`kept ${runDir}`);
    } else {
      fs.rmSync(runDir, { recursive: true, force: true });
    }
    return leftovers.length;
  };
  const onSignal = (signal) => {
    log(`${signal}: cleaning up`);
    cleanUp().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  let leftovers = 0;
  try {
    log("packaging the extension…");
    const vsixPath = packageExtension(runDir);
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    const profile = createProfile(runDir, nodeHome);
    const extensionDir = installExtension({
      nodeHome,
      entry,
      profile,
      vsixPath,
      extensionId: `${manifest.publisher}.${manifest.name}`,
    });
    log(`installed ${path.basename(vsixPath)} into ${extensionDir}`);

    server = await startCodeServer({ nodeHome, entry, profile });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
      env: profile.env,
    });

    results = await runScenarios({
      selected,
      retries: options.retries,
      runDir,
      server,
      browser,
      extensionDir,
      manifest,
    });
    if (results.some((result) => result.error)) {
      log(`code-server log (last lines):\n${tail(server.logFile, 40)}`);
    }
  } finally {
    leftovers = await cleanUp();
  }

  const failed = results.filter((result) => result.error).length + (leftovers > 0 ? 1 : 0);
  const passed = results.length - results.filter((result) => result.error).length;
  if (leftovers > 0) {
    console.log(`not ok  cleanup: ${leftovers} process(es) outlived code-server's process group`);
  }
  if (options.updateScreenshots && failed === 0) {
    updateScreenshots(selected);
  }
  const flaky = results.filter((result) => !result.error && result.failures.length > 0).length;
  const flakyNote = flaky > 0 ? ` (${flaky} only after a retry)` : "";
  console.log(
    `${passed} passed${flakyNote}, ${failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(`e2e: ${error.stack ?? error}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
