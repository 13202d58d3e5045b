import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchGlob } from "../../src/engine/glob";

describe("matchGlob", () => {
  const cases: [pattern: string, path: string, expected: boolean][] = [
    ["policies/key.json", "policies/key.json", true],
    ["policies/key.json", "policies/other.json", false],
    ["policies/*.json", "policies/key.json", true],
    ["policies/*.json", "policies/sub/key.json", false],
    ["policies/**/*.json", "policies/key.json", true],
    ["policies/**/*.json", "policies/a/b/key.json", true],
    ["**/*.json", "key.json", true],
    ["**/*.json", "a/b/key.yaml", false],
    ["**", "anything/at/all.txt", true],
    ["key-?.json", "key-1.json", true],
    ["key-?.json", "key-10.json", false],
    ["*key*", "my-key-policy", true],
    ["./policies/*.json", "policies/key.json", true],
    ["policies\\*.json", "policies/key.json", true],
    ["a/**/b/**/c", "a/x/b/y/z/c", true],
    ["a/**/b/**/c", "a/x/c", false],
    ["[abc].json", "[abc].json", true],
    ["[abc].json", "a.json", false],
  ];
  for (const [pattern, path, expected] of cases) {
    it(`${pattern} ${expected ? "matches" : "does not match"} ${path}`, () => {
      assert.equal(matchGlob(pattern, path), expected);
    });
  }

  it("stays fast on patterns that make backtracking regexes explode", () => {
    const pattern = `${"*a".repeat(30)}b`;
    const text = "a".repeat(5000);
    const path = `${"**/".repeat(50)}x`;
    const segments = Array.from({ length: 2000 }, () => "d").join("/");
    const started = Date.now();
    assert.equal(matchGlob(pattern, text), false);
    assert.equal(matchGlob(path, segments), false);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });
});
