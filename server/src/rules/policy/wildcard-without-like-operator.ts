import { isLiteralStringOperator } from "../../engine/policy/actions";
import type { ContextCondition } from "../../engine/policy/facts";
import { moveConditionsFix } from "../../engine/policy/fixes";
import type { PolicyString } from "../../engine/policy/model";
import type { Rule } from "../rule";
import { describeStatement, forEachKmsStatement, REFERENCES, reportStatement } from "./shared";

export const wildcardWithoutLikeOperator: Rule = {
  meta: {
    code: "KMS108",
    name: "wildcard-without-like-operator",
    summary:
      "A * or ? in an encryption-context value under a non-Like operator is matched literally.",
    defaultSeverity: "warning",
    area: "policy",
    fix: "sometimes",
    docs: {
      whatItFlags:
        "A value containing `*` or `?` (outside policy variables such as `${aws:username}`) in a " +
        "condition on an encryption-context key whose operator is `StringEquals`, " +
        "`StringNotEquals` or their `IgnoreCase` forms.",
      whyItMatters:
        "Only the `…Like` operators (and the ARN operators) treat `*` and `?` as wildcards. Under " +
        "`StringEquals` the value must literally contain the asterisk, so legitimate requests are " +
        "denied, or a negated Deny never matches what it was meant to.",
      badExample:
        '```json\n"Condition": {\n  "StringEquals": { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:log-group:*" }\n}\n```',
      fixedExample:
        '```json\n"Condition": {\n  "StringLike": { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:log-group:*" }\n}\n```',
      whenNotToUse: "When the context value really contains an asterisk or a question mark.",
      references: [REFERENCES.operators, REFERENCES.accessAnalyzer],
    },
  },

  checkPolicy(model, context) {
    forEachKmsStatement(model, (statement, facts) => {
      if (!facts.contextEntries.some(hasLiteralWildcard)) {
        return;
      }
      const offending = facts.contextEntries.filter(hasLiteralWildcard);
      const [first] = offending;
      const fixable = offending.every(
        (condition) => !/IgnoreCase/i.test(condition.entry.operator.base),
      );
      reportStatement(
        context,
        statement,
        `${describeStatement(statement)} compares ${first.entry.key} with a wildcard under ` +
          `${first.entry.operator.raw}, which matches "*" and "?" literally; use StringLike.`,
        [
          fixable
            ? moveConditionsFix(
                context.document,
                statement,
                "Switch to StringLike",
                offending.map((condition) => ({
                  entry: condition.entry,
                  operator: condition.entry.operator.raw.replace(/Equals/i, "Like"),
                })),
              )
            : undefined,
        ],
      );
    });
  },
};

/** Policy variables (`${aws:username}`, `${*}`) are not wildcards; strip them first. */
function hasLiteralWildcard(condition: ContextCondition): boolean {
  if (!isLiteralStringOperator(condition.entry.operator)) {
    return false;
  }
  return condition.entry.values.some(isLiteralWithWildcard);
}

/** `*` or `?` outside `${...}` policy variables. */
function isLiteralWithWildcard(value: PolicyString): boolean {
  if (value.kind !== "literal" || !/[*?]/.test(value.value)) {
    return false;
  }
  return /[*?]/.test(value.value.replace(/\$\{[^}]*\}/g, ""));
}
