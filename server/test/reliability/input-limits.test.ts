import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeDocument } from "../../src/engine/analyze";
import { resolveConfig } from "../../src/engine/config";
import {
  MAX_NESTING_DEPTH,
  nestingDepth,
  skipReason,
  utf8ByteLength,
} from "../../src/engine/input-limits";
import { offsetsRule, wordRule } from "../support/fake-rules";

test("the UTF-8 size counts multi-byte characters and surrogate pairs", () => {
  assert.equal(utf8ByteLength("abc", 100), 3);
  assert.equal(utf8ByteLength("é", 100), 2);
  assert.equal(utf8ByteLength("€", 100), 3);
  assert.equal(utf8ByteLength("😀", 100), 4);
  // A lone surrogate is written by Node as the three-byte replacement character.
  assert.equal(utf8ByteLength("\ud83d", 100), 3);
  // Counting stops once the size passes the limit.
  assert.equal(utf8ByteLength("€".repeat(1000), 10), 12);
  assert.equal(utf8ByteLength("😀é€a", 100), Buffer.byteLength("😀é€a", "utf8"));
});

test("size limit in bytes: 700 three-byte characters pass 1,000 units, not 2,000 bytes", () => {
  const text = "€".repeat(700);

  assert.equal(text.length, 700);
  assert.equal(skipReason(text, 2000), "larger than the 2000-byte limit (maxFileSize)");
  assert.equal(skipReason(text, 2100), undefined);
});

test("documents over maxFileSize are skipped with a reason, without running any rule", () => {
  const rules = [wordRule("KMS910", "a")];
  const text = "const a = 1;\n".repeat(100);

  const skipped = analyzeDocument(
    { fileName: "big.ts", text },
    { onlyRules: rules, config: resolveConfig({ maxFileSize: 1000 }) },
  );
  const analysed = analyzeDocument(
    { fileName: "big.ts", text },
    { onlyRules: rules, config: resolveConfig({ maxFileSize: 1300 }) },
  );

  assert.deepEqual(skipped, {
    findings: [],
    skipped: "larger than the 1000-byte limit (maxFileSize)",
  });
  assert.equal(analysed.skipped, undefined);
  assert.equal(analysed.findings.length, 100);
});

test("the default limit is 2 MB", () => {
  const justOver = "x".repeat(2 * 1024 * 1024 + 1);
  const justUnder = `// ${"x".repeat(2 * 1024 * 1024 - 3)}`;

  assert.equal(
    analyzeDocument({ fileName: "over.ts", text: justOver }).skipped,
    "larger than the 2097152-byte limit (maxFileSize)",
  );
  assert.equal(skipReason(justUnder, resolveConfig().maxFileSize), undefined);
});

test("NUL bytes mark a document as binary whatever its name", () => {
  const result = analyzeDocument({
    fileName: "policy.json",
    text: '{"Version":"2012-10-17"\u0000}',
  });

  assert.deepEqual(result, { findings: [], skipped: "binary content (NUL bytes)" });
});

test("offsets out of order, out of bounds or not numbers give ranges inside the document", () => {
  const text = "ab\ncd";
  const cases: [number, number, [number, number, number, number]][] = [
    [4, 1, [0, 1, 1, 1]],
    [-5, 99, [0, 0, 1, 2]],
    [Number.NaN, 2, [0, 0, 0, 2]],
    [1.5, Number.POSITIVE_INFINITY, [0, 1, 1, 2]],
  ];

  for (const [start, end, [startLine, startCharacter, endLine, endCharacter]] of cases) {
    const [finding] = analyzeDocument(
      { fileName: "offsets.ts", text },
      { onlyRules: [offsetsRule("KMS911", start, end)] },
    ).findings;
    const expected = {
      start: { line: startLine, character: startCharacter },
      end: { line: endLine, character: endCharacter },
    };
    assert.deepEqual(finding.range, expected, `offsets ${start}..${end}`);
  }
});

test("nesting depth counts brackets, YAML indentation and block markers, not quoted ones", () => {
  assert.equal(nestingDepth('{"a": [1, {"b": (2)}]}', false), 4);
  assert.equal(nestingDepth('{"a": "[[[[[[[[[[", "b": "\\"(((("}', false), 1);
  assert.equal(nestingDepth("a:\n  b:\n    - - c\n", true), 8);
  assert.equal(nestingDepth("- - - - x", true), 8);
  // Closing brackets in excess (a comment, a regex) never make the depth negative.
  assert.equal(nestingDepth(")))))) (((", false), 3);
  // Counting stops once past the limit, so a huge file costs no more than needed.
  assert.equal(nestingDepth("[".repeat(100000), false, 10), 11);
});

test("nesting depth asked again for the same text answers for that kind and limit", () => {
  const text = "a:\n  - [b]\n";

  assert.equal(nestingDepth(text, true), 5);
  assert.equal(nestingDepth(text, false), 1);
  assert.equal(nestingDepth(text, true), 5);
  assert.equal(nestingDepth("[".repeat(50), false, 10), 11);
  assert.equal(nestingDepth("[".repeat(50), false), 50);
  assert.equal(nestingDepth("[".repeat(49), false), 49);
});

test("documents nested deeper than the limit are skipped before any parser sees them", () => {
  const nested = (levels: number) => `{"Statement": ${"[".repeat(levels)}${"]".repeat(levels)}}`;
  const deep = nested(MAX_NESTING_DEPTH);
  const shallow = nested(MAX_NESTING_DEPTH - 1);

  assert.deepEqual(analyzeDocument({ fileName: "deep.json", text: deep }), {
    findings: [],
    skipped: "nested deeper than 256 levels",
  });
  assert.equal(analyzeDocument({ fileName: "shallow.json", text: shallow }).skipped, undefined);
});
