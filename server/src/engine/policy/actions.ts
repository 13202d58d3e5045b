import { matchSegment } from "../glob";
import type { ParsedOperator } from "./model";

/**
 * What the policy rules know about KMS actions, condition keys and condition operators. This is
 * the single table every policy rule, fix, hover and completion reads, so a fact about KMS
 * changes in one place.
 */

/** Every KMS action, from the Service Authorization Reference. */
export const KMS_ACTIONS: readonly string[] = [
  "CancelKeyDeletion",
  "ConnectCustomKeyStore",
  "CreateAlias",
  "CreateCustomKeyStore",
  "CreateGrant",
  "CreateKey",
  "Decrypt",
  "DeleteAlias",
  "DeleteCustomKeyStore",
  "DeleteImportedKeyMaterial",
  "DeriveSharedSecret",
  "DescribeCustomKeyStores",
  "DescribeKey",
  "DisableKey",
  "DisableKeyRotation",
  "DisconnectCustomKeyStore",
  "EnableKey",
  "EnableKeyRotation",
  "Encrypt",
  "GenerateDataKey",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
  "GenerateDataKeyWithoutPlaintext",
  "GenerateMac",
  "GenerateRandom",
  "GetKeyPolicy",
  "GetKeyRotationStatus",
  "GetParametersForImport",
  "GetPublicKey",
  "ImportKeyMaterial",
  "ListAliases",
  "ListGrants",
  "ListKeyPolicies",
  "ListKeyRotations",
  "ListKeys",
  "ListResourceTags",
  "ListRetirableGrants",
  "PutKeyPolicy",
  "ReEncryptFrom",
  "ReEncryptTo",
  "ReplicateKey",
  "RetireGrant",
  "RevokeGrant",
  "RotateKeyOnDemand",
  "ScheduleKeyDeletion",
  "Sign",
  "SynchronizeMultiRegionKey",
  "TagResource",
  "UntagResource",
  "UpdateAlias",
  "UpdateCustomKeyStore",
  "UpdateKeyDescription",
  "UpdatePrimaryRegion",
  "Verify",
  "VerifyMac",
];

/** The cryptographic actions whose requests carry an encryption context. */
export const CONTEXT_CARRYING_ACTIONS: ReadonlySet<string> = new Set([
  "Encrypt",
  "Decrypt",
  "ReEncryptFrom",
  "ReEncryptTo",
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
]);

/**
 * Actions for which `kms:EncryptionContext:*` and `kms:EncryptionContextKeys` are evaluated:
 * the context-carrying actions plus CreateGrant and RetireGrant, where the keys are matched
 * against the grant's constraint.
 */
export const CONTEXT_CONDITION_ACTIONS: ReadonlySet<string> = new Set([
  ...CONTEXT_CARRYING_ACTIONS,
  "CreateGrant",
  "RetireGrant",
]);

/** The KMS actions a set of action patterns allows, as far as the patterns are known. */
export interface ExpandedActions {
  /** KMS action names (without the `kms:` prefix) the statement applies to. */
  kms: ReadonlySet<string>;
  /** True when some pattern was not a literal (an intrinsic or an expression). */
  hasUnknown: boolean;
  /** The actions among `kms` that carry an encryption context. */
  carrying: readonly string[];
  /** The actions among `kms` for which context condition keys are never evaluated. */
  withoutContext: readonly string[];
}

const patternCache = new Map<string, readonly string[]>();
const expansionCache = new Map<string, ExpandedActions>();
const MAX_CACHED = 10_000;

/**
 * The KMS actions one IAM action pattern matches (`kms:*`, `kms:Decrypt*`, `*`, `KMS:decrypt`).
 * Service prefix and action names compare case-insensitively, as IAM does.
 */
export function kmsActionsMatching(pattern: string): readonly string[] {
  const cached = patternCache.get(pattern);
  if (cached) {
    return cached;
  }

  let matched: readonly string[] = [];
  const trimmed = pattern.trim();
  if (trimmed === "*") {
    matched = KMS_ACTIONS;
  } else {
    const colon = trimmed.indexOf(":");
    const service = colon < 0 ? "" : trimmed.slice(0, colon);
    if (colon >= 0 && matchSegment(service.toLowerCase(), "kms")) {
      const actionPattern = trimmed.slice(colon + 1).toLowerCase();
      matched = KMS_ACTIONS.filter((action) => matchSegment(actionPattern, action.toLowerCase()));
    }
  }

  if (patternCache.size < MAX_CACHED) {
    patternCache.set(pattern, matched);
  }
  return matched;
}

/**
 * Expands a statement's `Action` (or `NotAction`) values into the KMS actions it applies to.
 * `NotAction` applies to every KMS action its patterns do not match. Statements of one policy
 * tend to repeat the same action lists, so expansions are cached by list; callers must not
 * modify the result.
 */
export function expandActions(
  patterns: readonly (string | undefined)[],
  notAction: boolean,
): ExpandedActions {
  const cacheKey = `${notAction ? "!" : ""}${patterns.map((pattern) => pattern ?? "\u0000").join("\n")}`;
  const cached = expansionCache.get(cacheKey);
  if (cached) {
    return cached;
  }

  const matched = new Set<string>();
  let hasUnknown = false;
  for (const pattern of patterns) {
    if (pattern === undefined) {
      hasUnknown = true;
      continue;
    }
    for (const action of kmsActionsMatching(pattern)) {
      matched.add(action);
    }
  }

  const kms = notAction ? new Set(KMS_ACTIONS.filter((action) => !matched.has(action))) : matched;
  const expanded: ExpandedActions = {
    kms,
    hasUnknown,
    carrying: [...kms].filter((action) => CONTEXT_CARRYING_ACTIONS.has(action)),
    withoutContext: [...kms].filter((action) => !CONTEXT_CONDITION_ACTIONS.has(action)),
  };
  if (expansionCache.size < MAX_CACHED) {
    expansionCache.set(cacheKey, expanded);
  }
  return expanded;
}

const singleActionCache = new Map<string, ExpandedActions>();

/**
 * `expandActions([pattern], false)`, for the common statement with one `Action`: looked up by
 * the pattern itself, without building a cache key per statement.
 */
export function expandSingleAction(pattern: string): ExpandedActions {
  let expanded = singleActionCache.get(pattern);
  if (!expanded) {
    expanded = expandActions([pattern], false);
    if (singleActionCache.size < MAX_CACHED) {
      singleActionCache.set(pattern, expanded);
    }
  }
  return expanded;
}

/** How a condition key relates to the encryption context. */
export type ContextKeyKind =
  /** `kms:EncryptionContext:<key>`: one single-valued pair. */
  | { kind: "pair"; contextKey: string }
  /** `kms:EncryptionContextKeys`: the multi-valued list of keys. */
  | { kind: "keys" }
  /** Looks like an attempt at one of the above but is not a key IAM knows. */
  | { kind: "malformed"; reason: string }
  | { kind: "other" };

const PAIR_PREFIX = "kms:encryptioncontext:";
const KEYS_NAME = "kms:encryptioncontextkeys";
const DOCS_PLACEHOLDER = "${encryptioncontextkey}";

const keyKindCache = new Map<string, ContextKeyKind>();

/**
 * Classifies a condition key; names compare case-insensitively, as IAM compares them. Results
 * are cached by key and shared: callers must not modify them.
 */
export function classifyConditionKey(key: string): ContextKeyKind {
  let kind = keyKindCache.get(key);
  if (!kind) {
    kind = classifyUncached(key);
    if (keyKindCache.size < MAX_CACHED) {
      keyKindCache.set(key, kind);
    }
  }
  return kind;
}

function classifyUncached(key: string): ContextKeyKind {
  const lower = key.toLowerCase();
  if (lower === KEYS_NAME) {
    return { kind: "keys" };
  }
  if (lower.startsWith(PAIR_PREFIX)) {
    const contextKey = key.slice(PAIR_PREFIX.length);
    if (contextKey.length === 0) {
      return { kind: "malformed", reason: "it names no context key after the colon" };
    }
    if (contextKey.toLowerCase().includes(DOCS_PLACEHOLDER)) {
      return {
        kind: "malformed",
        reason: "`${EncryptionContextKey}` is the documentation's placeholder, not a key",
      };
    }
    return { kind: "pair", contextKey };
  }
  if (lower === "kms:encryptioncontext") {
    return {
      kind: "malformed",
      reason: "there is no bare `kms:EncryptionContext` key; name the context key after a colon",
    };
  }
  if (lower.startsWith("kms:")) {
    const name = lower.slice(4).split(":")[0];
    if (isNearMiss(name, "encryptioncontext") || isNearMiss(name, "encryptioncontextkeys")) {
      return { kind: "malformed", reason: "the key name is misspelt, so it never matches" };
    }
  }
  return { kind: "other" };
}

/** True when `word` is within two edits of `target` without being it. */
function isNearMiss(word: string, target: string): boolean {
  if (word === target || Math.abs(word.length - target.length) > 2) {
    return false;
  }
  return editDistance(word, target, 2) <= 2;
}

/** Levenshtein distance, giving up (returning `limit + 1`) once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMinimum = Math.min(rowMinimum, current[j]);
    }
    if (rowMinimum > limit) {
      return limit + 1;
    }
    previous = current;
  }
  return previous[b.length];
}

const operatorCache = new Map<string, ParsedOperator>();

/**
 * Parses a condition operator such as `ForAllValues:StringNotEqualsIfExists` once; the result is
 * cached by spelling and shared, so callers must not modify it.
 */
export function parseOperator(raw: string): ParsedOperator {
  let parsed = operatorCache.get(raw);
  if (!parsed) {
    parsed = parseOperatorUncached(raw);
    if (operatorCache.size < MAX_CACHED) {
      operatorCache.set(raw, parsed);
    }
  }
  return parsed;
}

function parseOperatorUncached(raw: string): ParsedOperator {
  let rest = raw.trim();
  let setOperator: ParsedOperator["setOperator"];
  const lower = rest.toLowerCase();
  if (lower.startsWith("forallvalues:")) {
    setOperator = "ForAllValues";
    rest = rest.slice("forallvalues:".length);
  } else if (lower.startsWith("foranyvalue:")) {
    setOperator = "ForAnyValue";
    rest = rest.slice("foranyvalue:".length);
  }

  const ifExists = /ifexists$/i.test(rest) && rest.length > "IfExists".length;
  const base = ifExists ? rest.slice(0, -"IfExists".length) : rest;
  const negated = /^(String|Arn|Numeric|Date|Binary)Not/i.test(base) || /^Not/i.test(base);
  return { raw, setOperator, base, ifExists, negated };
}

/** True for the string operators that treat `*` and `?` as wildcards. */
export function isLikeOperator(operator: ParsedOperator): boolean {
  return /like$/i.test(operator.base) || /^arn/i.test(operator.base);
}

/** True for the plain string-equality operators, which match `*` and `?` literally. */
export function isLiteralStringOperator(operator: ParsedOperator): boolean {
  return /^String(Not)?Equals(IgnoreCase)?$/i.test(operator.base);
}

/** True for `Null`, which tests presence instead of comparing values. */
export function isNullOperator(operator: ParsedOperator): boolean {
  return NULL_OPERATOR.test(operator.base);
}

/** Compared with a regular expression, which, unlike lower-casing, allocates nothing. */
const NULL_OPERATOR = /^null$/i;

/** The condition operators completion offers, most useful for context keys first. */
export const CONDITION_OPERATORS: readonly string[] = [
  "StringEquals",
  "StringLike",
  "StringEqualsIgnoreCase",
  "StringNotEquals",
  "StringNotLike",
  "StringNotEqualsIgnoreCase",
  "ForAnyValue:StringEquals",
  "ForAllValues:StringEquals",
  "ForAnyValue:StringLike",
  "ForAllValues:StringLike",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
  "Null",
  "Bool",
  "StringEqualsIfExists",
  "StringLikeIfExists",
];

/** The KMS condition keys completion and hover know about. */
export const KMS_CONDITION_KEYS: readonly string[] = [
  "kms:EncryptionContext:",
  "kms:EncryptionContextKeys",
  "kms:GrantConstraintType",
  "kms:GrantIsForAWSResource",
  "kms:GrantOperations",
  "kms:ViaService",
  "kms:CallerAccount",
];
