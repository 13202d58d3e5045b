import fc from "fast-check";
import { resolveConfig } from "../../src/engine/config";
import type { FuzzCase } from "./cases";
import { checkDocument } from "./properties";

/** What one fuzz run measured. */
export interface FuzzStats {
  cases: number;
  totalMs: number;
  slowestMs: number;
  slowestCase?: string;
  skipped: number;
  findings: number;
}

/** The outcome of a run: statistics, and a readable report when a property failed. */
export interface FuzzRun {
  stats: FuzzStats;
  failure?: string;
}

function describeCase(fuzzCase: FuzzCase): string {
  const mutations = fuzzCase.mutations.map((mutation) => JSON.stringify(mutation)).join(", ");
  return `${fuzzCase.fileName} (from ${fuzzCase.seedName}; ${mutations || "no mutation"})`;
}

/**
 * Checks the reliability properties on `numRuns` cases drawn from `arbitrary` with a fixed
 * `seed`, so a failure is reproducible from the seed and the path fast-check prints.
 */
export function runFuzz(
  arbitrary: fc.Arbitrary<FuzzCase>,
  options: { seed: number; numRuns: number },
): FuzzRun {
  const stats: FuzzStats = { cases: 0, totalMs: 0, slowestMs: 0, skipped: 0, findings: 0 };
  const started = performance.now();

  const details = fc.check(
    fc.property(arbitrary, (fuzzCase) => {
      const outcome = checkDocument(fuzzCase.fileName, fuzzCase.text, {
        config: resolveConfig(fuzzCase.config),
      });
      stats.cases++;
      stats.findings += outcome.findings;
      stats.skipped += outcome.skipped ? 1 : 0;
      if (outcome.durationMs > stats.slowestMs) {
        stats.slowestMs = outcome.durationMs;
        stats.slowestCase = describeCase(fuzzCase);
      }
    }),
    { seed: options.seed, numRuns: options.numRuns },
  );

  stats.totalMs = performance.now() - started;
  if (!details.failed) {
    return { stats };
  }

  const counterexample = details.counterexample?.[0] as FuzzCase | undefined;
  const error = details.errorInstance;
  const failure = [
    fc.defaultReportMessage(details) ?? "property failed",
    error instanceof Error ? `Error: ${error.message}` : "",
    counterexample ? `Input: ${describeCase(counterexample)}` : "",
    counterexample ? `Text: ${JSON.stringify(counterexample.text.slice(0, 2000))}` : "",
  ]
    .filter(Boolean)
    .join("\n");
  return { stats, failure };
}

/** One line summarising a run, for test output and the campaign. */
export function formatStats(label: string, stats: FuzzStats): string {
  const perCase = stats.cases > 0 ? stats.totalMs / stats.cases : 0;
  return (
    `${label}: ${stats.cases} cases in ${(stats.totalMs / 1000).toFixed(1)} s ` +
    `(${perCase.toFixed(2)} ms/case incl. two analyses each), slowest ${stats.slowestMs.toFixed(0)} ms, ` +
    `${stats.skipped} skipped, ${stats.findings} findings`
  );
}
