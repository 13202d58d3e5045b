import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
// The module object itself, so mocking a method reaches the collector's import too.
import v8 from "node:v8";
import { IdleCollector, v8Collector } from "../../src/server/idle-collector";

const MB = 1024 * 1024;
const QUIET_MS = 20;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A collector over a fake heap whose size the test sets; collecting shrinks it to `after`. */
function fakeHeap(after: number) {
  const state = { size: 10 * MB, collections: 0 };
  const collector = new IdleCollector(
    () => {
      state.collections++;
      state.size = after;
    },
    () => state.size,
    QUIET_MS,
  );
  return { state, collector };
}

describe("IdleCollector", () => {
  it("collects once when the server goes quiet after the heap grew", async () => {
    const { state, collector } = fakeHeap(20 * MB);
    state.size = 60 * MB;
    collector.workDone();
    collector.workDone();
    collector.workDone();
    await wait(QUIET_MS * 4);
    assert.equal(state.collections, 1);
    assert.equal(state.size, 20 * MB);
  });

  it("waits while work keeps coming", async () => {
    const { state, collector } = fakeHeap(20 * MB);
    state.size = 60 * MB;
    for (let turn = 0; turn < 5; turn++) {
      collector.workDone();
      await wait(QUIET_MS / 4);
    }
    assert.equal(state.collections, 0);
    await wait(QUIET_MS * 4);
    assert.equal(state.collections, 1);
  });

  it("does not collect when the heap barely grew since the last collection", async () => {
    const { state, collector } = fakeHeap(20 * MB);
    state.size = 60 * MB;
    collector.workDone();
    await wait(QUIET_MS * 4);
    state.size = 30 * MB;
    collector.workDone();
    await wait(QUIET_MS * 4);
    assert.equal(state.collections, 1);
  });

  it("has no collection when the runtime exposes no gc", () => {
    assert.equal(v8Collector({}), undefined);
    assert.equal(v8Collector({ gc: "not a function" }), undefined);
  });

  it("runs the exposed gc, compacting only for that one collection", (t) => {
    // V8 flags cannot be read back, so the test records the order of flag changes and calls.
    const events: string[] = [];
    t.mock.method(v8, "setFlagsFromString", (flags: string) => events.push(flags));
    const collect = v8Collector({ gc: () => events.push("gc") });
    assert.ok(collect);

    collect();

    assert.deepEqual(events, ["--compact-on-every-full-gc", "gc", "--no-compact-on-every-full-gc"]);
  });

  it("frees unreachable objects with the gc of a server started with --expose-gc", () => {
    const collectorModule = JSON.stringify(require.resolve("../../src/server/idle-collector"));
    const script = `
      const { v8Collector } = require(${collectorModule});
      const collect = v8Collector();
      let target = { payload: "x".repeat(1000) };
      const ref = new WeakRef(target);
      target = undefined;
      // A WeakRef keeps its target until the job that created it ends.
      setTimeout(() => {
        collect();
        process.stdout.write(String(ref.deref() === undefined));
      }, 0);
    `;
    const result = spawnSync(process.execPath, ["--expose-gc", "-e", script], {
      encoding: "utf8",
    });
    assert.equal(result.stderr, "");
    assert.equal(result.stdout, "true");
  });
});
