import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeDocument } from "../../src/engine/analyze";
import { throwingRule, wordRule } from "../support/fake-rules";

/** A logger that keeps what it is told, to count the lines. */
function recordingLogger() {
  const lines: string[] = [];
  return { lines, warn: (message: string) => lines.push(message) };
}

const SOURCE = 'const a = encrypt("x");\nconst b = encrypt("y");\n';

test("a throwing rule is logged once with its code and the file name; others still report", () => {
  const logger = recordingLogger();
  const rules = [throwingRule("KMS901", new TypeError("boom")), wordRule("KMS902", "encrypt")];
  const fileName = "/work/isolation/first-file.ts";

  const first = analyzeDocument({ fileName, text: SOURCE }, { onlyRules: rules, logger });
  const second = analyzeDocument({ fileName, text: SOURCE }, { onlyRules: rules, logger });

  assert.deepEqual(logger.lines, [`KMS901 failed on ${fileName}: TypeError: boom`]);
  for (const result of [first, second]) {
    assert.equal(result.skipped, undefined);
    assert.deepEqual(
      result.findings.map((finding) => [finding.code, finding.range, finding.message]),
      [
        [
          "KMS902",
          { start: { line: 0, character: 10 }, end: { line: 0, character: 17 } },
          "found encrypt",
        ],
        [
          "KMS902",
          { start: { line: 1, character: 10 }, end: { line: 1, character: 17 } },
          "found encrypt",
        ],
      ],
    );
  }
});

test("what a failing rule reported before it threw is dropped, not published half-done", () => {
  const result = analyzeDocument(
    { fileName: "/work/isolation/partial.ts", text: SOURCE },
    { onlyRules: [throwingRule("KMS903", new Error("late failure"))], logger: recordingLogger() },
  );

  assert.deepEqual(result.findings, []);
});

test("the same failing rule is logged again for another file, and non-Error throws are described", () => {
  const logger = recordingLogger();
  const rules = [throwingRule("KMS904", "a bare string\nwith a second line")];

  analyzeDocument({ fileName: "/work/isolation/a.ts", text: SOURCE }, { onlyRules: rules, logger });
  analyzeDocument({ fileName: "/work/isolation/b.ts", text: SOURCE }, { onlyRules: rules, logger });
  analyzeDocument({ fileName: "/work/isolation/a.ts", text: SOURCE }, { onlyRules: rules, logger });

  assert.deepEqual(logger.lines, [
    "KMS904 failed on /work/isolation/a.ts: a bare string",
    "KMS904 failed on /work/isolation/b.ts: a bare string",
  ]);
});

test("a rule switched off in the configuration is not run, so its failure is not logged", () => {
  const logger = recordingLogger();
  const result = analyzeDocument(
    { fileName: "/work/isolation/off.ts", text: SOURCE },
    {
      onlyRules: [throwingRule("KMS905", new Error("never runs")), wordRule("KMS906", "const")],
      logger,
      config: {
        enable: true,
        rules: { KMS905: "off" },
        sensitiveKeyNames: [],
        ignore: [],
        maxFileSize: 1000,
      },
    },
  );

  assert.deepEqual(logger.lines, []);
  assert.deepEqual(
    result.findings.map((finding) => finding.code),
    ["KMS906", "KMS906"],
  );
});
