import assert from "node:assert/strict";
import { describe, it } from "node:test";
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

  it("gets V8's full collection without a command-line flag", async () => {
    const collect = v8Collector();
    assert.ok(collect);
    let target: object | undefined = { payload: "x".repeat(1000) };
    const ref = new WeakRef(target);
    target = undefined;
    // A WeakRef keeps its target for the rest of the job that created or read it.
    await wait(0);
    collect();
    assert.equal(ref.deref(), undefined);
  });
});
