/**
 * Runs one analysis inside a worker thread, so a test can bound its memory (the worker's
 * resource limits) and its time (terminate the worker) instead of trusting the engine.
 * Receives `{ file, runs }`, reads the file as UTF-8 the way the CLI does, and posts back
 * what happened.
 */
import * as fs from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { analyzeDocument } from "../../src/engine/analyze";

/** What the worker reports for each run. */
export interface WorkerAnalysis {
  skipped?: string;
  findings: { code: string; line: number; character: number }[];
  logs: string[];
  durationMs: number;
}

const { file, runs } = workerData as { file: string; runs: number };
const text = fs.readFileSync(file, "utf8");
const results: WorkerAnalysis[] = [];

for (let run = 0; run < runs; run++) {
  const logs: string[] = [];
  const started = performance.now();
  const result = analyzeDocument(
    { fileName: file, text },
    { logger: { warn: (message) => logs.push(message) } },
  );
  results.push({
    skipped: result.skipped,
    findings: result.findings.map((finding) => ({
      code: finding.code,
      line: finding.range.start.line,
      character: finding.range.start.character,
    })),
    logs,
    durationMs: performance.now() - started,
  });
}

parentPort!.postMessage(results);
