import type { ResolvedUse } from "./resolved";
import { assembleUses, resolveFileUses, wrappedUses, type FileUses } from "./resolve-uses";
import { lookupBasesOf, Resolver } from "./resolver";
import type { DirectUse, IndexedFile } from "./types";

interface KeptFileUses extends FileUses {
  /** The base path of every module lookup resolving this file made, found or not. */
  lookups: string[];
}

/** What the whole workspace resolves to, assembled from the files' kept resolutions. */
interface WorkspaceView {
  uses: ResolvedUse[];
  wrapped: Set<DirectUse>;
  byFile: Map<string, ResolvedUse[]>;
}

/**
 * The resolved uses of a workspace, kept per file between changes.
 *
 * What a file resolves to depends on the file itself and on the index paths its resolution
 * looked up (imports, re-exports, helpers and wrappers, followed as far as they go, and the
 * paths tried where no file was found). So when a path is added, edited or removed, only the
 * resolutions of that file and of the files that looked that path up are redone; every other
 * file's is reused, and the result is the one a full re-resolution would give.
 */
export class UseResolution {
  private readonly kept = new Map<string, KeptFileUses>();
  /** Base path of a module lookup → the files whose kept resolution made it. */
  private readonly readers = new Map<string, Set<string>>();
  private readonly directories = new Map<string, string>();
  private readonly resolver: Resolver;
  private recording: string[] | undefined;
  private view: WorkspaceView | undefined;

  /** `files` is the index's own map, read as it changes. */
  constructor(private readonly files: ReadonlyMap<string, IndexedFile>) {
    this.resolver = new Resolver(files, {
      directories: this.directories,
      onLookup: (base) => {
        if (this.recording && !this.recording.includes(base)) {
          this.recording.push(base);
        }
      },
    });
  }

  /** The file at `key` was added, edited or removed (`fileName` is its name when removed). */
  changed(key: string, removedFileName?: string): void {
    this.view = undefined;
    this.forget(key);
    for (const base of lookupBasesOf(key)) {
      for (const reader of [...(this.readers.get(base) ?? [])]) {
        this.forget(reader);
      }
    }
    if (removedFileName !== undefined) {
      this.directories.delete(removedFileName);
    }
  }

  /** Forgets everything; the next query resolves every file again. */
  clear(): void {
    this.kept.clear();
    this.readers.clear();
    this.directories.clear();
    this.view = undefined;
  }

  /**
   * Every resolved use, given the indexed paths in order: each file's wrapper calls, then each
   * file's direct uses that no wrapper call reaches.
   */
  uses(sortedKeys: readonly string[]): ResolvedUse[] {
    return this.workspaceView(sortedKeys).uses;
  }

  /** The resolved uses whose call site is in the file at `key`, in text order. */
  usesIn(key: string, sortedKeys: readonly string[]): ResolvedUse[] {
    const view = this.workspaceView(sortedKeys);
    let list = view.byFile.get(key);
    if (!list) {
      const file = this.files.get(key);
      const own = file ? this.fileUses(key, file) : { wrapperCalls: [], direct: [] };
      list = [
        ...own.wrapperCalls.map((call) => call.resolved),
        ...own.direct.filter(({ use }) => !view.wrapped.has(use)).map(({ resolved }) => resolved),
      ].sort((a, b) => a.start - b.start);
      view.byFile.set(key, list);
    }
    return list;
  }

  private workspaceView(sortedKeys: readonly string[]): WorkspaceView {
    if (!this.view) {
      const perFile = sortedKeys.map((key) => this.fileUses(key, this.files.get(key)!));
      const wrapped = wrappedUses(perFile);
      this.view = { uses: assembleUses(perFile, wrapped), wrapped, byFile: new Map() };
    }
    return this.view;
  }

  private fileUses(key: string, file: IndexedFile): KeptFileUses {
    let kept = this.kept.get(key);
    if (!kept) {
      const lookups: string[] = [];
      this.recording = lookups;
      try {
        kept = { ...resolveFileUses(file, this.resolver), lookups };
      } finally {
        this.recording = undefined;
      }
      this.kept.set(key, kept);
      for (const base of lookups) {
        let readers = this.readers.get(base);
        if (!readers) {
          readers = new Set();
          this.readers.set(base, readers);
        }
        readers.add(key);
      }
    }
    return kept;
  }

  private forget(key: string): void {
    const kept = this.kept.get(key);
    if (!kept) {
      return;
    }
    this.kept.delete(key);
    for (const base of kept.lookups) {
      const readers = this.readers.get(base);
      readers?.delete(key);
      if (readers?.size === 0) {
        this.readers.delete(base);
      }
    }
  }
}
