import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeDocument } from "../../src/engine/analyze";
import { resolveConfig, type UserConfig } from "../../src/engine/config";
import { LineIndex } from "../../src/engine/line-index";
import { snippetToPlainText } from "../../src/engine/snippet";
import type { PolicyModel } from "../../src/engine/policy/model";
import type { RuleContext } from "../../src/engine/rule-context";
import type { Finding, Fix, Range } from "../../src/engine/types";
import type { Rule } from "../../src/rules/rule";

/**
 * Table-driven rule tests in the style of a linter's rule tester: valid snippets must produce no
 * finding of the rule; invalid snippets must produce exactly the listed findings, with exact
 * ranges, messages and fix results. Works for code and policy rules alike: the file name decides
 * how the snippet is read.
 */

/** A snippet that must not be reported. */
export interface ValidCase {
  name: string;
  code: string;
  /** Defaults to the table's file name (`example.ts` unless set). */
  fileName?: string;
  config?: UserConfig;
}

/** Where a finding must be: a zero-based `[line, character, line, character]` or a substring. */
export type ExpectedLocation =
  | { range: [number, number, number, number]; text?: never }
  /** The `occurrence`-th (1-based, default 1) occurrence of `text` in the snippet. */
  | { text: string; occurrence?: number; range?: never };

/** One fix a finding must offer, and the whole document text after applying it. */
export interface ExpectedFix {
  title: string;
  output: string;
  /**
   * How many findings of the rule remain after applying the fix; by default one fewer than
   * before, i.e. the fix removes exactly the finding it belongs to.
   */
  remaining?: number;
}

export type ExpectedFinding = ExpectedLocation & {
  message: string | RegExp;
  /** The exact fixes, in order; omitted means "no fix". */
  fixes?: ExpectedFix[];
  /** Entries that `Finding.data` must contain (compared deeply, other keys ignored). */
  data?: Record<string, unknown>;
};

/** A snippet that must produce exactly `errors`. */
export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

export interface RuleTable {
  valid: ValidCase[];
  invalid: InvalidCase[];
  /** File name used when a case sets none. */
  fileName?: string;
}

/** Runs the rule alone over `code` and returns its findings. */
export function findingsOf(
  rule: Rule,
  code: string,
  fileName = "example.ts",
  config?: UserConfig,
): Finding[] {
  const result = analyzeDocument(
    { fileName, text: code },
    { onlyRules: [rule], config: resolveConfig(config) },
  );
  return result.findings;
}

/** Applies a fix's edits to `text`, turning snippet placeholders into their default text. */
export function applyFix(text: string, fix: Fix): string {
  const lines = new LineIndex(text);
  const edits = fix.edits
    .map((edit) => ({
      start: lines.offsetAt(edit.range.start),
      end: lines.offsetAt(edit.range.end),
      newText: fix.snippet ? snippetToPlainText(edit.newText) : edit.newText,
    }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of edits) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

/** The range of the `occurrence`-th `needle` in `text`; fails the test when it is absent. */
export function rangeOfText(text: string, needle: string, occurrence = 1): Range {
  let at = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    at = text.indexOf(needle, at + 1);
    assert.notEqual(at, -1, `test setup: "${needle}" (occurrence ${occurrence}) not in snippet`);
  }
  const lines = new LineIndex(text);
  return lines.rangeOf(at, at + needle.length);
}

function expectedRange(code: string, expected: ExpectedLocation): Range {
  if (expected.range) {
    const [startLine, startCharacter, endLine, endCharacter] = expected.range;
    return {
      start: { line: startLine, character: startCharacter },
      end: { line: endLine, character: endCharacter },
    };
  }
  return rangeOfText(code, expected.text, expected.occurrence);
}

/** Registers one `describe` block with an `it` per case. */
export function runRuleTests(rule: Rule, table: RuleTable): void {
  const defaultFileName = table.fileName ?? "example.ts";

  describe(`${rule.meta.code} ${rule.meta.name}`, () => {
    for (const testCase of table.valid) {
      it(`valid: ${testCase.name}`, () => {
        const fileName = testCase.fileName ?? defaultFileName;
        const findings = findingsOf(rule, testCase.code, fileName, testCase.config);
        assert.deepEqual(
          findings.map((finding) => `${finding.code} ${finding.message}`),
          [],
        );
      });
    }

    for (const testCase of table.invalid) {
      it(`invalid: ${testCase.name}`, () => {
        const fileName = testCase.fileName ?? defaultFileName;
        const findings = findingsOf(rule, testCase.code, fileName, testCase.config);
        assert.equal(
          findings.length,
          testCase.errors.length,
          `expected ${testCase.errors.length} finding(s), got:\n${findings
            .map((finding) => `  ${JSON.stringify(finding.range)} ${finding.message}`)
            .join("\n")}`,
        );

        testCase.errors.forEach((expected, index) => {
          const finding = findings[index];
          assert.equal(finding.code, rule.meta.code);
          assert.equal(finding.name, rule.meta.name);
          assert.deepEqual(finding.range, expectedRange(testCase.code, expected), "range");
          if (typeof expected.message === "string") {
            assert.equal(finding.message, expected.message);
          } else {
            assert.match(finding.message, expected.message);
          }
          if (expected.data) {
            for (const [key, value] of Object.entries(expected.data)) {
              assert.deepEqual(finding.data?.[key], value, `data.${key}`);
            }
          }

          const expectedFixes = expected.fixes ?? [];
          assert.deepEqual(
            finding.fixes.map((fix) => fix.title),
            expectedFixes.map((fix) => fix.title),
            "fix titles",
          );
          finding.fixes.forEach((fix, fixIndex) => {
            const expectedFix = expectedFixes[fixIndex];
            const output = applyFix(testCase.code, fix);
            assert.equal(output, expectedFix.output, `output of "${fix.title}"`);
            const after = findingsOf(rule, output, fileName, testCase.config);
            assert.equal(
              after.length,
              expectedFix.remaining ?? findings.length - 1,
              `findings left after "${fix.title}":\n${after.map((f) => f.message).join("\n")}`,
            );
          });
        });
      });
    }
  });
}

/**
 * Runs a rule's policy check over a hand-built `PolicyModel`, for rules tested before (or
 * independently of) the policy extractors. Offsets in the model refer to `text`.
 */
export function policyFindingsOf(
  rule: Rule,
  text: string,
  model: PolicyModel,
  config?: UserConfig,
  fileName = "policy.json",
): Finding[] {
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const context: RuleContext = {
    document: { fileName, text, kind: "json", lines },
    config: resolveConfig(config),
    report(input) {
      findings.push({
        code: rule.meta.code,
        name: rule.meta.name,
        severity: rule.meta.defaultSeverity,
        message: input.message,
        range: lines.rangeOf(input.start, input.end),
        fixes: input.fixes ?? [],
        related: input.related,
        data: input.data,
      });
    },
    edit(start, end, newText) {
      return { range: lines.rangeOf(start, end), newText };
    },
  };
  rule.checkPolicy?.(model, context);
  return findings;
}
