import { editStatementFix } from "../../engine/policy/fixes";
import type { Rule } from "../rule";
import { describeStatement, forEachKmsStatement, REFERENCES, reportStatement } from "./shared";

export const malformedContextConditionKey: Rule = {
  meta: {
    code: "KMS109",
    name: "malformed-context-condition-key",
    summary: "A condition key that looks like an encryption-context key but is not one IAM knows.",
    defaultSeverity: "error",
    area: "policy",
    fix: "sometimes",
    docs: {
      whatItFlags:
        "A bare `kms:EncryptionContext` key, a misspelt one (`kms:EncryptionContexts:…`, " +
        "`kms:EncrytionContext:…`, `kms:EncryptionContextKey`), or the documentation's literal " +
        "placeholder `kms:EncryptionContext:${EncryptionContextKey}`.",
      whyItMatters:
        "IAM does not reject unknown condition keys: the key is simply absent from every request. " +
        "A positive operator on it then never matches (the statement never allows anything) and a " +
        "negated one always matches, so the intended context check does not happen.",
      badExample:
        '```json\n"Condition": {\n  "StringEquals": { "kms:EncryptionContexts:tenant": "t-42" }\n}\n```',
      fixedExample:
        '```json\n"Condition": {\n  "StringEquals": { "kms:EncryptionContext:tenant": "t-42" }\n}\n```',
      whenNotToUse: "Never.",
      references: [REFERENCES.conditionKeys],
    },
  },

  checkPolicy(model, context) {
    forEachKmsStatement(model, (statement, facts) => {
      const [first] = facts.malformedEntries;
      if (!first) {
        return;
      }
      const corrected = correctedKey(first.entry.key);
      reportStatement(
        context,
        statement,
        `${describeStatement(statement)} has the condition key "${first.entry.key}": ${first.reason}.`,
        [
          corrected
            ? editStatementFix(
                context.document,
                statement,
                `Rename the key to "${corrected}"`,
                [
                  {
                    kind: "rename",
                    path: ["Condition", first.entry.operator.raw, first.entry.key],
                    newKey: corrected,
                  },
                ],
                true,
              )
            : undefined,
        ],
      );
    });
  },
};

/** The intended key for a misspelt one that still names a context key (`kms:EncrytionContext:k`). */
function correctedKey(key: string): string | undefined {
  const match = /^kms:([^:]+):(.+)$/i.exec(key);
  if (!match || match[2].includes("${")) {
    return /^kms:EncryptionContextKey$/i.test(key) ? "kms:EncryptionContextKeys" : undefined;
  }
  return `kms:EncryptionContext:${match[2]}`;
}
