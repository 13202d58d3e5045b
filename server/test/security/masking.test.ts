import assert from "node:assert/strict";
import { test } from "node:test";
import { renderCodeFrame } from "../../src/cli/code-frame";
import { analyzeDocument } from "../../src/engine/analyze";
import { redactSensitiveText } from "../../src/engine/redact";
import { throwingRule } from "../support/fake-rules";

/** The raw values no output of ours may contain in full. */
export const RAW_SENSITIVE_VALUES = [
  "alice@example.com",
  "4111 1111 1111 1111",
  "4111111111111111",
  "123-45-6789",
  "AKIAIOSFODNN7EXAMPLE",
  "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
];

test("sensitive-looking literals are masked in free text, keeping their length", () => {
  const cases: [string, string][] = [
    ['contact: "alice@example.com"', 'contact: "a****@example.com"'],
    [
      "card '4111 1111 1111 1111' or 4111111111111111",
      "card '**** **** **** 1111' or ************1111",
    ],
    ["ssn=123-45-6789;", "ssn=***-**-****;"],
    ["key AKIAIOSFODNN7EXAMPLE", "key AKIA****************"],
    [
      "`eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl`",
      "`eyJ**********************************************`",
    ],
    // Identifiers, ARNs and ordinary words stay readable.
    [
      'tenantId: "t-42", arn: "arn:aws:kms:eu-west-1:111122223333:key/1"',
      'tenantId: "t-42", arn: "arn:aws:kms:eu-west-1:111122223333:key/1"',
    ],
  ];

  for (const [input, expected] of cases) {
    assert.equal(redactSensitiveText(input), expected);
    assert.equal(redactSensitiveText(input).length, input.length);
  }
});

test("the CLI's code frame masks the literals it quotes and keeps the carets aligned", () => {
  const text =
    'const context = {\n  contact: "alice@example.com",\n  card: "4111111111111111",\n};\n';
  const range = { start: { line: 1, character: 11 }, end: { line: 1, character: 30 } };

  const frame = renderCodeFrame(text, range, { marker: (t) => t, gutter: (t) => t });

  assert.equal(
    frame,
    [
      "  1 | const context = {",
      '> 2 |   contact: "a****@example.com",',
      "    |            ^^^^^^^^^^^^^^^^^^^",
      '  3 |   card: "************1111",',
    ].join("\n"),
  );
});

test("a failing rule's log line masks what its error message quotes", () => {
  const lines: string[] = [];
  const error = new SyntaxError('Unexpected token in "alice@example.com" at 4111111111111111');

  analyzeDocument(
    { fileName: "/work/masking/log.ts", text: "const a = 1;\n" },
    { onlyRules: [throwingRule("KMS940", error)], logger: { warn: (line) => lines.push(line) } },
  );

  assert.deepEqual(lines, [
    'KMS940 failed on /work/masking/log.ts: SyntaxError: Unexpected token in "a****@example.com" at ************1111',
  ]);
  for (const value of RAW_SENSITIVE_VALUES) {
    assert.ok(!lines[0].includes(value), value);
  }
});
