import { ruleDocsUrl } from "../../rules/links";
import type { WorkspaceFacts } from "../workspace-facts";
import { classifyConditionKey, CONTEXT_CONDITION_ACTIONS, isLikeOperator } from "./actions";
import type { ConditionEntry, ParsedOperator, PolicyModel } from "./model";

/**
 * Hover help for policy condition keys and operators, as pure functions over a `PolicyModel`:
 * the language server turns the result into an LSP hover, other callers can print it.
 */

/** Markdown for one hovered word and the offsets of that word. */
export interface PolicyHover {
  markdown: string;
  start: number;
  end: number;
}

const CONTEXT_ACTIONS = [...CONTEXT_CONDITION_ACTIONS]
  .map((action) => `\`kms:${action}\``)
  .join(", ");

const RULE_LINK = (name: string, code: string) => `[${code} ${name}](${ruleDocsUrl(name)})`;

/**
 * The hover for the condition key or operator at `offset` of a document whose policy model is
 * `model`, or undefined when the offset is on neither inside a recognised policy.
 */
export function policyHoverAt(
  model: PolicyModel,
  offset: number,
  workspace?: WorkspaceFacts,
): PolicyHover | undefined {
  for (const statement of model.statements) {
    if (offset < statement.start || offset > statement.end) {
      continue;
    }
    for (const entry of statement.conditions) {
      if (offset >= entry.keyStart && offset <= entry.keyEnd) {
        const markdown = keyHover(entry, workspace);
        return markdown ? { markdown, start: entry.keyStart, end: entry.keyEnd } : undefined;
      }
      if (offset >= entry.operatorStart && offset <= entry.operatorEnd) {
        return {
          markdown: operatorHover(entry.operator),
          start: entry.operatorStart,
          end: entry.operatorEnd,
        };
      }
    }
  }
  return undefined;
}

function keyHover(entry: ConditionEntry, workspace?: WorkspaceFacts): string | undefined {
  const kind = classifyConditionKey(entry.key);
  const lower = entry.key.toLowerCase();

  if (kind.kind === "pair") {
    const sent = workspace?.sentContextKeys().find((key) => key.key === kind.contextKey);
    const sentLine = sent
      ? `\n\nThe workspace's code sends \`${kind.contextKey}\` in ${sent.count} call(s)` +
        (sent.values.length > 0
          ? `, with ${sent.values
              .slice(0, 3)
              .map((value) => `\`${value}\``)
              .join(", ")}.`
          : ".")
      : workspace
        ? `\n\nNo code in the workspace sends the context key \`${kind.contextKey}\`.`
        : "";
    return [
      `**\`kms:EncryptionContext:${kind.contextKey}\`** — the value of the encryption-context pair \`${kind.contextKey}\` in the request.`,
      `Single-valued. Evaluated for ${CONTEXT_ACTIONS}; other actions never satisfy it.`,
      "Pitfalls: a `ForAllValues:`/`ForAnyValue:` prefix also matches requests without the pair " +
        `(${RULE_LINK("set-operator-on-context-pair", "KMS103")}); \`…IfExists\` makes it optional ` +
        `(${RULE_LINK("optional-context-condition", "KMS107")}); \`*\` and \`?\` need \`StringLike\` ` +
        `(${RULE_LINK("wildcard-without-like-operator", "KMS108")}). The key name is compared ` +
        "case-insensitively; to pin its case add `ForAnyValue:StringEquals` on `kms:EncryptionContextKeys`." +
        sentLine,
    ].join("\n\n");
  }

  if (kind.kind === "keys") {
    return [
      "**`kms:EncryptionContextKeys`** — the list of keys in the request's encryption context.",
      `Multi-valued: use it with \`ForAnyValue:\` (at least one listed key is present) or \`ForAllValues:\` (no unlisted key). Evaluated for ${CONTEXT_ACTIONS}.`,
      `Pitfalls: without a set operator it does not do what it reads like (${RULE_LINK("context-keys-without-set-operator", "KMS104")}); ` +
        '`ForAllValues:` alone also matches requests with no context — add `"Null": { "kms:EncryptionContextKeys": "false" }` ' +
        `(${RULE_LINK("context-keys-without-null-guard", "KMS102")}). The Encryption SDK adds \`aws-crypto-public-key\` with its default signing suites.`,
    ].join("\n\n");
  }

  if (kind.kind === "malformed") {
    return `**\`${entry.key}\`** is not a condition key IAM knows: ${kind.reason}. It never matches a request (${RULE_LINK("malformed-context-condition-key", "KMS109")}).`;
  }

  if (lower === "kms:grantconstrainttype") {
    return [
      "**`kms:GrantConstraintType`** — the kind of encryption-context constraint in a `CreateGrant` request: `EncryptionContextEquals` or `EncryptionContextSubset`.",
      "Single-valued. Evaluated for `kms:CreateGrant` and `kms:RetireGrant`.",
      "Prefer `EncryptionContextEquals`: `EncryptionContextSubset` also accepts extra pairs. Without a constraint condition a principal can create unconstrained grants " +
        `(${RULE_LINK("create-grant-without-constraint-condition", "KMS110")}).`,
    ].join("\n\n");
  }

  if (lower === "kms:grantisforawsresource") {
    return [
      "**`kms:GrantIsForAWSResource`** — `true` only when an AWS service integrated with AWS KMS creates the grant on the principal's behalf.",
      "Boolean. Evaluated for `kms:CreateGrant`, `kms:ListGrants` and `kms:RevokeGrant`.",
      "It limits grants to AWS services acting for the principal, but does not constrain the grant's encryption context " +
        `(${RULE_LINK("create-grant-without-constraint-condition", "KMS110")}).`,
    ].join("\n\n");
  }
  return undefined;
}

function operatorHover(operator: ParsedOperator): string {
  const parts = [`**\`${operator.raw}\`**`];

  if (operator.setOperator === "ForAllValues") {
    parts.push(
      "`ForAllValues:` — true when **every** value in the request matches one listed value, and also when the request has **no** value for the key.",
    );
  } else if (operator.setOperator === "ForAnyValue") {
    parts.push(
      "`ForAnyValue:` — true when **at least one** value in the request matches; false when the key is absent.",
    );
  }

  const base = operator.base;
  if (/^null$/i.test(base)) {
    parts.push(
      '`Null` — `"false"` requires the key to be present, `"true"` requires it to be absent.',
    );
  } else if (isLikeOperator(operator)) {
    parts.push(`\`${base}\` — case-sensitive match where \`*\` and \`?\` are wildcards.`);
  } else if (/^String/i.test(base)) {
    parts.push(
      `\`${base}\` — ${/IgnoreCase/i.test(base) ? "case-insensitive" : "case-sensitive"} exact match; \`*\` and \`?\` are literal characters (${RULE_LINK("wildcard-without-like-operator", "KMS108")}).`,
    );
  } else {
    parts.push(`\`${base}\` condition operator.`);
  }

  if (operator.negated) {
    parts.push(
      `Negated: a request **without** the key matches. In a \`Deny\` on a context key, actions that never carry a context are always denied (${RULE_LINK("deny-negated-context-condition", "KMS106")}).`,
    );
  }
  if (operator.ifExists) {
    parts.push(
      `\`IfExists\`: the condition is true when the key is absent. In an \`Allow\` on a context key this makes the context optional (${RULE_LINK("optional-context-condition", "KMS107")}).`,
    );
  }
  return parts.join("\n\n");
}
