import assert from "node:assert/strict";
import { test } from "node:test";
import { fuzzCaseArbitrary, randomTextCaseArbitrary } from "./cases";
import { loadSeeds } from "./corpus";
import { checkDocument } from "./properties";
import { formatStats, runFuzz } from "./runner";

/**
 * The CI share of the fuzz campaign: a few thousand cases with a fixed seed, so a failure
 * reproduces exactly. `npm run fuzz -- --runs 100000` runs the long campaign on the same
 * properties (see campaign.ts).
 */
const SEED = 20261203;
const RUNS = { code: 1200, json: 800, yaml: 800, random: 400 };

const seeds = loadSeeds();

// The first TypeScript parse and YAML compose pay for JIT warm-up; keep that out of the
// one-second-per-input property.
for (const seed of [...seeds.code, ...seeds.json, ...seeds.yaml].slice(0, 20)) {
  checkDocument(seed.fileName, seed.text);
}

for (const family of ["code", "json", "yaml"] as const) {
  test(`mutated ${family} documents: no exception, ranges inside, under 1 s, deterministic`, () => {
    assert.ok(seeds[family].length > 0, `no ${family} seeds`);

    const run = runFuzz(fuzzCaseArbitrary(seeds[family]), { seed: SEED, numRuns: RUNS[family] });

    console.log(formatStats(`fuzz ${family} (${seeds[family].length} seeds)`, run.stats));
    assert.equal(run.failure, undefined, run.failure);
    assert.equal(run.stats.cases, RUNS[family]);
    // The mutations must leave enough intact for rules to fire, or the suite tests only parsers.
    assert.ok(run.stats.findings > 0, `no ${family} case reached a rule`);
  });
}

test("arbitrary text under every kind of file name: same properties", () => {
  const run = runFuzz(randomTextCaseArbitrary, { seed: SEED, numRuns: RUNS.random });

  console.log(formatStats("fuzz random text", run.stats));
  assert.equal(run.failure, undefined, run.failure);
  assert.equal(run.stats.cases, RUNS.random);
});
