import { hasContextCarryingAction } from "../../engine/policy/facts";
import { editStatementFix } from "../../engine/policy/fixes";
import type { PolicyStatement } from "../../engine/policy/model";
import type { RuleContext } from "../../engine/rule-context";
import type { Fix } from "../../engine/types";
import type { SentContextKey } from "../../engine/workspace-facts";
import type { Rule } from "../rule";
import {
  describeStatement,
  forEachKmsStatement,
  listActions,
  REFERENCES,
  reportStatement,
} from "./shared";

/** How many of the workspace's context keys the fix offers before the placeholder. */
const MAX_SUGGESTED_KEYS = 3;
const PLACEHOLDER_KEY = "<context-key>";
const PLACEHOLDER_VALUE = "<expected-value>";

export const missingContextCondition: Rule = {
  meta: {
    code: "KMS101",
    name: "missing-context-condition",
    summary:
      "An Allow statement grants a KMS action that carries an encryption context without any encryption-context condition.",
    defaultSeverity: "warning",
    area: "policy",
    fix: "sometimes",
    docs: {
      whatItFlags:
        "An `Allow` statement whose actions include an action that carries an encryption context " +
        "(`kms:Encrypt`, `kms:Decrypt`, `kms:ReEncryptFrom`/`To`, the four `kms:GenerateDataKey*` " +
        "actions, or a wildcard such as `kms:*`, `kms:Decrypt*` or `*` that covers them) and that has " +
        "no condition on `kms:EncryptionContext:<key>` or `kms:EncryptionContextKeys` at all.\n\n" +
        "Not flagged: the key policy's account-root delegation statement, `Deny` statements, " +
        "statements whose actions never carry a context, and trust policies. A statement whose " +
        "context condition is present but flawed gets the more specific rule (KMS102–KMS109).",
      whyItMatters:
        "Without a context condition the principal can use the key for any data, with any context " +
        "or none. Requiring the pairs your application sends binds the permission to the data it " +
        "is meant for, and makes a stolen credential much less useful.",
      badExample:
        '```json\n{\n  "Effect": "Allow",\n  "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },\n  "Action": ["kms:Decrypt", "kms:GenerateDataKey"],\n  "Resource": "*"\n}\n```',
      fixedExample:
        '```json\n{\n  "Effect": "Allow",\n  "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },\n  "Action": ["kms:Decrypt", "kms:GenerateDataKey"],\n  "Resource": "*",\n  "Condition": {\n    "StringEquals": { "kms:EncryptionContext:tenant": "${aws:PrincipalTag/tenant}" }\n  }\n}\n```',
      whenNotToUse:
        "When a principal legitimately needs the key for data whose context it cannot know in " +
        "advance (a generic re-encryption job), and the risk is accepted; silence the statement " +
        "with the config file's `ignore` list rather than turning the rule off.",
      references: [REFERENCES.conditionKeys, REFERENCES.encryptionContext],
    },
  },

  checkPolicy(model, context) {
    // The workspace's keys are looked up once per document: the index scans every call it holds.
    let sent: SentContextKey[] | undefined;
    const sentKeys = () =>
      (sent ??= context.workspace?.sentContextKeys().slice(0, MAX_SUGGESTED_KEYS) ?? []);

    forEachKmsStatement(model, (statement, facts) => {
      if (statement.effect !== "Allow" || !statement.conditionsComplete) {
        return;
      }
      if (!hasContextCarryingAction(facts)) {
        return;
      }
      if (facts.contextEntries.length > 0 || facts.malformedEntries.length > 0) {
        return;
      }

      const carrying = facts.carryingActions;
      reportStatement(
        context,
        statement,
        `${describeStatement(statement)} allows ${listActions(carrying)} without any encryption-context ` +
          "condition, so the key works for any data, with any context or none.",
        contextConditionFixes(statement, context, sentKeys()),
      );
    });
  },
};

function contextConditionFixes(
  statement: PolicyStatement,
  context: RuleContext,
  sent: SentContextKey[],
): (Fix | undefined)[] {
  const fixes: (Fix | undefined)[] = sent.map((key, index) =>
    editStatementFix(
      context.document,
      statement,
      `Require encryption context "${key.key}" (sent by the workspace's code)`,
      [
        {
          kind: "set",
          path: ["Condition", "StringEquals", `kms:EncryptionContext:${key.key}`],
          value: key.values[0] ?? PLACEHOLDER_VALUE,
        },
      ],
      index === 0,
    ),
  );

  fixes.push(
    editStatementFix(
      context.document,
      statement,
      "Require an encryption context pair (StringEquals placeholder)",
      [
        {
          kind: "set",
          path: ["Condition", "StringEquals", `kms:EncryptionContext:${PLACEHOLDER_KEY}`],
          value: PLACEHOLDER_VALUE,
        },
      ],
      sent.length === 0,
    ),
  );

  const keyNames = sent.length > 0 ? sent.map((key) => key.key) : [PLACEHOLDER_KEY];
  fixes.push(
    editStatementFix(
      context.document,
      statement,
      "Require encryption context keys (ForAnyValue:StringEquals on kms:EncryptionContextKeys)",
      [
        {
          kind: "set",
          path: ["Condition", "ForAnyValue:StringEquals", "kms:EncryptionContextKeys"],
          value: keyNames.length === 1 ? keyNames[0] : keyNames,
        },
      ],
    ),
  );
  return fixes;
}
