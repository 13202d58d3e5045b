import { isNullOperator } from "../../engine/policy/actions";
import type { ContextCondition } from "../../engine/policy/facts";
import { moveConditionsFix } from "../../engine/policy/fixes";
import type { Rule } from "../rule";
import { describeStatement, forEachKmsStatement, REFERENCES, reportStatement } from "./shared";

export const contextKeysWithoutSetOperator: Rule = {
  meta: {
    code: "KMS104",
    name: "context-keys-without-set-operator",
    summary: "kms:EncryptionContextKeys is multi-valued and needs ForAnyValue: or ForAllValues:.",
    defaultSeverity: "warning",
    area: "policy",
    fix: "always",
    docs: {
      whatItFlags:
        "A condition on `kms:EncryptionContextKeys` with a plain operator such as `StringEquals`, " +
        "without a `ForAnyValue:` or `ForAllValues:` prefix. `Null` is not flagged.",
      whyItMatters:
        "`kms:EncryptionContextKeys` holds every key of the request's context. AWS documents it " +
        "only with a set operator; without one the condition compares a list as if it were one " +
        "value, and what it allows is not what it reads like.",
      badExample:
        '```json\n"Condition": {\n  "StringEquals": { "kms:EncryptionContextKeys": "tenant" }\n}\n```',
      fixedExample:
        '```json\n"Condition": {\n  "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "tenant" }\n}\n```',
      whenNotToUse: "Never.",
      references: [REFERENCES.conditionKeys, REFERENCES.multiValued],
    },
  },

  checkPolicy(model, context) {
    forEachKmsStatement(model, (statement, facts) => {
      if (!facts.contextEntries.some(isKeysWithoutSetOperator)) {
        return;
      }
      const offending = facts.contextEntries.filter(isKeysWithoutSetOperator);
      reportStatement(
        context,
        statement,
        `${describeStatement(statement)} tests the multi-valued kms:EncryptionContextKeys with ` +
          `${offending[0].entry.operator.raw}; use ForAnyValue: (at least one of these keys) or ForAllValues: (only these keys).`,
        [
          moveConditionsFix(
            context.document,
            statement,
            "Add ForAnyValue: to the operator",
            offending.map((condition) => ({
              entry: condition.entry,
              operator: `ForAnyValue:${condition.entry.operator.raw}`,
            })),
          ),
        ],
      );
    });
  },
};

/** A plain operator on the multi-valued key list (a module function: no closure per statement). */
function isKeysWithoutSetOperator(condition: ContextCondition): boolean {
  return (
    condition.kind === "keys" &&
    !condition.entry.operator.setOperator &&
    !isNullOperator(condition.entry.operator)
  );
}
