// One code-server for a whole e2e run: a fresh profile in a temporary folder (user data,
// extensions, config and XDG folders, so nothing lands in $HOME), the freshly built .vsix
// installed into it, the server started in its own process group on 127.0.0.1 and a free port.
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const net = require("node:net");
const path = require("node:path");

const { log } = require("./log");
const { fatal, poll } = require("./poll");
const { alive, stopGroup } = require("./processes");

/**
 * Settings for the run's profile. They keep the workbench quiet and predictable: no trust
 * prompt, welcome page, telemetry or update checks; no built-in TypeScript diagnostics (the
 * fixtures import an SDK that is not installed, and those errors would crowd the Problems
 * panel) and only its light syntax server, whose project loading would otherwise take most of
 * a 2-core machine while the scenarios time this extension; and no auto-closing brackets or
 * suggestions, so that typed text lands as typed.
 */
const USER_SETTINGS = {
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "git.enabled": false,
  "typescript.validate.enable": false,
  "javascript.validate.enable": false,
  "typescript.tsserver.useSyntaxServer": "always",
  "editor.minimap.enabled": false,
  "editor.autoClosingBrackets": "never",
  "editor.autoClosingQuotes": "never",
  "editor.autoSurround": "never",
  "editor.quickSuggestions": { other: false, comments: false, strings: false },
  "editor.suggestOnTriggerCharacters": false,
  "editor.hover.enabled": false,
};

/** Creates the profile folders under `runDir` and returns their paths and environment. */
function createProfile(runDir, nodeHome) {
  const profile = {
    userDataDir: path.join(runDir, "user-data"),
    extensionsDir: path.join(runDir, "extensions"),
    configFile: path.join(runDir, "code-server.yaml"),
    home: path.join(runDir, "home"),
    logFile: path.join(runDir, "code-server.log"),
  };
  for (const folder of [profile.userDataDir, profile.extensionsDir, profile.home]) {
    fs.mkdirSync(folder, { recursive: true });
  }
  fs.mkdirSync(path.join(profile.userDataDir, "User"), { recursive: true });
  fs.writeFileSync(
    path.join(profile.userDataDir, "User", "settings.json"),
    `${JSON.stringify(USER_SETTINGS, null, 2)}\n`,
  );
  fs.writeFileSync(profile.configFile, "auth: none\ncert: false\n");

  const xdg = (name) => {
    const folder = path.join(runDir, "xdg", name);
    fs.mkdirSync(folder, { recursive: true });
    return folder;
  };
  profile.env = {
    ...process.env,
    HOME: profile.home,
    XDG_CONFIG_HOME: xdg("config"),
    XDG_DATA_HOME: xdg("data"),
    XDG_CACHE_HOME: xdg("cache"),
    XDG_STATE_HOME: xdg("state"),
    XDG_RUNTIME_DIR: xdg("runtime"),
    PATH: `${path.join(nodeHome, "bin")}${path.delimiter}${process.env.PATH}`,
  };
  // code-server reads a password from here and would otherwise print it into the log.
  delete profile.env.PASSWORD;
  delete profile.env.HASHED_PASSWORD;
  return profile;
}

function profileArguments(profile) {
  return [
    "--user-data-dir",
    profile.userDataDir,
    "--extensions-dir",
    profile.extensionsDir,
    "--config",
    profile.configFile,
  ];
}

/** Installs the .vsix into the profile, the only way code-server accepts a local extension. */
function installExtension({ nodeHome, entry, profile, vsixPath, extensionId }) {
  const result = spawnSync(
    path.join(nodeHome, "bin", "node"),
    [entry, ...profileArguments(profile), "--install-extension", vsixPath, "--force"],
    { env: profile.env, encoding: "utf8", timeout: 120_000 },
  );
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsixPath} failed (exit ${result.status}):\n${output}`);
  }
  const installed = fs
    .readdirSync(profile.extensionsDir)
    .find((name) => name.startsWith(`${extensionId}-`));
  if (!installed) {
    throw new Error(`${extensionId} is not in ${profile.extensionsDir} after installing`);
  }
  return path.join(profile.extensionsDir, installed);
}

/** A port nobody listens on right now, chosen by the kernel. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server in a new session (its own process group, like `setsid`), so that stopping
 * it also stops the extension hosts and language servers it starts. Resolves once /healthz
 * answers.
 */
async function startCodeServer({ nodeHome, entry, profile }) {
  const port = await freePort();
  const logFd = fs.openSync(profile.logFile, "a");
  const child = spawn(
    path.join(nodeHome, "bin", "node"),
    [
      entry,
      ...profileArguments(profile),
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--auth",
      "none",
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      "--ignore-last-opened",
      // A closed page's extension host (and its language server) goes away after this many
      // seconds instead of three hours.
      "--reconnection-grace-time",
      "5",
    ],
    { detached: true, env: profile.env, stdio: ["ignore", logFd, logFd] },
  );
  fs.closeSync(logFd);

  let exitCode;
  child.once("exit", (code, signal) => (exitCode = code ?? signal));
  const server = {
    pid: child.pid,
    url: `http://127.0.0.1:${port}`,
    logFile: profile.logFile,
    stop: () => stopGroup(child.pid),
  };

  try {
    await poll(
      async () => {
        if (exitCode !== undefined) {
          throw fatal(
            `code-server exited (${exitCode}) before answering:\n${tail(profile.logFile)}`,
          );
        }
        const response = await fetch(`${server.url}/healthz`);
        return response.ok;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 200,
        what: `code-server on port ${port} to answer /healthz`,
      },
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  log(`code-server ${child.pid} answers on ${server.url}`);
  return server;
}

/** The last lines of a log file, for failure messages. */
function tail(file, lines = 25) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

module.exports = { alive, createProfile, installExtension, startCodeServer, tail };
