import { stringify } from "yaml";
import type { ContextPair, ContextValue } from "./types";

/** A policy `Condition` block: operator → condition key → value or values. */
export type ConditionBlock = Record<string, Record<string, string | string[]>>;

/** Choices for the condition the builder writes. */
export interface ConditionOptions {
  /**
   * Also write `ForAllValues:StringEquals` on `kms:EncryptionContextKeys` with exactly these
   * keys, so requests with extra keys are refused, plus the `Null` guard that stops the
   * allow-list from matching a request with no context at all.
   */
  keysAllowList?: boolean;
  /**
   * Add `aws-crypto-public-key` to the allow-list: the Encryption SDK adds it with its default
   * signing algorithm suites, and a list without it refuses those calls.
   */
  includeEsdkPublicKey?: boolean;
}

const ESDK_PUBLIC_KEY = "aws-crypto-public-key";

/** `kms:EncryptionContext:<key>`, the condition key for one context pair. */
export function contextConditionKey(key: string): string {
  return `kms:EncryptionContext:${key}`;
}

/**
 * A value as text for targets that cannot run code (policies, grants in JSON, the CLI): a
 * literal is itself, an expression becomes a visible `<placeholder>` to replace.
 */
export function literalOrPlaceholder(value: ContextValue): string {
  return value.kind === "literal" ? value.text : `<${value.text}>`;
}

/**
 * Builds the condition that requires the context. A literal value is required with
 * `StringEquals` (`StringLike` when it has `*` or `?`, which are wildcards in a policy); a value
 * only known at run time cannot be written in a policy, so its key is required to be present
 * with `Null: false` instead.
 */
export function buildConditionBlock(
  pairs: readonly ContextPair[],
  options: ConditionOptions = {},
): ConditionBlock {
  const equals: Record<string, string> = {};
  const like: Record<string, string> = {};
  const present: Record<string, string> = {};

  for (const pair of pairs) {
    const conditionKey = contextConditionKey(pair.key);
    if (pair.value.kind === "expression") {
      present[conditionKey] = "false";
    } else if (/[*?]/.test(pair.value.text)) {
      like[conditionKey] = pair.value.text;
    } else {
      equals[conditionKey] = pair.value.text;
    }
  }

  const block: ConditionBlock = {};
  if (Object.keys(equals).length > 0) {
    block.StringEquals = equals;
  }
  if (Object.keys(like).length > 0) {
    block.StringLike = like;
  }
  if (options.keysAllowList && pairs.length > 0) {
    const keys = pairs.map((pair) => pair.key);
    if (options.includeEsdkPublicKey && !keys.includes(ESDK_PUBLIC_KEY)) {
      keys.push(ESDK_PUBLIC_KEY);
    }
    block["ForAllValues:StringEquals"] = { "kms:EncryptionContextKeys": keys };
    present["kms:EncryptionContextKeys"] = "false";
  }
  if (Object.keys(present).length > 0) {
    block.Null = present;
  }
  return block;
}

/** The condition block as JSON text, indented by `indentUnit` per level. */
export function renderConditionJson(block: ConditionBlock, indentUnit = "  "): string {
  return JSON.stringify({ Condition: block }, null, indentUnit);
}

/** The condition block as a YAML mapping with a `Condition` key. */
export function renderConditionYaml(block: ConditionBlock, indent = 2): string {
  return stringify({ Condition: block }, { indent, lineWidth: 0 });
}
