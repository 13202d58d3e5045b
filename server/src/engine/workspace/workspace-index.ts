import * as path from "node:path";
import { resolveConfig, type ResolvedConfig } from "../config";
import { LineIndex } from "../line-index";
import { ignorePathMatches } from "../suppressions";
import type { DocumentInput, EngineLogger, Range } from "../types";
import type { SentContextKey, WorkspaceFacts } from "../workspace-facts";
import { buildIndexedFile, type KnownModels } from "./build-entry";
import { literalKeyGroup } from "./key-groups";
import type { ResolvedUse } from "./resolved";
import type { IndexedFile, IndexedStatement } from "./types";
import { UseResolution } from "./use-resolution";

/** Options of a workspace index. */
export interface WorkspaceIndexOptions {
  config?: ResolvedConfig;
  logger?: EngineLogger;
  /** Files the configuration ignores entirely; they are never indexed. */
  isIgnored?: (fileName: string) => boolean;
}

/** A policy statement together with the file it is in. */
export interface LocatedStatement {
  fileName: string;
  statement: IndexedStatement;
}

/**
 * The index of every KMS use and every policy statement in a workspace.
 *
 * Updating a file re-reads that file only; what other files mean for it (imported contexts,
 * helpers, wrappers) is resolved lazily when a rule or the map asks, and only for the files
 * the change can affect (see `UseResolution`). File names are compared after `path.resolve`,
 * so relative and absolute names of one file agree.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private readonly config: ResolvedConfig;
  private readonly logger: EngineLogger;
  private readonly isIgnored: (fileName: string) => boolean;
  private generationCounter = 0;
  private readonly resolution = new UseResolution(this.files);
  /** The indexed paths in order; dropped only when a file is added or removed, not on edits. */
  private sortedKeys: string[] | undefined;
  private statementList: { generation: number; statements: LocatedStatement[] } | undefined;
  private readonly lineIndexes = new WeakMap<IndexedFile, LineIndex>();

  constructor(options: WorkspaceIndexOptions = {}) {
    this.config = options.config ?? resolveConfig();
    this.logger = options.logger ?? { warn: () => undefined };
    this.isIgnored = options.isIgnored ?? (() => false);
  }

  /** Increases on every change; views computed for an older generation are stale. */
  get generation(): number {
    return this.generationCounter;
  }

  /** How many files are indexed. */
  get size(): number {
    return this.files.size;
  }

  /**
   * Indexes `fileName` with `text`, replacing what was there. Returns false (and changes
   * nothing) when the text is the one already indexed. A file the configuration ignores is
   * removed instead.
   */
  update(fileName: string, text: string, known: KnownModels = {}, languageId?: string): boolean {
    const key = path.resolve(fileName);
    if (this.isIgnored(fileName)) {
      return this.remove(fileName);
    }
    if (this.files.get(key)?.text === text) {
      return false;
    }
    if (!this.files.has(key)) {
      this.sortedKeys = undefined;
    }
    const limits = { maxFileSize: this.config.maxFileSize, logger: this.logger };
    this.files.set(key, buildIndexedFile(fileName, text, limits, known, languageId));
    this.changed();
    this.resolution.changed(key);
    return true;
  }

  /** Drops a deleted file. Returns whether it was indexed. */
  remove(fileName: string): boolean {
    const key = path.resolve(fileName);
    const removed = this.files.get(key);
    if (!removed) {
      return false;
    }
    this.files.delete(key);
    this.sortedKeys = undefined;
    this.changed();
    this.resolution.changed(key, removed.fileName);
    return true;
  }

  /** Moves a renamed file; imports of its old name stop resolving, as they do for the compiler. */
  rename(oldName: string, newName: string, text?: string): void {
    const previous = this.files.get(path.resolve(oldName));
    this.remove(oldName);
    const newText = text ?? previous?.text;
    if (newText !== undefined) {
      this.update(newName, newText);
    }
  }

  /** Empties the index. */
  clear(): void {
    this.files.clear();
    this.sortedKeys = undefined;
    this.changed();
    this.resolution.clear();
  }

  has(fileName: string): boolean {
    return this.files.has(path.resolve(fileName));
  }

  /** The entry of one file, if indexed. */
  file(fileName: string): IndexedFile | undefined {
    return this.files.get(path.resolve(fileName));
  }

  /** The names of every indexed file, as they were given. */
  fileNames(): string[] {
    return this.orderedKeys().map((key) => this.files.get(key)!.fileName);
  }

  /** Every KMS use in the workspace, resolved across modules. */
  uses(): ResolvedUse[] {
    return this.resolution.uses(this.orderedKeys());
  }

  /** The resolved uses whose call site is in `fileName`. */
  usesIn(fileName: string): ResolvedUse[] {
    return this.resolution.usesIn(path.resolve(fileName), this.orderedKeys());
  }

  /** Every policy statement in the workspace. */
  statements(): LocatedStatement[] {
    if (this.statementList?.generation !== this.generationCounter) {
      const statements = this.orderedKeys().flatMap((key) => {
        const file = this.files.get(key)!;
        return file.statements.map((statement) => ({ fileName: file.fileName, statement }));
      });
      this.statementList = { generation: this.generationCounter, statements };
    }
    return this.statementList.statements;
  }

  /** The range of a span in an indexed file (zero-based, like every engine range). */
  rangeOf(fileName: string, start: number, end: number): Range {
    const file = this.file(fileName);
    if (!file) {
      return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    }
    let lines = this.lineIndexes.get(file);
    if (!lines) {
      lines = new LineIndex(file.text);
      this.lineIndexes.set(file, lines);
    }
    return lines.rangeOf(start, end);
  }

  /** The statements of one file. */
  statementsIn(fileName: string): IndexedStatement[] {
    return this.file(fileName)?.statements ?? [];
  }

  /** The index as the engine's `WorkspaceFacts`, for rules and policy quick-fixes. */
  facts(): WorkspaceFacts {
    return {
      index: this,
      sentContextKeys: (keyReference?: string) => this.sentContextKeys(keyReference),
      syncDocument: (document: DocumentInput, known: KnownModels) => {
        this.update(document.fileName, document.text, known, document.languageId);
      },
    };
  }

  /**
   * The context keys the code sends, most used first, with their literal values. With a key
   * reference (an alias, key ARN or id, or `env:NAME`), only uses of that key; `*` or nothing
   * means every use.
   */
  sentContextKeys(keyReference?: string): SentContextKey[] {
    const group =
      keyReference === undefined || keyReference === "*"
        ? undefined
        : keyReference.startsWith("env:")
          ? keyReference
          : literalKeyGroup(keyReference);
    const byKey = new Map<string, { count: number; values: Map<string, number> }>();

    for (const use of this.uses()) {
      for (const context of use.contexts) {
        if (group !== undefined && context.keyGroup !== group) {
          continue;
        }
        if (context.context.kind !== "known") {
          continue;
        }
        for (const entry of context.context.entries) {
          if (entry.key === undefined) {
            continue;
          }
          const slot = byKey.get(entry.key) ?? { count: 0, values: new Map<string, number>() };
          slot.count++;
          if (entry.value.kind === "string") {
            slot.values.set(entry.value.value, (slot.values.get(entry.value.value) ?? 0) + 1);
          }
          byKey.set(entry.key, slot);
        }
      }
    }

    return [...byKey.entries()]
      .map(([key, slot]) => ({
        key,
        count: slot.count,
        values: [...slot.values.entries()]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([value]) => value),
      }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  }

  private changed(): void {
    this.generationCounter++;
  }

  /**
   * The indexed paths in order. Files arrive in whatever order their reads complete, and
   * everything derived from the index (the map, related locations, "first:" in messages) must
   * not depend on that, so every walk over the files goes in this order.
   */
  private orderedKeys(): string[] {
    this.sortedKeys ??= [...this.files.keys()].sort();
    return this.sortedKeys;
  }
}

/**
 * Whether the configuration ignores a file entirely: an `ignore` entry with neither codes nor
 * a statement. Such files are left out of the index, as they are out of the findings.
 */
export function ignoredByConfig(config: ResolvedConfig, fileName: string): boolean {
  return config.ignore.some(
    (entry) =>
      (entry.codes === undefined || entry.codes.length === 0) &&
      entry.statement === undefined &&
      ignorePathMatches(entry, fileName),
  );
}

/** One file to index: its name and text. */
export interface WorkspaceFile {
  fileName: string;
  text: string;
}

/**
 * Indexes a whole set of files at once (the CLI's directory scan, the benchmark's 5,000
 * generated files) and resolves the cross-file uses, so the returned index is ready to query.
 */
export function indexWorkspace(
  files: Iterable<WorkspaceFile>,
  options: WorkspaceIndexOptions = {},
): WorkspaceIndex {
  const index = new WorkspaceIndex(options);
  for (const file of files) {
    index.update(file.fileName, file.text);
  }
  index.uses();
  return index;
}
