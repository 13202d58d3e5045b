import assert from "node:assert/strict";
import * as path from "node:path";
import { after, test } from "node:test";
import { Worker } from "node:worker_threads";
import type { WorkerAnalysis } from "../support/analyze-worker";
import { hostileFiles } from "../support/hostile-files";

/**
 * Each pathological file is analysed in a worker thread with a memory cap, twice (the second
 * run is where a parser that half-recovered from a stack overflow would abort the process),
 * under a time limit. Files over the size or nesting limits must be skipped with exactly their
 * reason and no log line (the caller logs the skip once); the others are analysed as usual.
 */
const MEMORY_LIMIT_MB = 384;
const TIME_LIMIT_MS = 15000;
const SKIP_TIME_LIMIT_MS = 250;

const hostile = hostileFiles();
after(() => hostile.remove());

function analyzeInWorker(file: string, runs: number): Promise<WorkerAnalysis[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, "..", "support", "analyze-worker.js"), {
      workerData: { file, runs },
      resourceLimits: { maxOldGenerationSizeMb: MEMORY_LIMIT_MB },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`${path.basename(file)} took more than ${TIME_LIMIT_MS} ms`));
    }, TIME_LIMIT_MS);
    worker.once("message", (results: WorkerAnalysis[]) => {
      clearTimeout(timer);
      resolve(results);
    });
    worker.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

for (const file of hostile.files) {
  test(`hostile input ${file.name}: bounded time and memory, ${file.expectedSkip ?? "analysed"}`, async () => {
    const [first, second] = await analyzeInWorker(file.path, 2);

    assert.equal(first.skipped, file.expectedSkip);
    assert.deepEqual(
      first.findings.map((finding) => `${finding.code}@${finding.line}:${finding.character}`),
      file.expectedFindings,
    );
    assert.deepEqual(second, { ...first, durationMs: second.durationMs });
    assert.deepEqual(first.logs, []);
    // The size, binary and nesting checks run before any parser, so those skips are instant;
    // a stack overflow is only found by parsing.
    if (file.expectedSkip && !file.expectedSkip.includes("stack overflow")) {
      assert.ok(first.durationMs < SKIP_TIME_LIMIT_MS, `skipping took ${first.durationMs} ms`);
    }
    console.log(
      `${file.name}: ${first.durationMs.toFixed(0)} ms, ${first.findings.length} findings`,
    );
  });
}
