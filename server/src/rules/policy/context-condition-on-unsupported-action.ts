import { actionsWithoutContext, isRequiringPair } from "../../engine/policy/facts";
import { splitStatementFix } from "../../engine/policy/fixes";
import type { Rule } from "../rule";
import {
  describeStatement,
  forEachKmsStatement,
  listActions,
  REFERENCES,
  reportStatement,
} from "./shared";

export const contextConditionOnUnsupportedAction: Rule = {
  meta: {
    code: "KMS105",
    name: "context-condition-on-unsupported-action",
    summary:
      "An Allow with an encryption-context condition also lists actions that never carry a context, so those actions are never allowed by it.",
    defaultSeverity: "warning",
    area: "policy",
    fix: "sometimes",
    docs: {
      whatItFlags:
        "An `Allow` statement with a condition on `kms:EncryptionContext:<key>` or " +
        "`kms:EncryptionContextKeys` whose actions include actions for which those keys are never " +
        "evaluated: `kms:DescribeKey`, `kms:Sign`, `kms:GenerateMac`, `kms:Describe*`, `kms:*`…\n\n" +
        "A statement for an AWS service principal with a proper context condition (as AWS documents " +
        "for CloudWatch Logs) is left alone.",
      whyItMatters:
        "A request for an action without an encryption context never satisfies a context " +
        "condition, so the statement silently never allows those actions. AWS notes that this " +
        "denies `kms:DescribeKey`, which many integrations call first.",
      badExample:
        '```json\n{\n  "Effect": "Allow",\n  "Action": ["kms:Decrypt", "kms:DescribeKey"],\n  "Resource": "*",\n  "Condition": { "StringEquals": { "kms:EncryptionContext:tenant": "t-42" } }\n}\n```',
      fixedExample:
        '```json\n{\n  "Effect": "Allow",\n  "Action": "kms:Decrypt",\n  "Resource": "*",\n  "Condition": { "StringEquals": { "kms:EncryptionContext:tenant": "t-42" } }\n},\n{\n  "Effect": "Allow",\n  "Action": "kms:DescribeKey",\n  "Resource": "*"\n}\n```',
      whenNotToUse: "When the unsupported actions are listed on purpose to keep them denied.",
      references: [
        REFERENCES.conditionKeys,
        REFERENCES.keyPolicyServices,
        REFERENCES.accessAnalyzer,
      ],
    },
  },

  checkPolicy(model, context) {
    forEachKmsStatement(model, (statement, facts) => {
      if (statement.effect !== "Allow" || facts.contextEntries.length === 0) {
        return;
      }
      if (facts.servicePrincipalsOnly && facts.contextEntries.some(isRequiringPair)) {
        return;
      }
      const unsupported = actionsWithoutContext(facts);
      if (unsupported.length === 0) {
        return;
      }
      reportStatement(
        context,
        statement,
        `${describeStatement(statement)} has an encryption-context condition, but it also lists ` +
          `${listActions(unsupported)}, which never carry a context: this statement never allows them.`,
        [
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
