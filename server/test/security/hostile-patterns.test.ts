import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { analyzeDocument } from "../../src/engine/analyze";
import { resolveConfig } from "../../src/engine/config";
import { matchGlob } from "../../src/engine/glob";
import { kmsActionsMatching } from "../../src/engine/policy/actions";
import {
  checkSensitiveKeyName,
  checkSensitivePath,
  checkSensitiveValue,
  maskSensitive,
  splitWords,
} from "../../src/engine/sensitive";

/**
 * Patterns and names that reach the engine from documents and settings (sensitive key names,
 * ignore globs, IAM action wildcards, context keys and values) must be matched in linear or
 * small polynomial time: a catastrophic one would freeze the editor on every keystroke. The
 * inputs below are the classic regular-expression killers; the bounds are generous enough for
 * a slow CI machine and far below what a backtracking matcher takes (seconds to hours).
 */
const BOUND_MS = 250;

function timed<T>(what: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  const elapsed = performance.now() - started;
  assert.ok(elapsed < BOUND_MS, `${what} took ${elapsed.toFixed(0)} ms`);
  return result;
}

const REDOS_NAMES = ["(a+)+$", "(a|aa)+$", "(.*a){20}", "^(\\w+\\s?)*$", "([a-zA-Z]+)*$"];
const LONG_A = `${"a".repeat(100_000)}!`;

test("ReDoS-shaped sensitive key names are words, matched quickly against long keys", () => {
  const match = timed("key names", () => checkSensitiveKeyName(LONG_A, REDOS_NAMES));
  // `(a+)+$` is read as the word `a`, which the key `aaa…!` does not contain as a word.
  assert.equal(match, undefined);

  assert.deepEqual(
    timed("a matching word", () => checkSensitiveKeyName("customerA", ["(a+)+$"])),
    { description: "a configured sensitive name ((a+)+$)" },
  );
});

test("a key name of 200,000 capitals is split into words in linear time", () => {
  const capitals = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".repeat(8000);

  assert.deepEqual(
    timed("splitWords", () => splitWords(`${capitals}Email`)),
    [capitals.toLowerCase(), "email"],
  );
  timed("key name", () => checkSensitiveKeyName(capitals, REDOS_NAMES));
  timed("path", () => checkSensitivePath(`user.${capitals}`));
});

/** The regular-expression word splitter that splitWords replaced, as the reference. */
function referenceSplitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

test("the linear word splitter agrees with the regular-expression one on short names", () => {
  assert.deepEqual(splitWords("userEmailAddress"), ["user", "email", "address"]);
  assert.deepEqual(splitWords("APIKey"), ["api", "key"]);
  assert.deepEqual(splitWords("aws:s3:arn"), ["aws", "s3", "arn"]);
  assert.deepEqual(splitWords("v2Key_ID"), ["v2", "key", "id"]);

  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(..."aAbBzZ09_:. -é"), maxLength: 24 }), (name) =>
      assert.deepEqual(splitWords(name), referenceSplitWords(name)),
    ),
    { seed: 7, numRuns: 5000 },
  );
});

test("long hostile values are checked and masked in bounded time", () => {
  const values = [
    `a@${"a.".repeat(50_000)}1`,
    `${"a".repeat(100_000)}@`,
    "eyJ".repeat(30_000),
    `${"1-".repeat(50_000)}x`,
    `${"4".repeat(100_000)}`,
    LONG_A,
  ];
  for (const value of values) {
    timed(`value of ${value.length}`, () => checkSensitiveValue(value));
    timed(`mask of ${value.length}`, () => maskSensitive(value));
  }
});

test("IAM action wildcards from a policy are matched without backtracking", () => {
  // With a regular expression each of these took from seconds to hours.
  for (const pattern of [
    `kms:${"*?".repeat(40)}!`,
    `kms:${"*".repeat(5000)}!`,
    `*:${"*?".repeat(20)}x`,
  ]) {
    assert.deepEqual(
      timed(pattern.slice(0, 20), () => kmsActionsMatching(pattern)),
      [],
    );
  }

  assert.deepEqual(kmsActionsMatching("kms:Decrypt*"), ["Decrypt"]);
  assert.deepEqual(kmsActionsMatching("KMS:decrypt"), ["Decrypt"]);
  assert.deepEqual(kmsActionsMatching("km?:ReEncrypt*"), ["ReEncryptFrom", "ReEncryptTo"]);
  assert.deepEqual(kmsActionsMatching("kms:GenerateDataKeyPair*"), [
    "GenerateDataKeyPair",
    "GenerateDataKeyPairWithoutPlaintext",
  ]);
  assert.deepEqual(kmsActionsMatching("s3:*"), []);
});

test("a policy whose actions are catastrophic patterns is analysed in bounded time", () => {
  const policy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: [`kms:${"*?".repeat(40)}!`], Resource: "*" },
      { Effect: "Allow", Action: "kms:Decrypt*", Resource: "*" },
    ],
  });

  const result = timed("policy", () =>
    analyzeDocument({ fileName: "/work/policy.json", text: policy }),
  );

  assert.deepEqual(
    result.findings.map((finding) => [finding.code, finding.range.start.character]),
    [["KMS101", policy.indexOf('{"Effect":"Allow","Action":"kms:Decrypt*"')]],
  );
});

test("pathological ignore globs are matched in polynomial time", () => {
  const deepPath = `${"a/".repeat(1000)}${"a".repeat(5000)}`;

  assert.equal(
    timed("star glob", () => matchGlob(`**/${"*a".repeat(50)}b`, deepPath)),
    false,
  );
  assert.equal(
    timed("globstar glob", () => matchGlob(`${"**/".repeat(200)}c`, "a/".repeat(2000))),
    false,
  );
  assert.equal(matchGlob("infra/**/*.json", "infra/a/b/key.json"), true);

  const config = resolveConfig({
    ignore: [{ path: `**/**/**/**/**/${"*a".repeat(30)}b`, base: "/w" }],
    sensitiveKeyNames: REDOS_NAMES,
  });
  timed("analysis with hostile ignore and names", () =>
    analyzeDocument(
      { fileName: `/w/${"a/".repeat(300)}policy.json`, text: '{"Statement": []}' },
      { config },
    ),
  );
});
