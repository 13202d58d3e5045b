import { moveConditionsFix } from "../../engine/policy/fixes";
import type { ContextCondition } from "../../engine/policy/facts";
import type { Rule } from "../rule";
import { describeStatement, forEachKmsStatement, REFERENCES, reportStatement } from "./shared";

export const setOperatorOnContextPair: Rule = {
  meta: {
    code: "KMS103",
    name: "set-operator-on-context-pair",
    summary:
      "ForAllValues or ForAnyValue on the single-valued kms:EncryptionContext:<key> condition key.",
    defaultSeverity: "error",
    area: "policy",
    fix: "always",
    docs: {
      whatItFlags:
        "A `ForAllValues:` or `ForAnyValue:` operator on a `kms:EncryptionContext:<key>` condition " +
        "key, in any statement.",
      whyItMatters:
        "`kms:EncryptionContext:<key>` is single-valued. With `ForAllValues` the condition also " +
        "matches requests with no encryption context or with pairs that are not listed, and AWS KMS " +
        "now rejects such key policies (`OverlyPermissiveCondition`). `ForAnyValue` on a " +
        "single-valued key is discouraged for the same reason.",
      badExample:
        '```json\n"Condition": {\n  "ForAllValues:StringEquals": { "kms:EncryptionContext:tenant": "t-42" }\n}\n```',
      fixedExample:
        '```json\n"Condition": {\n  "StringEquals": { "kms:EncryptionContext:tenant": "t-42" }\n}\n```',
      whenNotToUse: "Never: the plain operator expresses the same intent correctly.",
      references: [REFERENCES.conditionKeys, REFERENCES.multiValued, REFERENCES.accessAnalyzer],
    },
  },

  checkPolicy(model, context) {
    forEachKmsStatement(model, (statement, facts) => {
      if (!facts.contextEntries.some(isPairWithSetOperator)) {
        return;
      }
      const offending = facts.contextEntries.filter(isPairWithSetOperator);
      const [first] = offending;
      reportStatement(
        context,
        statement,
        `${describeStatement(statement)} uses ${first.entry.operator.raw} on the single-valued ` +
          `${first.entry.key}; it also matches requests without that context pair. Drop the set operator.`,
        [
          moveConditionsFix(
            context.document,
            statement,
            "Drop the set operator",
            offending.map((condition) => ({
              entry: condition.entry,
              operator: condition.entry.operator.raw.slice(
                condition.entry.operator.raw.indexOf(":") + 1,
              ),
            })),
          ),
        ],
      );
    });
  },
};

/** A module function rather than an arrow in the loop: no closure per statement. */
function isPairWithSetOperator(condition: ContextCondition): boolean {
  return condition.kind === "pair" && condition.entry.operator.setOperator !== undefined;
}
