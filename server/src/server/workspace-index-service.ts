import { promises as fs } from "node:fs";
import * as path from "node:path";
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type DidChangeWatchedFilesParams,
} from "vscode-languageserver";
import { collectFiles, WALKED_EXTENSIONS, SKIPPED_DIRECTORIES } from "../cli/walk";
import type { ResolvedConfig } from "../engine/config";
import type { WorkspaceFacts } from "../engine/workspace-facts";
import { ignoredByConfig, WorkspaceIndex } from "../engine/workspace/workspace-index";
import { CONTEXT_MAP_CHANGED_NOTIFICATION } from "../shared/protocol";
import type { ServerContext } from "./context";
import { pathToUri, uriToPath } from "./settings";

/** Files indexed between two yields to the event loop, so open documents stay responsive. */
const FILES_PER_SLICE = 25;

/**
 * Open documents are analysed again once the index has not changed for this long, so typing in
 * one file does not re-analyse the others between keystrokes...
 */
const REPUBLISH_QUIET_MS = 300;

/** ...but never later than this after the first change, so they do not wait for a long burst. */
const REPUBLISH_MAX_WAIT_MS = 2_000;

/**
 * Whether a watched path is one the index reads: the same extensions and skipped folders as the
 * CLI.
 */
function isIndexable(fileName: string): boolean {
  const segments = fileName.split(/[\\/]/);
  return (
    WALKED_EXTENSIONS.has(path.extname(fileName).toLowerCase()) &&
    !segments.some((segment) => SKIPPED_DIRECTORIES.has(segment))
  );
}

/**
 * Keeps the workspace index of the language server: indexes the workspace folders in the
 * background after start (with work-done progress), follows file watcher events, takes the
 * editor's text for open documents, and re-analyses open documents when the index changes.
 *
 * Until the first indexing finishes, analyses run without workspace facts: a half-built index
 * would make the cross-file rules report what they cannot yet see.
 */
export class WorkspaceIndexService {
  readonly index: WorkspaceIndex;
  private ready = false;
  private hasFolders = false;
  private indexingRun = 0;
  private republishTimer: NodeJS.Timeout | undefined;
  private firstUnpublishedChange: number | undefined;
  private readonly skipUris = new Set<string>();
  private republishAll = false;
  private readonly configs = new Map<string, Promise<ResolvedConfig>>();

  constructor(private readonly context: ServerContext) {
    this.index = new WorkspaceIndex({ logger: { warn: () => undefined } });
  }

  /** True while the first indexing is still running. */
  get indexing(): boolean {
    return !this.ready;
  }

  /**
   * The facts for analyses: undefined until the workspace has been indexed once, and without a
   * workspace folder (a lone file is analysed on its own, as the CLI does with named files).
   */
  facts(): WorkspaceFacts | undefined {
    if (!this.ready || !this.hasFolders) {
      return undefined;
    }
    const facts = this.index.facts();
    return {
      ...facts,
      syncDocument: (document, models) => {
        const uri = pathToUri(document.fileName);
        if (this.index.update(document.fileName, document.text, models, document.languageId)) {
          // Other open documents may import what just changed.
          this.indexChanged(uri);
        }
      },
    };
  }

  /** Indexes every file of the folders, yielding between slices; a new call supersedes it. */
  async indexFolders(folders: readonly string[]): Promise<void> {
    const run = ++this.indexingRun;
    this.hasFolders = folders.length > 0;
    const progress = await this.context.connection.window.createWorkDoneProgress();
    progress.begin("KMS Context Guard", 0, "Indexing the workspace", false);
    try {
      const files = collectFiles(folders, folders[0] ?? process.cwd()).files;
      for (let start = 0; start < files.length; start += FILES_PER_SLICE) {
        if (run !== this.indexingRun) {
          return;
        }
        await Promise.all(files.slice(start, start + FILES_PER_SLICE).map((f) => this.read(f)));
        const done = Math.min(start + FILES_PER_SLICE, files.length);
        progress.report(Math.round((done / files.length) * 100), `${done}/${files.length} files`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      this.ready = true;
      this.context.connection.console.info(`Indexed ${this.index.size} workspace files`);
      this.indexChanged(undefined);
    } finally {
      progress.done();
    }
  }

  /**
   * `workspace/didChangeWatchedFiles`: created and changed files are read, deleted ones are
   * dropped.
   */
  async handleWatchedFiles(params: DidChangeWatchedFilesParams): Promise<void> {
    let changed = false;
    for (const change of params.changes) {
      const fileName = uriToPath(change.uri);
      if (!fileName || !isIndexable(fileName) || this.context.documents.get(change.uri)) {
        // Open documents are indexed from the editor's text, not from disk.
        continue;
      }
      if (change.type === FileChangeType.Deleted) {
        changed = this.index.remove(fileName) || changed;
      } else {
        changed = (await this.read(fileName)) || changed;
      }
    }
    if (changed) {
      this.indexChanged(undefined);
    }
  }

  /** Asks the client to watch every file kind the index reads (VS Code's client does). */
  async registerWatchers(): Promise<void> {
    const extensions = [...WALKED_EXTENSIONS].map((extension) => extension.slice(1)).join(",");
    await this.context.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: `**/*.{${extensions}}` }],
    });
  }

  /** A closed document's unsaved edits are gone: the file on disk is what counts again. */
  async documentClosed(uri: string): Promise<void> {
    const fileName = uriToPath(uri);
    if (this.ready && fileName && isIndexable(fileName) && (await this.read(fileName))) {
      this.indexChanged(undefined);
    }
  }

  /** The configuration changed: ignore lists may differ, so cached configs are dropped. */
  configurationChanged(): void {
    this.configs.clear();
  }

  private async read(fileName: string): Promise<boolean> {
    const uri = pathToUri(fileName);
    const open = this.context.documents.get(uri);
    const config = await this.configFor(uri);
    if (ignoredByConfig(config, fileName)) {
      return this.index.remove(fileName);
    }
    if (open) {
      return this.index.update(fileName, open.getText(), {}, open.languageId);
    }
    try {
      const stat = await fs.stat(fileName);
      if (!stat.isFile() || stat.size > config.maxFileSize) {
        return this.index.remove(fileName);
      }
      return this.index.update(fileName, await fs.readFile(fileName, "utf8"));
    } catch {
      return this.index.remove(fileName);
    }
  }

  /**
   * Whether other files can change what is reported in `uri`. Cross-file findings sit on a KMS
   * call, a call of a possible wrapper or helper, or a policy statement of the document itself,
   * so a document whose index entry has none of them (most files of a project) keeps its
   * findings when other files change, and is not analysed again.
   */
  private mayHaveWorkspaceFindings(uri: string): boolean {
    const fileName = uriToPath(uri);
    const entry = fileName ? this.index.file(fileName) : undefined;
    if (!entry) {
      return true;
    }
    return entry.uses.length > 0 || entry.candidates.length > 0 || entry.statements.length > 0;
  }

  private configFor(uri: string): Promise<ResolvedConfig> {
    const folder = this.context.settings.folderOf(uri) ?? "";
    let pending = this.configs.get(folder);
    if (!pending) {
      pending = this.context.settings.configFor(uri);
      this.configs.set(folder, pending);
    }
    return pending;
  }

  /**
   * Re-analyses open documents (except the one whose edit caused the change, which is being
   * analysed already) and tells the client its context map is stale, once the index has been
   * quiet for a moment: a burst of keystrokes or watcher events costs one round.
   */
  private indexChanged(causedByUri: string | undefined): void {
    if (causedByUri) {
      this.skipUris.add(causedByUri);
    } else {
      this.republishAll = true;
    }

    const now = Date.now();
    this.firstUnpublishedChange ??= now;
    const latest = this.firstUnpublishedChange + REPUBLISH_MAX_WAIT_MS;
    clearTimeout(this.republishTimer);
    this.republishTimer = setTimeout(
      () => this.republish(),
      Math.max(0, Math.min(REPUBLISH_QUIET_MS, latest - now)),
    );
  }

  private republish(): void {
    this.republishTimer = undefined;
    this.firstUnpublishedChange = undefined;
    // A document that changed the index already saw its own change, but not one made after
    // it by another document: skipping is only safe when a single document caused them all.
    const skip =
      this.republishAll || this.skipUris.size !== 1 ? new Set<string>() : new Set(this.skipUris);
    this.skipUris.clear();
    this.republishAll = false;
    for (const document of this.context.documents.all()) {
      if (!skip.has(document.uri) && this.mayHaveWorkspaceFindings(document.uri)) {
        this.context.analyses.schedule(document);
      }
    }
    void this.context.connection.sendNotification(CONTEXT_MAP_CHANGED_NOTIFICATION);
  }
}
