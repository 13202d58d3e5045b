import { moveConditionsFix } from "../../engine/policy/fixes";
import type { ContextCondition } from "../../engine/policy/facts";
import type { Rule } from "../rule";
import { describeStatement, forEachKmsStatement, REFERENCES, reportStatement } from "./shared";

export const optionalContextCondition: Rule = {
  meta: {
    code: "KMS107",
    name: "optional-context-condition",
    summary:
      "An …IfExists operator on an encryption-context key in an Allow makes the context optional.",
    defaultSeverity: "warning",
    area: "policy",
    fix: "always",
    docs: {
      whatItFlags:
        "An `Allow` statement with an `…IfExists` operator (`StringEqualsIfExists`, " +
        "`StringLikeIfExists`…) on `kms:EncryptionContext:<key>` or `kms:EncryptionContextKeys`.",
      whyItMatters:
        "`IfExists` makes the condition true when the key is missing from the request, so a " +
        "request that sends no encryption context (or not that key) is allowed. The policy reads " +
        "as a requirement but enforces nothing for callers that omit the context.",
      badExample:
        '```json\n"Condition": {\n  "StringEqualsIfExists": { "kms:EncryptionContext:tenant": "t-42" }\n}\n```',
      fixedExample:
        '```json\n"Condition": {\n  "StringEquals": { "kms:EncryptionContext:tenant": "t-42" }\n}\n```',
      whenNotToUse:
        "When the same statement must also allow requests that legitimately carry no context and " +
        "that is an accepted risk; prefer a separate statement for them.",
      references: [REFERENCES.operators, REFERENCES.conditionKeys],
    },
  },

  checkPolicy(model, context) {
    forEachKmsStatement(model, (statement, facts) => {
      if (statement.effect !== "Allow") {
        return;
      }
      if (!facts.contextEntries.some(isIfExists)) {
        return;
      }
      const offending = facts.contextEntries.filter(isIfExists);
      reportStatement(
        context,
        statement,
        `${describeStatement(statement)} uses ${offending[0].entry.operator.raw} on ` +
          `${offending[0].entry.key}: requests without that context key pass the condition.`,
        [
          moveConditionsFix(
            context.document,
            statement,
            "Drop IfExists so the context is required",
            offending.map((condition) => ({
              entry: condition.entry,
              operator: condition.entry.operator.raw.slice(0, -"IfExists".length),
            })),
          ),
        ],
      );
    });
  },
};

/** A module function rather than an arrow in the loop: no closure per statement. */
function isIfExists(condition: ContextCondition): boolean {
  return condition.entry.operator.ifExists;
}
