import type { RuleCode } from "../../src/engine/types";
import type { RuleContext } from "../../src/engine/rule-context";
import type { Rule } from "../../src/rules/rule";

/** Metadata good enough for a rule that exists only inside a test. */
function testMeta(code: RuleCode, name: string): Rule["meta"] {
  return {
    code,
    name,
    summary: `Test rule ${name}.`,
    defaultSeverity: "warning",
    area: "code",
    fix: "none",
    docs: {
      whatItFlags: "",
      whyItMatters: "",
      badExample: "",
      fixedExample: "",
      whenNotToUse: "",
      references: [],
    },
  };
}

/** A rule that reports every occurrence of `word` in the document text. */
export function wordRule(code: RuleCode, word: string): Rule {
  return {
    meta: testMeta(code, `report-${word}`),
    checkCode(_model, context: RuleContext) {
      const text = context.document.text;
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
        context.report({ start: at, end: at + word.length, message: `found ${word}` });
      }
    },
  };
}

/** A rule that reports once, then throws `thrown` (an Error or any other value). */
export function throwingRule(code: RuleCode, thrown: unknown): Rule {
  return {
    meta: testMeta(code, "always-throws"),
    checkCode(_model, context: RuleContext) {
      context.report({ start: 0, end: 1, message: "reported before failing" });
      throw thrown;
    },
  };
}

/** A rule that reports with whatever offsets it is given, however wrong. */
export function offsetsRule(code: RuleCode, start: number, end: number): Rule {
  return {
    meta: testMeta(code, "odd-offsets"),
    checkCode(_model, context: RuleContext) {
      context.report({
        start,
        end,
        message: "odd offsets",
        fixes: [{ title: "Replace", edits: [context.edit(start, end, "x")] }],
      });
    },
  };
}
