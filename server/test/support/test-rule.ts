import type { Rule } from "../../src/rules/rule";

/**
 * A test-only rule: reports `TEST001`-style findings (code KMS900) at every `flagMe()` in the
 * text, with a snippet fix replacing it by `fixed(${1:arg})`. It reads the document text rather
 * than a model, so it works whatever the extractors produce; use it through
 * `AnalyzeOptions.onlyRules` to test the plumbing around rules.
 */
export const flagMeRule: Rule = {
  meta: {
    code: "KMS900",
    name: "test-flag-me",
    summary: "Flags flagMe() calls (test only).",
    defaultSeverity: "warning",
    area: "code",
    fix: "always",
    docs: {
      whatItFlags: "flagMe()",
      whyItMatters: "Tests.",
      badExample: "```ts\nflagMe();\n```",
      fixedExample: "```ts\nfixed(arg);\n```",
      whenNotToUse: "Always.",
      references: [{ title: "None", url: "https://example.invalid/" }],
    },
  },
  checkCode(_model, context) {
    const text = context.document.text;
    for (let at = text.indexOf("flagMe()"); at >= 0; at = text.indexOf("flagMe()", at + 1)) {
      context.report({
        start: at,
        end: at + "flagMe()".length,
        message: "flagMe() is flagged",
        fixes: [
          {
            title: "Call fixed()",
            edits: [context.edit(at, at + "flagMe()".length, "fixed(${1:arg})")],
            snippet: true,
            isPreferred: true,
          },
        ],
        data: { statementIndex: 1, sid: "AllowUse" },
      });
    }
  },
};
