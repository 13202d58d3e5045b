/**
 * The long fuzz campaign: `npm run fuzz -- --runs 100000 [--seed N] [--family code|json|yaml|random]`.
 * Runs the same properties as the CI share (fuzz.test.ts) on many more cases, split across the
 * families in the same proportions, prints what it measured, and exits 1 with a reproducible
 * report (seed, counterexample) on the first failure.
 */
import { fuzzCaseArbitrary, randomTextCaseArbitrary } from "./cases";
import { loadSeeds } from "./corpus";
import { formatStats, runFuzz } from "./runner";

type Family = "code" | "json" | "yaml" | "random";
const SHARES: Record<Family, number> = { code: 0.375, json: 0.25, yaml: 0.25, random: 0.125 };

interface CampaignOptions {
  runs: number;
  seed: number;
  families: Family[];
}

function parseArguments(argv: string[]): CampaignOptions {
  const options: CampaignOptions = {
    runs: 10000,
    seed: Date.now() % 2 ** 31,
    families: Object.keys(SHARES) as Family[],
  };
  for (let index = 0; index < argv.length; index++) {
    const [name, inlineValue] = argv[index].split("=", 2);
    const value = () => inlineValue ?? argv[++index];
    if (name === "--runs") {
      options.runs = Number(value());
    } else if (name === "--seed") {
      options.seed = Number(value());
    } else if (name === "--family") {
      options.families = value().split(",") as Family[];
    } else {
      throw new Error(`unknown argument ${argv[index]}`);
    }
  }
  if (!Number.isInteger(options.runs) || options.runs <= 0) {
    throw new Error("--runs takes a positive whole number");
  }
  if (!Number.isInteger(options.seed)) {
    throw new Error("--seed takes a whole number");
  }
  if (options.families.some((family) => !(family in SHARES))) {
    throw new Error(`--family takes any of ${Object.keys(SHARES).join(", ")}`);
  }
  return options;
}

function main(): number {
  let options: CampaignOptions;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`fuzz: ${(error as Error).message}`);
    return 2;
  }

  const seeds = loadSeeds();
  const totalShare = options.families.reduce((sum, family) => sum + SHARES[family], 0);
  console.log(
    `fuzz campaign: ${options.runs} cases, seed ${options.seed}, ` +
      `${seeds.code.length} code / ${seeds.json.length} JSON / ${seeds.yaml.length} YAML seeds`,
  );

  for (const family of options.families) {
    const numRuns = Math.max(1, Math.round((options.runs * SHARES[family]) / totalShare));
    const arbitrary =
      family === "random" ? randomTextCaseArbitrary : fuzzCaseArbitrary(seeds[family]);
    const run = runFuzz(arbitrary, { seed: options.seed, numRuns });

    console.log(formatStats(family, run.stats));
    if (run.stats.slowestCase) {
      console.log(`  slowest: ${run.stats.slowestCase}`);
    }
    if (run.failure) {
      console.error(`\n${family} FAILED (rerun with --seed ${options.seed} --family ${family}):`);
      console.error(run.failure);
      return 1;
    }
  }
  return 0;
}

process.exitCode = main();
