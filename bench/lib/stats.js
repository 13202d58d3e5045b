// @ts-check
// Small statistics helpers: every figure the bench prints is a median over rounds, a
// percentile over samples, or a ratio of two medians measured in the same run.

/** @param {number[]} values */
function median(values) {
  return percentile(values, 50);
}

/**
 * Nearest-rank percentile, the definition latency reports usually use: p95 of 200 samples is
 * the 190th smallest.
 * @param {number[]} values
 * @param {number} p
 */
function percentile(values, p) {
  if (values.length === 0) {
    return NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/**
 * Least-squares slope of log(time) over log(size): 1 is linear, 2 quadratic.
 * @param {{ size: number, time: number }[]} points
 */
function fitExponent(points) {
  const xs = points.map((point) => Math.log(point.size));
  const ys = points.map((point) => Math.log(point.time));
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  let numerator = 0;
  let denominator = 0;
  for (let index = 0; index < xs.length; index++) {
    numerator += (xs[index] - meanX) * (ys[index] - meanY);
    denominator += (xs[index] - meanX) ** 2;
  }
  return numerator / denominator;
}

/**
 * Milliseconds since an arbitrary origin, with sub-millisecond resolution: wall time by
 * default; with BENCH_CLOCK=cpu, the CPU time of this process (user + system), which stays
 * meaningful on a machine busy with other work. Protocol figures always use wall time.
 */
const now =
  process.env.BENCH_CLOCK === "cpu"
    ? () => {
        const usage = process.cpuUsage();
        return (usage.user + usage.system) / 1000;
      }
    : () => performance.now();

/** Wall-clock milliseconds, whatever BENCH_CLOCK says: what a user waits. */
function wallNow() {
  return performance.now();
}

/** Collects garbage between measurements when node runs with --expose-gc. */
function collectGarbage() {
  if (typeof globalThis.gc === "function") {
    globalThis.gc();
  }
}

/**
 * Runs each named variant to warm up (at least `warmup` calls and `warmupMs` milliseconds:
 * TypeScript's parser needs dozens of calls before the JIT settles), then `rounds` times, interleaved and in an order that
 * alternates every round so that drift (thermal, other processes) hits all variants alike.
 * A variant that takes less than `minSampleMs` is repeated inside each sample and the sample
 * divided by the repeat count, so that timer resolution and stray pauses do not dominate.
 * Returns the median time of one call of each variant in milliseconds, and every sample.
 * @param {Record<string, () => void>} variants
 * @param {{ rounds: number, warmup?: number, warmupMs?: number, minSampleMs?: number }} options
 */
function compareVariants(variants, options) {
  const names = Object.keys(variants);
  const minSampleMs = options.minSampleMs ?? 50;

  /** @type {Record<string, number>} */
  const repeats = {};
  for (const name of names) {
    let last = 0;
    const warmupStart = now();
    for (
      let index = 0;
      index < Math.max(1, options.warmup ?? 1) || now() - warmupStart < (options.warmupMs ?? 1000);
      index++
    ) {
      const start = now();
      variants[name]();
      last = now() - start;
    }
    repeats[name] = Math.max(1, Math.min(1000, Math.ceil(minSampleMs / Math.max(last, 0.001))));
    // Warm up at the repeat count too, so the first timed sample is not the one that
    // finally gets the code optimised.
    for (let index = 0; index < repeats[name]; index++) {
      variants[name]();
    }
  }

  /** @type {Record<string, number[]>} */
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      collectGarbage();
      const start = now();
      for (let index = 0; index < repeats[name]; index++) {
        variants[name]();
      }
      samples[name].push((now() - start) / repeats[name]);
    }
  }

  /** @type {Record<string, number>} */
  const medians = Object.fromEntries(names.map((name) => [name, median(samples[name])]));
  return { medians, samples, repeats };
}

/**
 * Rounds a figure for display and for results.json.
 * @param {number} value
 * @param {number} [digits]
 */
function round(value, digits = 3) {
  if (!Number.isFinite(value)) {
    return value;
  }
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

module.exports = {
  median,
  percentile,
  fitExponent,
  now,
  wallNow,
  collectGarbage,
  compareVariants,
  round,
};
