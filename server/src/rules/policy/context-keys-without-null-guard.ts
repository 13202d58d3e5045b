import { isNullOperator } from "../../engine/policy/actions";
import {
  isRequiringPair,
  type ContextCondition,
  type StatementFacts,
} from "../../engine/policy/facts";
import { editStatementFix } from "../../engine/policy/fixes";
import type { PolicyString } from "../../engine/policy/model";
import type { Rule } from "../rule";
import { describeStatement, forEachKmsStatement, REFERENCES, reportStatement } from "./shared";

export const contextKeysWithoutNullGuard: Rule = {
  meta: {
    code: "KMS102",
    name: "context-keys-without-null-guard",
    summary:
      "ForAllValues on kms:EncryptionContextKeys without a Null guard also matches requests that send no encryption context.",
    defaultSeverity: "warning",
    area: "policy",
    fix: "always",
    docs: {
      whatItFlags:
        "An `Allow` statement with a `ForAllValues:` operator on `kms:EncryptionContextKeys` and " +
        'neither a `"Null": { "kms:EncryptionContextKeys": "false" }` guard nor a required ' +
        "`kms:EncryptionContext:<key>` pair.",
      whyItMatters:
        "`ForAllValues` is true when the request has no values at all, so the key allow-list also " +
        "lets through requests with no encryption context. The condition reads like a requirement " +
        "but only limits which keys may appear.",
      badExample:
        '```json\n"Condition": {\n  "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["tenant", "purpose"] }\n}\n```',
      fixedExample:
        '```json\n"Condition": {\n  "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["tenant", "purpose"] },\n  "Null": { "kms:EncryptionContextKeys": "false" }\n}\n```',
      whenNotToUse: "When requests without any context are meant to be allowed by this statement.",
      references: [REFERENCES.conditionKeys, REFERENCES.multiValued],
    },
  },

  checkPolicy(model, context) {
    forEachKmsStatement(model, (statement, facts) => {
      if (statement.effect !== "Allow" || !statement.conditionsComplete) {
        return;
      }
      const allowList = facts.contextEntries.find(isKeyAllowList);
      if (!allowList || hasPresenceGuard(facts)) {
        return;
      }
      reportStatement(
        context,
        statement,
        `${describeStatement(statement)} uses ${allowList.entry.operator.raw} on kms:EncryptionContextKeys ` +
          "with no Null guard or required pair, so requests with no encryption context also match.",
        [
          editStatementFix(
            context.document,
            statement,
            'Add "Null": { "kms:EncryptionContextKeys": "false" }',
            [
              {
                kind: "set",
                path: ["Condition", "Null", "kms:EncryptionContextKeys"],
                value: "false",
              },
            ],
            true,
          ),
        ],
      );
    });
  },
};

// The predicates are module functions rather than arrows inside the loop: a large policy would
// otherwise allocate a closure per statement for each of them.

function isKeyAllowList(condition: ContextCondition): boolean {
  return condition.kind === "keys" && condition.entry.operator.setOperator === "ForAllValues";
}

/** Something in the statement fails when the request has no encryption context. */
function hasPresenceGuard(facts: StatementFacts): boolean {
  return facts.contextEntries.some(isPresenceGuard);
}

function isPresenceGuard(condition: ContextCondition): boolean {
  const operator = condition.entry.operator;
  if (condition.kind === "pair") {
    return isRequiringPair(condition);
  }
  if (isNullOperator(operator)) {
    // An unknown value (an intrinsic) may well be "false": never invent a finding from it.
    return condition.entry.values.some(mayBeFalse);
  }
  return operator.setOperator === "ForAnyValue" && !operator.ifExists && !operator.negated;
}

function mayBeFalse(value: PolicyString): boolean {
  return value.kind !== "literal" || value.value === "false";
}
