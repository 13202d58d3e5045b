import * as fs from "node:fs";
import * as path from "node:path";
import { fixturePath } from "../support/paths";
import { builtInSeeds, type SeedDocument } from "./seeds";

/** The three families the fuzz suite mutates separately, so each gets its share of cases. */
export type SeedFamily = "code" | "json" | "yaml";

const FAMILY_BY_EXTENSION: Record<string, SeedFamily> = {
  ".ts": "code",
  ".tsx": "code",
  ".mts": "code",
  ".cts": "code",
  ".js": "code",
  ".jsx": "code",
  ".mjs": "code",
  ".cjs": "code",
  ".json": "json",
  ".template": "json",
  ".yaml": "yaml",
  ".yml": "yaml",
};

/** Fixtures above this size are not mutated: each case must stay a few milliseconds. */
const MAX_SEED_BYTES = 128 * 1024;

/** The family a file belongs to by its extension, if any. */
export function familyOf(fileName: string): SeedFamily | undefined {
  return FAMILY_BY_EXTENSION[path.extname(fileName).toLowerCase()];
}

function listFiles(directory: string): string[] {
  if (!fs.existsSync(directory)) {
    return [];
  }
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(directory, entry.name);
      return entry.isDirectory() ? listFiles(full) : entry.isFile() ? [full] : [];
    })
    .sort();
}

/**
 * Every fixture under `test-fixtures/` plus the built-in seeds, grouped by family. Fixture
 * names are kept relative so a failure report says which fixture was mutated.
 */
export function loadSeeds(): Record<SeedFamily, SeedDocument[]> {
  const seeds: Record<SeedFamily, SeedDocument[]> = { code: [], json: [], yaml: [] };
  const root = fixturePath();

  for (const file of listFiles(root)) {
    const family = familyOf(file);
    if (!family || fs.statSync(file).size > MAX_SEED_BYTES) {
      continue;
    }
    const fileName = path.relative(path.dirname(root), file).split(path.sep).join("/");
    seeds[family].push({ fileName, text: fs.readFileSync(file, "utf8") });
  }
  for (const seed of builtInSeeds) {
    seeds[familyOf(seed.fileName)!].push(seed);
  }

  return seeds;
}
