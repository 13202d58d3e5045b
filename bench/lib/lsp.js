// @ts-check
// A minimal Language Server Protocol client over stdio, built on vscode-jsonrpc: just what the
// bench needs to drive the real server bundle the way an editor does and time the replies.
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const { pathToFileURL } = require("node:url");
const rpc = require("vscode-jsonrpc/node");
const { wallNow: now } = require("./stats");

/**
 * @typedef {{ uri: string, version?: number, diagnostics: any[], receivedAt: number }} Published
 * @typedef {{ uri: string, minVersion?: number, resolve: (value: Published) => void }} Waiter
 */

class BenchClient {
  /**
   * Spawns the server bundle with `--stdio` and connects to it. `spawnedAt` is taken just
   * before the spawn so start-up figures include node's own start.
   * @param {string} serverBundle
   */
  constructor(serverBundle) {
    this.spawnedAt = now();
    // BENCH_SERVER_PROFILE=<dir> writes a CPU profile of each server process there, for
    // finding where protocol latency goes (open it in Chrome DevTools or VS Code).
    const profileDir = process.env.BENCH_SERVER_PROFILE;
    // `--expose-gc` as the extension starts the server, so its idle collection is measured too.
    const nodeArgs = ["--expose-gc"];
    if (profileDir) {
      nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${profileDir}`);
    }
    this.child = spawn(process.execPath, [...nodeArgs, serverBundle, "--stdio"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    /** @type {string[]} */
    this.stderr = [];
    this.child.stderr.on("data", (chunk) => this.stderr.push(String(chunk)));
    // A server that dies must fail the section with its own words, not leave the bench
    // waiting on an answer that will never come.
    /** @type {Promise<never>} */
    this.exited = new Promise((_, reject) => {
      this.child.once("exit", (code, signal) => {
        const tail = this.stderr.join("").trim().split("\n").slice(-5).join("\n");
        reject(new Error(`server exited (${signal ?? code}) ${tail}`));
      });
    });
    this.exited.catch(() => undefined);
    this.connection = rpc.createMessageConnection(
      new rpc.StreamMessageReader(this.child.stdout),
      new rpc.StreamMessageWriter(this.child.stdin),
    );
    /** @type {Map<string, Published>} */
    this.latest = new Map();
    /** @type {Waiter[]} */
    this.waiters = [];
    this.publishCount = 0;
    this.connection.onNotification("textDocument/publishDiagnostics", (params) =>
      this.onPublish(params),
    );
    // Answer the requests a server may send an editor, so it never waits on us.
    this.connection.onRequest("workspace/configuration", (params) =>
      (params.items ?? []).map(() => null),
    );
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onRequest("window/workDoneProgress/create", () => null);
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  /** @param {{ uri: string, version?: number, diagnostics: any[] }} params */
  onPublish(params) {
    /** @type {Published} */
    const published = { ...params, receivedAt: now() };
    this.publishCount++;
    this.latest.set(params.uri, published);
    this.waiters = this.waiters.filter((waiter) => {
      const matches =
        waiter.uri === params.uri &&
        (waiter.minVersion === undefined ||
          params.version === undefined ||
          params.version >= waiter.minVersion);
      if (matches) {
        waiter.resolve(published);
      }
      return !matches;
    });
  }

  /**
   * Sends initialize and initialized. Returns the server's capabilities and the time from
   * spawn to the initialize result.
   * @param {string} rootPath
   */
  async initialize(rootPath) {
    const rootUri = pathToFileURL(rootPath).href;
    const result = await this.request("initialize", {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: "bench" }],
      capabilities: {
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          codeAction: {
            codeActionLiteralSupport: {
              codeActionKind: { valueSet: ["", "quickfix", "source", "source.fixAll"] },
            },
            resolveSupport: { properties: ["edit"] },
          },
        },
        workspace: { configuration: true, workspaceFolders: true },
      },
    });
    const initializeMs = now() - this.spawnedAt;
    this.connection.sendNotification("initialized", {});
    return { capabilities: result.capabilities, initializeMs };
  }

  /**
   * Sends a request and resolves with its result, or rejects if the server exits first.
   * @param {string} method
   * @param {unknown} params
   * @returns {Promise<any>}
   */
  request(method, params) {
    return Promise.race([this.connection.sendRequest(method, params), this.exited]);
  }

  /**
   * Resolves with the next diagnostics published for `uri` (at `minVersion` or later when the
   * server reports versions); rejects after `timeoutMs`.
   * @param {string} uri
   * @param {number | undefined} minVersion
   * @param {number} timeoutMs
   * @returns {Promise<Published>}
   */
  nextDiagnostics(uri, minVersion, timeoutMs) {
    const published = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter.resolve !== done);
        reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      /** @param {Published} value */
      const done = (value) => {
        clearTimeout(timer);
        resolve(value);
      };
      this.waiters.push({ uri, minVersion, resolve: done });
    });
    return Promise.race([published, this.exited]);
  }

  /**
   * @param {string} uri
   * @param {string} languageId
   * @param {string} text
   */
  open(uri, languageId, text) {
    this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /**
   * Sends one incremental change.
   * @param {string} uri
   * @param {number} version
   * @param {{ line: number, character: number }} at
   * @param {string} text
   */
  insert(uri, version, at, text) {
    this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: at, end: at }, text }],
    });
  }

  /** Resident set size of the server process in bytes, from /proc (Linux only). */
  serverMemory() {
    const pid = this.child.pid;
    if (pid === undefined || !fs.existsSync(`/proc/${pid}/status`)) {
      return undefined;
    }
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (/** @type {string} */ name) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
    return { rss: field("VmRSS"), peak: field("VmHWM") };
  }

  /** Shuts the server down politely, then makes sure the process is gone. */
  async stop() {
    try {
      await withTimeout(this.request("shutdown", null), 2000);
      this.connection.sendNotification("exit");
    } catch {
      // A server that does not answer shutdown is killed below.
    }
    await new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        resolve(undefined);
        return;
      }
      const timer = setTimeout(() => {
        this.child.kill("SIGKILL");
        resolve(undefined);
      }, 2000);
      this.child.once("exit", () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
    this.connection.dispose();
  }
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} timeoutMs
 * @returns {Promise<T>}
 */
function withTimeout(promise, timeoutMs) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs)),
  ]);
}

/** @param {string} filePath */
function fileUri(filePath) {
  return pathToFileURL(filePath).href;
}

module.exports = { BenchClient, fileUri, withTimeout };
