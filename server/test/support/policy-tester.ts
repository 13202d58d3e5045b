import * as assert from "node:assert/strict";
import { parseTree, type ParseError } from "jsonc-parser";
import { parseAllDocuments } from "yaml";
import { analyzeDocument } from "../../src/engine/analyze";
import { LineIndex } from "../../src/engine/line-index";
import { CLOUDFORMATION_TAGS } from "../../src/engine/policy/yaml-tags";
import type { Finding, Fix, Range } from "../../src/engine/types";
import type { SentContextKey, WorkspaceFacts } from "../../src/engine/workspace-facts";
import type { Rule } from "../../src/rules/rule";

/** Analyses a policy document with only `rules` (default: all). */
export function analyzePolicy(
  fileName: string,
  text: string,
  options: { rules?: readonly Rule[]; sentKeys?: SentContextKey[] } = {},
): Finding[] {
  const workspace: WorkspaceFacts | undefined = options.sentKeys
    ? { sentContextKeys: () => options.sentKeys ?? [] }
    : undefined;
  const result = analyzeDocument({ fileName, text }, { onlyRules: options.rules, workspace });
  assert.equal(result.skipped, undefined, `unexpectedly skipped: ${result.skipped}`);
  return result.findings;
}

/** Applies a fix's edits to `text` (edits of one fix never overlap). */
export function applyFix(text: string, fix: Fix): string {
  const lines = new LineIndex(text);
  const edits = fix.edits
    .map((edit) => ({
      start: lines.offsetAt(edit.range.start),
      end: lines.offsetAt(edit.range.end),
      newText: edit.newText,
    }))
    .sort((a, b) => b.start - a.start);
  assert.ok(edits.length > 0, `fix "${fix.title}" has no edits`);
  let result = text;
  for (const edit of edits) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

/** Asserts the text still parses as JSON or YAML without errors. */
export function assertParses(fileName: string, text: string): void {
  if (/\.ya?ml$|\.template$/i.test(fileName)) {
    for (const document of parseAllDocuments(text, {
      customTags: CLOUDFORMATION_TAGS,
    }) as ReturnType<typeof parseAllDocuments> & unknown[]) {
      assert.deepEqual(
        (document as { errors: unknown[] }).errors.map(String),
        [],
        `YAML no longer parses:\n${text}`,
      );
    }
    return;
  }
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  assert.deepEqual(errors, [], `JSON no longer parses:\n${text}`);
}

/** A range as `[startLine, startCharacter, endLine, endCharacter]`, zero-based. */
export type RangeTuple = [number, number, number, number];

export function toTuple(range: Range): RangeTuple {
  return [range.start.line, range.start.character, range.end.line, range.end.character];
}

/** An invalid case: the findings expected and, optionally, the text after each fix. */
export interface InvalidCase {
  name: string;
  fileName: string;
  text: string;
  findings: { range: RangeTuple; message?: string | RegExp }[];
  /** Fix title → full text after applying it to the first finding. */
  fixes?: Record<string, string>;
  sentKeys?: SentContextKey[];
}

/** A valid case: no finding from the rule. */
export interface ValidCase {
  name: string;
  fileName: string;
  text: string;
}

/**
 * Runs one rule's tables: valid cases report nothing; invalid cases report exactly the given
 * ranges and messages; each listed fix produces exactly the given text, which still parses and
 * no longer has the finding.
 */
export function checkRuleCase(rule: Rule, testCase: InvalidCase): void {
  const findings = analyzePolicy(testCase.fileName, testCase.text, {
    rules: [rule],
    sentKeys: testCase.sentKeys,
  });
  assert.deepEqual(
    findings.map((finding) => toTuple(finding.range)),
    testCase.findings.map((expected) => expected.range),
  );
  findings.forEach((finding, index) => {
    assert.equal(finding.code, rule.meta.code);
    assert.equal(finding.name, rule.meta.name);
    const expected = testCase.findings[index].message;
    if (typeof expected === "string") {
      assert.equal(finding.message, expected);
    } else if (expected) {
      assert.match(finding.message, expected);
    }
  });

  for (const [title, expectedText] of Object.entries(testCase.fixes ?? {})) {
    const fix = findings[0].fixes.find((candidate) => candidate.title === title);
    assert.ok(
      fix,
      `no fix titled "${title}"; have: ${findings[0].fixes.map((f) => f.title).join(" | ")}`,
    );
    const fixed = applyFix(testCase.text, fix);
    assert.equal(fixed, expectedText);
    assertParses(testCase.fileName, fixed);
    const after = analyzePolicy(testCase.fileName, fixed, {
      rules: [rule],
      sentKeys: testCase.sentKeys,
    });
    assert.ok(
      !after.some((finding) => finding.range.start.line === findings[0].range.start.line),
      `finding still there after "${title}":\n${fixed}`,
    );
  }
}

/** Asserts a valid case reports nothing for the rule. */
export function checkValidCase(rule: Rule, testCase: ValidCase): void {
  assert.deepEqual(
    analyzePolicy(testCase.fileName, testCase.text, { rules: [rule] }).map(
      (finding) => finding.message,
    ),
    [],
  );
}
