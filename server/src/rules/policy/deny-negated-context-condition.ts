import { actionsWithoutContext, type ContextCondition } from "../../engine/policy/facts";
import { splitStatementFix } from "../../engine/policy/fixes";
import type { Rule } from "../rule";
import {
  describeStatement,
  forEachKmsStatement,
  listActions,
  REFERENCES,
  reportStatement,
} from "./shared";

export const denyNegatedContextCondition: Rule = {
  meta: {
    code: "KMS106",
    name: "deny-negated-context-condition",
    summary:
      "A Deny with a negated operator on an encryption-context key always denies the actions that never carry a context.",
    defaultSeverity: "warning",
    area: "policy",
    fix: "sometimes",
    docs: {
      whatItFlags:
        "A `Deny` statement with a negated operator (`StringNotEquals`, `StringNotLike`, with or " +
        "without `IfExists`) on `kms:EncryptionContext:<key>` or `kms:EncryptionContextKeys`, whose " +
        "actions include actions that never carry a context (`kms:DescribeKey`, `kms:*`…).",
      whyItMatters:
        "A missing key makes a negated operator true, with or without `IfExists`. Requests for " +
        "actions that have no encryption context therefore always match, and the statement denies " +
        "them to everyone it names: `kms:DescribeKey`, key administration, signing.",
      badExample:
        '```json\n{\n  "Effect": "Deny",\n  "Principal": "*",\n  "Action": "kms:*",\n  "Resource": "*",\n  "Condition": { "StringNotEquals": { "kms:EncryptionContext:tenant": "t-42" } }\n}\n```',
      fixedExample:
        '```json\n{\n  "Effect": "Deny",\n  "Principal": "*",\n  "Action": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],\n  "Resource": "*",\n  "Condition": { "StringNotEquals": { "kms:EncryptionContext:tenant": "t-42" } }\n}\n```',
      whenNotToUse: "When denying those actions to everyone named is intended.",
      references: [REFERENCES.operators, REFERENCES.conditionKeys],
    },
  },

  checkPolicy(model, context) {
    forEachKmsStatement(model, (statement, facts) => {
      if (statement.effect !== "Deny") {
        return;
      }
      const negated = facts.contextEntries.find(isNegated);
      if (!negated) {
        return;
      }
      const unsupported = actionsWithoutContext(facts);
      if (unsupported.length === 0) {
        return;
      }
      reportStatement(
        context,
        statement,
        `${describeStatement(statement)} denies with ${negated.entry.operator.raw} on ${negated.entry.key}; ` +
          `it also lists ${listActions(unsupported)}, which never carry a context: they are always denied.`,
        [
          splitStatementFix(
            context.document,
            statement,
            "Limit the Deny to context-capable actions",
            { keepOthers: false },
          ),
          splitStatementFix(
            context.document,
            statement,
            "Split the statement: context-capable actions keep the condition",
          ),
        ],
      );
    });
  },
};

/** A module function rather than an arrow in the loop: no closure per statement. */
function isNegated(condition: ContextCondition): boolean {
  return condition.entry.operator.negated;
}
