import { classifyConditionKey } from "../../engine/policy/actions";
import { editStatementFix } from "../../engine/policy/fixes";
import type { ConditionEntry } from "../../engine/policy/model";
import type { Rule } from "../rule";
import { describeStatement, forEachKmsStatement, REFERENCES, reportStatement } from "./shared";

const CONSTRAINING_KEYS = new Set(["kms:grantconstrainttype", "kms:grantisforawsresource"]);

export const createGrantWithoutConstraintCondition: Rule = {
  meta: {
    code: "KMS110",
    name: "create-grant-without-constraint-condition",
    summary:
      "An Allow of kms:CreateGrant without a condition that forces grants to carry an encryption-context constraint.",
    defaultSeverity: "warning",
    area: "policy",
    fix: "always",
    docs: {
      whatItFlags:
        "An `Allow` statement (other than the account-root delegation) that allows " +
        "`kms:CreateGrant`, directly or through a wildcard, with none of `kms:GrantConstraintType`, " +
        "`kms:EncryptionContext:<key>`, `kms:EncryptionContextKeys` or `kms:GrantIsForAWSResource` " +
        "in its conditions.",
      whyItMatters:
        "A grant gives its grantee the key's operations outside the key policy. Without a " +
        "constraint condition the principal can create grants with no encryption-context " +
        "constraint, and hand out unrestricted use of the key.",
      badExample:
        '```json\n{\n  "Effect": "Allow",\n  "Principal": { "AWS": "arn:aws:iam::111122223333:role/GrantMaker" },\n  "Action": "kms:CreateGrant",\n  "Resource": "*"\n}\n```',
      fixedExample:
        '```json\n{\n  "Effect": "Allow",\n  "Principal": { "AWS": "arn:aws:iam::111122223333:role/GrantMaker" },\n  "Action": "kms:CreateGrant",\n  "Resource": "*",\n  "Condition": { "StringEquals": { "kms:GrantConstraintType": "EncryptionContextEquals" } }\n}\n```',
      whenNotToUse:
        "For a principal that must create grants for integrations you do not control, after " +
        "checking that `kms:GrantIsForAWSResource` does not fit.",
      references: [REFERENCES.grants, REFERENCES.conditionKeys],
    },
  },

  checkPolicy(model, context) {
    forEachKmsStatement(model, (statement, facts) => {
      if (statement.effect !== "Allow" || !statement.conditionsComplete) {
        return;
      }
      if (!facts.kmsActions.has("CreateGrant")) {
        return;
      }
      if (statement.conditions.some(constrainsGrants)) {
        return;
      }
      reportStatement(
        context,
        statement,
        `${describeStatement(statement)} allows kms:CreateGrant without kms:GrantConstraintType, ` +
          "a context condition or kms:GrantIsForAWSResource, so grants without an encryption-context constraint can be created.",
        [
          editStatementFix(
            context.document,
            statement,
            "Require grants with EncryptionContextEquals (kms:GrantConstraintType)",
            [
              {
                kind: "set",
                path: ["Condition", "StringEquals", "kms:GrantConstraintType"],
                value: "EncryptionContextEquals",
              },
            ],
            true,
          ),
        ],
      );
    });
  },
};

/** A condition that limits which grants can be created (a module function: no closure per statement). */
function constrainsGrants(entry: ConditionEntry): boolean {
  return (
    CONSTRAINING_KEYS.has(entry.key.toLowerCase()) ||
    classifyConditionKey(entry.key).kind !== "other"
  );
}
