import * as v8 from "node:v8";

/** How long the server must have been quiet before it collects. */
const QUIET_MS = 500;

/** How much the heap must have grown since the last collection to make one worth it. */
const MIN_GROWTH_BYTES = 16 * 1024 * 1024;

/**
 * Runs one full, compacting garbage collection when the server goes quiet after a burst of
 * work (indexing a workspace, analysing thousands of opened documents).
 *
 * Such a burst promotes many short-lived objects (syntax trees, findings) to the old
 * generation. V8 only runs a full collection when the old generation is about to grow again,
 * so after the burst their pages stay committed for as long as the server runs: with 5,000
 * open files about a third of the old generation is garbage that the process still holds. One
 * collection once the work is over gives those pages back to the system.
 *
 * The collection runs only after `QUIET_MS` without work and only when the heap grew by
 * `MIN_GROWTH_BYTES` since the last one, so typing (a few analyses at a time, most of their
 * garbage collected young) never pays for it.
 */
export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;
  private heapAfterLastCollection: number;

  /** The defaults are V8's; tests pass their own collection, heap size and delay. */
  constructor(
    private readonly collect: (() => void) | undefined = v8Collector(),
    private readonly heapSize = () => v8.getHeapStatistics().total_heap_size,
    private readonly quietMs = QUIET_MS,
  ) {
    this.heapAfterLastCollection = heapSize();
  }

  /** Work just finished; collects once the server has stayed quiet for a moment. */
  workDone(): void {
    if (!this.collect) {
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.collectIfGrown(), this.quietMs);
    // A pending collection must not keep a shutting-down server alive.
    this.timer.unref();
  }

  private collectIfGrown(): void {
    this.timer = undefined;
    if (this.heapSize() - this.heapAfterLastCollection < MIN_GROWTH_BYTES) {
      return;
    }
    this.collect?.();
    this.heapAfterLastCollection = this.heapSize();
  }
}

/**
 * V8's full, compacting collection, or undefined when the runtime does not expose `gc`. The
 * extension and the bench start the server with `--expose-gc`; a server started without it
 * (another editor's plain `node` command) simply keeps V8's own schedule. Taking `gc` from the
 * global object, rather than turning the flag on at run time, keeps the server free of any code
 * evaluation.
 */
export function v8Collector(globalObject: { gc?: unknown } = globalThis): (() => void) | undefined {
  const gc = globalObject.gc;
  if (typeof gc !== "function") {
    return undefined;
  }
  return () => {
    // A plain full collection frees objects but compacts only pages V8 finds fragmented
    // enough, which leaves a third of the old generation committed as gaps between live
    // objects; this one collection moves them together so whole pages are given back.
    v8.setFlagsFromString("--compact-on-every-full-gc");
    try {
      gc();
    } finally {
      v8.setFlagsFromString("--no-compact-on-every-full-gc");
    }
  };
}
