import { isKmsStatement, statementFacts, type StatementFacts } from "../../engine/policy/facts";
import type { PolicyModel, PolicyStatement } from "../../engine/policy/model";
import type { Fix } from "../../engine/types";
import type { RuleContext } from "../../engine/rule-context";

/** AWS pages the policy rules rest on. */
export const REFERENCES = {
  conditionKeys: {
    title: "AWS KMS condition keys: kms:EncryptionContext and kms:EncryptionContextKeys",
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html",
  },
  encryptionContext: {
    title: "AWS KMS encryption context",
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html",
  },
  multiValued: {
    title: "IAM: single-valued vs multivalued context keys",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html",
  },
  operators: {
    title: "IAM JSON policy elements: condition operators",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
  },
  accessAnalyzer: {
    title: "IAM Access Analyzer policy check reference",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html",
  },
  keyPolicyServices: {
    title: "AWS KMS: allowing AWS services to use a KMS key",
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-services.html",
  },
  grants: {
    title: "AWS KMS grant constraints and grant condition keys",
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/create-grant-overview.html",
  },
} as const;

/** One statement worth checking, with its derived facts. */
interface KmsStatement {
  statement: PolicyStatement;
  facts: StatementFacts;
}

const kmsStatementsByModel = new WeakMap<PolicyModel, KmsStatement[]>();

/**
 * Calls `check` for each statement a KMS policy rule should look at: a readable effect, KMS
 * actions that apply, and not the key policy's account-root delegation statement. The list is
 * worked out once per model and shared by all the policy rules.
 */
export function forEachKmsStatement(
  model: PolicyModel,
  check: (statement: PolicyStatement, facts: StatementFacts) => void,
): void {
  let selected = kmsStatementsByModel.get(model);
  if (!selected) {
    selected = [];
    for (const statement of model.statements) {
      const facts = statementFacts(statement);
      if (isKmsStatement(statement, facts) && !facts.isRootDelegation) {
        selected.push({ statement, facts });
      }
    }
    kmsStatementsByModel.set(model, selected);
  }
  for (const { statement, facts } of selected) {
    check(statement, facts);
  }
}

/** Reports a finding on the whole statement, as every KMS1xx rule does. */
export function reportStatement(
  context: RuleContext,
  statement: PolicyStatement,
  message: string,
  fixes: (Fix | undefined)[] = [],
): void {
  context.report({
    start: statement.start,
    end: statement.end,
    message,
    fixes: fixes.filter((fix): fix is Fix => fix !== undefined),
    data: { statementIndex: statement.index, sid: statement.sid },
  });
}

/** `statement "Sid"` or `statement 3`, for messages. */
export function describeStatement(statement: PolicyStatement): string {
  return statement.sid ? `Statement "${statement.sid}"` : `Statement ${statement.index + 1}`;
}

/** A short list of names for messages: `kms:DescribeKey, kms:Sign and 3 more`. */
export function listActions(actions: readonly string[], limit = 3): string {
  const shown = actions.slice(0, limit).map((action) => `kms:${action}`);
  const rest = actions.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}
