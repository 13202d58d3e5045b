import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { repoRoot } from "./paths";

/** Node arguments that let `heapAfterGcKilobytes` measure the server's retained heap. */
export const heapProbeArguments = [
  "--expose-gc",
  "--require",
  path.join(__dirname, "heap-probe-preload.js"),
];

/** Options for one server process under test. */
export interface ServerOptions {
  /** Settings returned for every `workspace/configuration` item (the `kmsContextGuard` section). */
  settings?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  /** Workspace folder path; defaults to none. */
  rootPath?: string;
  /** Extra `node` arguments, e.g. `--require` of a preload. */
  nodeArguments?: string[];
  env?: NodeJS.ProcessEnv;
}

/**
 * The bundled language server (dist/server/server.js) in its own process, driven over stdio
 * by a real JSON-RPC connection. It records every published diagnostic set and log message, and
 * can read the process's resident memory from /proc.
 */
export class ServerProcess {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  stderr = "";
  private readonly waiters: (() => void)[] = [];

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {}

  /** Starts the server and completes the initialize handshake. */
  static async start(options: ServerOptions = {}): Promise<ServerProcess> {
    const bundle = path.join(repoRoot, "dist", "server", "server.js");
    if (!fs.existsSync(bundle)) {
      throw new Error("dist/server/server.js is missing: run npm run build first");
    }
    const child = spawn(process.execPath, [...(options.nodeArguments ?? []), bundle, "--stdio"], {
      env: { ...process.env, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const connection = createProtocolConnection(child.stdout, child.stdin);
    const server = new ServerProcess(child, connection);
    child.stderr.on("data", (chunk: Buffer) => (server.stderr += chunk.toString("utf8")));

    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      server.published.push(params);
      server.notify();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      server.logs.push(params.message);
      server.notify();
    });
    connection.onRequest("workspace/configuration", (params: { items: unknown[] }) =>
      params.items.map(() => options.settings ?? {}),
    );
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("client/unregisterCapability", () => null);
    connection.onRequest("window/workDoneProgress/create", () => null);
    connection.onRequest("workspace/diagnostic/refresh", () => null);
    connection.onRequest("workspace/codeLens/refresh", () => null);
    connection.onRequest("workspace/inlayHint/refresh", () => null);
    connection.onRequest("workspace/semanticTokens/refresh", () => null);
    connection.listen();

    const rootUri = options.rootPath ? `file://${options.rootPath}` : null;
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: "workspace" }] : null,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: {} },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          synchronization: { dynamicRegistration: false },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix"] } } },
        },
        window: { workDoneProgress: true },
      },
      initializationOptions: options.initializationOptions,
    } as never);
    await connection.sendNotification(InitializedNotification.type, {});
    return server;
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) {
      waiter();
    }
  }

  /** Resolves once `condition` holds, re-checked on every message; rejects after `timeoutMs`. */
  async waitFor(condition: () => boolean, what: string, timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The diagnostics last published for `uri`, with the version they were computed for. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    for (let index = this.published.length - 1; index >= 0; index--) {
      if (this.published[index].uri === uri) {
        return this.published[index];
      }
    }
    return undefined;
  }

  open(uri: string, languageId: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
  }

  /** Replaces the whole text (a full-document change, which every server must accept). */
  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri },
    });
  }

  /**
   * Waits until the latest diagnostics of `uri` are those of `version`. Our server versions every
   * analysis it publishes; the unversioned empty set it sends on close never counts.
   */
  async diagnosticsFor(uri: string, version: number, timeoutMs = 10000): Promise<Diagnostic[]> {
    await this.waitFor(
      () => this.latest(uri)?.version === version,
      `diagnostics of ${uri} at version ${version}`,
      timeoutMs,
    );
    return this.latest(uri)!.diagnostics;
  }

  /** Resident memory of the server process in kilobytes, from /proc/<pid>/status. */
  rssKilobytes(): number {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    if (!match) {
      throw new Error("no VmRSS in /proc status");
    }
    return Number(match[1]);
  }

  /**
   * The server's heap after a full garbage collection, in kilobytes. Needs the server started
   * with `--expose-gc --require heap-probe-preload.js` (see `heapProbeArguments`).
   */
  async heapAfterGcKilobytes(): Promise<number> {
    const seen = this.stderr.length;
    this.child.kill("SIGUSR2");
    const line = /heap-after-gc (\d+)\n/;
    await this.waitFor(() => line.test(this.stderr.slice(seen)), "the heap probe", 5000);
    return Number(line.exec(this.stderr.slice(seen))![1]);
  }

  /** Shuts the server down politely and waits for the process to end. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) {
      return this.child.exitCode;
    }
    const exited = new Promise<number | null>((resolve) => this.child.once("exit", resolve));
    // A server that no longer answers (a test broke its stream on purpose) is killed instead.
    const answered = await Promise.race([
      this.connection.sendRequest(ShutdownRequest.type).then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000)),
    ]);
    if (answered) {
      await this.connection.sendNotification(ExitNotification.type).catch(() => undefined);
    } else {
      this.child.kill("SIGKILL");
    }
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    const code = await exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}
