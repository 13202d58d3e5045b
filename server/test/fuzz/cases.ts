import fc from "fast-check";
import type { UserConfig } from "../../src/engine/config";
import type { RuleCode } from "../../src/engine/types";
import { applyMutation, mutationArbitrary, type Mutation } from "./mutations";
import type { SeedDocument } from "./seeds";

/** One generated input: a seed, what was done to it, and the result. */
export interface FuzzCase {
  seedName: string;
  mutations: Mutation[];
  fileName: string;
  text: string;
  config?: UserConfig;
}

/**
 * Key names and globs a user could type into settings, including the classic catastrophic
 * regular expressions: the engine must treat them as words and globs, never as patterns that
 * can backtrack for ever.
 */
const HOSTILE_WORDS = ["(a+)+$", "(a|aa)+$", "(.*a){20}", "^(\\w+\\s?)*$", "[", "\\", "*", "", " "];
const HOSTILE_GLOBS = ["**/**/**/**/**/*a*a*a*a*a*a*b", "[", "{a,{b,{c,d}}}", "**", "!(x)", "\\"];

const RULE_CODES: RuleCode[] = [1, 2, 3, 4, 5, 6, 7, 8, 101, 102, 103, 104, 105, 106, 107, 108]
  .map((number) => `KMS${String(number).padStart(3, "0")}` as RuleCode)
  .concat(["KMS109", "KMS110", "KMS111", "KMS112"]);

const configArbitrary: fc.Arbitrary<UserConfig> = fc.record(
  {
    rules: fc.dictionary(
      fc.constantFrom(...RULE_CODES),
      fc.constantFrom("error" as const, "warning" as const, "hint" as const, "off" as const),
      { maxKeys: 4 },
    ),
    sensitiveKeyNames: fc.array(
      fc.oneof(fc.constantFrom(...HOSTILE_WORDS), fc.string({ maxLength: 12 })),
      { maxLength: 4 },
    ),
    ignore: fc.array(
      fc.record(
        {
          path: fc.oneof(fc.constantFrom(...HOSTILE_GLOBS), fc.string({ maxLength: 16 })),
          codes: fc.array(fc.constantFrom(...RULE_CODES), { maxLength: 2 }),
          statement: fc.oneof(fc.constant("0"), fc.string({ maxLength: 6 })),
        },
        { requiredKeys: ["path"] },
      ),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);

/** Other names a document may arrive under, so content sniffing and odd pairings get tested. */
const OTHER_NAMES = ["a.ts", "a.js", "a.json", "a.yaml", "a.template", "Makefile", "a.d.ts"];

/** Generated cases built by mutating `seeds`. */
export function fuzzCaseArbitrary(seeds: SeedDocument[]): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      seed: fc.constantFrom(...seeds),
      mutations: fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }),
      otherName: fc.option(fc.constantFrom(...OTHER_NAMES), { freq: 8 }),
      config: fc.option(configArbitrary, { freq: 3 }),
    })
    .map(({ seed, mutations, otherName, config }) => ({
      seedName: seed.fileName,
      mutations,
      fileName: otherName ? `renamed/${otherName}` : seed.fileName,
      text: mutations.reduce(applyMutation, seed.text),
      config: config ?? undefined,
    }));
}

/** Cases of arbitrary text, not derived from any seed, under each kind of file name. */
export const randomTextCaseArbitrary: fc.Arbitrary<FuzzCase> = fc
  .record({
    name: fc.constantFrom(...OTHER_NAMES),
    text: fc.oneof(
      fc.string({ unit: "binary", maxLength: 400 }),
      fc.string({ unit: "binary-ascii", maxLength: 400 }),
      fc
        .array(
          fc.constantFrom("{", "}", "[", "]", '"', ":", ",", "-", " ", "\n", "&a", "*a", "!Ref"),
          {
            maxLength: 300,
          },
        )
        .map((parts) => parts.join("")),
    ),
  })
  .map(({ name, text }) => ({
    seedName: "(random)",
    mutations: [],
    fileName: `random/${name}`,
    text,
  }));
