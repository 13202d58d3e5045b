/**
 * A real JSON-RPC client for protocol tests: it spawns a language server (by default the
 * BUNDLED one, `dist/server/server.js --stdio`, so run `npm run build` first — `npm test` does),
 * performs the `initialize` handshake and keeps what the server publishes.
 *
 * ```ts
 * const client = await startLspClient({ rootPath: fixturePath("code") });
 * const uri = client.uriOf("demo.ts");
 * await client.openDocument(uri, "typescript", text);
 * const published = await client.waitForDiagnostics(uri, (d) => d.diagnostics.length > 0);
 * const actions = await client.codeActions(uri, published.diagnostics[0].range, published.diagnostics);
 * const fixed = applyWorkspaceEdit(text, uri, actions[0].edit!);
 * await client.stop();
 * ```
 *
 * The client answers `workspace/configuration` with `settings` (per section), accepts
 * capability registrations and progress tokens, and records `window/showDocument` requests and
 * `window/logMessage` notifications for assertions. It is meant for hover, completion, latency
 * and load tests as well: `client.connection` sends any request.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type ShowDocumentParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";
import { repoRoot } from "./paths";

/** The bundled server that `npm run build` produces. */
export const BUNDLED_SERVER = path.join(repoRoot, "dist", "server", "server.js");

/** How to start the server and what the client claims to be. */
export interface LspClientOptions {
  /** The server script; default the bundled server. */
  serverPath?: string;
  /** Arguments after the script; default `["--stdio"]`. */
  args?: string[];
  /** Options for node itself, before the script (e.g. `--require` of a probe); default none. */
  nodeArgs?: string[];
  /** The workspace folder (a file system path); default none. */
  rootPath?: string;
  /** Answers to `workspace/configuration`, by section (e.g. `{ kmsContextGuard: {...} }`). */
  settings?: Record<string, unknown>;
  /** Client capabilities; default: configuration, documentChanges and showDocument support. */
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
}

/** A running server and the client side of its connection. */
export interface LspTestClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  initializeResult: InitializeResult;
  /** The latest `publishDiagnostics` per URI. */
  diagnostics: Map<string, PublishDiagnosticsParams>;
  /** Every `publishDiagnostics`, in arrival order. */
  publishHistory: PublishDiagnosticsParams[];
  /** Every `window/showDocument` the server asked for. */
  shownDocuments: ShowDocumentParams[];
  /** Every `window/logMessage` text. */
  logMessages: string[];
  /** What the server wrote to stderr. */
  stderr: () => string;
  /** The `file:` URI of a path relative to `rootPath` (or absolute). */
  uriOf(relativePath: string): string;
  openDocument(uri: string, languageId: string, text: string): Promise<void>;
  /** Sends a full-text change (or the given incremental changes); returns the new version. */
  changeDocument(uri: string, changes: string | TextDocumentContentChangeEvent[]): Promise<number>;
  closeDocument(uri: string): Promise<void>;
  /**
   * Resolves with the first `publishDiagnostics` for `uri` that satisfies `predicate` (default:
   * any), including one already received; rejects after `timeoutMs`.
   */
  waitForDiagnostics(
    uri: string,
    predicate?: (params: PublishDiagnosticsParams) => boolean,
    timeoutMs?: number,
  ): Promise<PublishDiagnosticsParams>;
  codeActions(
    uri: string,
    range: Range,
    diagnostics: Diagnostic[],
    only?: string[],
  ): Promise<(CodeAction | Command)[]>;
  /** Changes the answers to `workspace/configuration` and notifies the server. */
  setSettings(settings: Record<string, unknown>): Promise<void>;
  /** Sends `workspace/didChangeWatchedFiles` for a changed file (a path or URI). */
  fileChanged(uriOrPath: string): Promise<void>;
  /** `shutdown`, `exit`, and waits for the process (killing it after two seconds). */
  stop(): Promise<void>;
}

const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: false },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  window: { showDocument: { support: true }, workDoneProgress: true },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    codeAction: {
      codeActionLiteralSupport: {
        codeActionKind: { valueSet: ["quickfix", "source", "source.fixAll"] },
      },
      isPreferredSupport: true,
      dataSupport: true,
    },
  },
};

/** Starts the server and completes the `initialize`/`initialized` handshake. */
export async function startLspClient(options: LspClientOptions = {}): Promise<LspTestClient> {
  const serverPath = options.serverPath ?? BUNDLED_SERVER;
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), serverPath, ...(options.args ?? ["--stdio"])],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));

  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  let settings = options.settings ?? {};
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  const publishHistory: PublishDiagnosticsParams[] = [];
  const waiters: {
    uri: string;
    predicate: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  const shownDocuments: ShowDocumentParams[] = [];
  const logMessages: string[] = [];
  const versions = new Map<string, number>();

  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    diagnostics.set(params.uri, params);
    publishHistory.push(params);
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.predicate(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  connection.onNotification("window/logMessage", (params: { message: string }) => {
    logMessages.push(params.message);
  });
  connection.onRequest(ConfigurationRequest.type, (params) =>
    params.items.map((item) => (item.section ? settings[item.section] : settings) ?? null),
  );
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
  connection.onRequest(ShowDocumentRequest.type, (params) => {
    shownDocuments.push(params);
    return { success: true };
  });
  connection.listen();

  const rootUri = options.rootPath ? pathToFileURL(options.rootPath).href : null;
  const initializeResult = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: rootUri ? [{ uri: rootUri, name: path.basename(options.rootPath!) }] : null,
    capabilities: options.capabilities ?? DEFAULT_CAPABILITIES,
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification(InitializedNotification.type, {});

  const client: LspTestClient = {
    connection,
    process: child,
    initializeResult,
    diagnostics,
    publishHistory,
    shownDocuments,
    logMessages,
    stderr: () => stderr,
    uriOf: (relativePath) =>
      pathToFileURL(path.resolve(options.rootPath ?? repoRoot, relativePath)).href,
    async openDocument(uri, languageId, text) {
      versions.set(uri, 1);
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId, version: 1, text },
      });
    },
    async changeDocument(uri, changes) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: typeof changes === "string" ? [{ text: changes }] : changes,
      });
      return version;
    },
    async closeDocument(uri) {
      await connection.sendNotification(DidCloseTextDocumentNotification.type, {
        textDocument: { uri },
      });
    },
    waitForDiagnostics(uri, predicate = () => true, timeoutMs = 10_000) {
      const existing = diagnostics.get(uri);
      if (existing && predicate(existing)) {
        return Promise.resolve(existing);
      }
      return new Promise((resolve, reject) => {
        const waiter = {
          uri,
          predicate,
          resolve: (params: PublishDiagnosticsParams) => {
            clearTimeout(timer);
            resolve(params);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          const last = JSON.stringify(diagnostics.get(uri)?.diagnostics.map((d) => d.code));
          reject(
            new Error(
              `no matching diagnostics for ${uri} within ${timeoutMs} ms (last: ${last}); stderr: ${stderr}`,
            ),
          );
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    async codeActions(uri, range, diagnosticsInRange, only) {
      const result = await connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range,
        context: { diagnostics: diagnosticsInRange, only },
      });
      return result ?? [];
    },
    async setSettings(next) {
      settings = next;
      await connection.sendNotification(DidChangeConfigurationNotification.type, {
        settings: next,
      });
    },
    async fileChanged(uriOrPath) {
      const uri = uriOrPath.startsWith("file:") ? uriOrPath : pathToFileURL(uriOrPath).href;
      await connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri, type: FileChangeType.Changed }],
      });
    },
    async stop() {
      const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
        } else {
          child.once("exit", () => resolve());
        }
      });
      try {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
      } catch {
        // The server may already be gone; the kill below covers it.
      }
      const timer = setTimeout(() => child.kill(), 2000);
      await exited;
      clearTimeout(timer);
      connection.dispose();
    },
  };
  return client;
}

/**
 * Applies a workspace edit (either `documentChanges` with plain or snippet edits, or
 * `changes`) to the text of `uri` and returns the new text. Snippet edits are applied with
 * their snippet text as is, so a test can assert the placeholders.
 */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit): string {
  const edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ("textDocument" in change && change.textDocument.uri === uri) {
      for (const item of change.edits) {
        edits.push("snippet" in item ? { range: item.range, newText: item.snippet.value } : item);
      }
    }
  }
  edits.push(...(edit.changes?.[uri] ?? []));
  return TextDocument.applyEdits(TextDocument.create(uri, "plaintext", 0, text), edits);
}
