import { classifyConditionKey, expandActions, expandSingleAction, isNullOperator } from "./actions";
import type { ConditionEntry, PolicyStatement, PolicyString } from "./model";

/**
 * Facts derived once per statement and shared by every policy rule, the fixes and the workspace
 * index. Computed lazily and cached per statement object.
 */
export interface StatementFacts {
  /** KMS actions the statement applies to (after wildcard and NotAction expansion). */
  kmsActions: ReadonlySet<string>;
  /** The context-carrying actions among them (empty when the resources are not KMS keys). */
  carryingActions: readonly string[];
  /** Actions among them for which context keys are never evaluated (same caveat). */
  unsupportedActions: readonly string[];
  /** True when some action is unknown (an intrinsic or an expression). */
  actionsUnknown: boolean;
  /** False when the statement's resources are all non-KMS ARNs, so no KMS action applies. */
  appliesToKms: boolean;
  /** The key policy's account-root delegation statement. */
  isRootDelegation: boolean;
  /** Every principal is an AWS service principal. */
  servicePrincipalsOnly: boolean;
  /** Conditions on `kms:EncryptionContext:<k>` and `kms:EncryptionContextKeys`. */
  contextEntries: ContextCondition[];
  /** Conditions that try to name a context key but name none IAM knows. */
  malformedEntries: { entry: ConditionEntry; reason: string }[];
}

/** A condition entry on a context key, with the key's kind. */
export interface ContextCondition {
  entry: ConditionEntry;
  kind: "pair" | "keys";
  /** For pairs: the context key named after `kms:EncryptionContext:`. */
  contextKey?: string;
}

/** A context key a statement requires, with the literal values it accepts when known. */
export interface RequiredContextKey {
  contextKey: string;
  /** Accepted values as written (may hold wildcards or policy variables); empty when any. */
  values: string[];
  /** The operator, e.g. `StringEquals`, `StringLike`, `Null`. */
  operator: string;
}

/**
 * Where a statement's facts are cached: a symbol-keyed property rather than a WeakMap, because
 * thousands of WeakMap entries per analysis cost the garbage collector more than the facts do.
 */
const FACTS = Symbol("statementFacts");

type WithFacts = PolicyStatement & { [FACTS]?: StatementFacts };

type PolicyPrincipal = NonNullable<PolicyStatement["principals"]>[number];

/** The shared empty list of facts that have no entries; frozen so that no caller can fill it. */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** The derived facts of a statement (cached on the statement). */
export function statementFacts(statement: PolicyStatement): StatementFacts {
  const cached = (statement as WithFacts)[FACTS];
  if (cached) {
    return cached;
  }

  const [onlyAction] = statement.actions;
  const expanded =
    statement.actions.length === 1 && onlyAction.kind === "literal" && !statement.notAction
      ? expandSingleAction(onlyAction.value)
      : expandActions(
          statement.actions.map((action) => (action.kind === "literal" ? action.value : undefined)),
          statement.notAction,
        );
  // Most statements have no context condition, and almost none a malformed one: they share one
  // empty list instead of allocating two per statement.
  let contextEntries: ContextCondition[] = NONE;
  let malformedEntries: StatementFacts["malformedEntries"] = NONE;
  for (const entry of statement.conditions) {
    const kind = classifyConditionKey(entry.key);
    if (kind.kind === "pair") {
      contextEntries = contextEntries === NONE ? [] : contextEntries;
      contextEntries.push({ entry, kind: "pair", contextKey: kind.contextKey });
    } else if (kind.kind === "keys") {
      contextEntries = contextEntries === NONE ? [] : contextEntries;
      contextEntries.push({ entry, kind: "keys" });
    } else if (kind.kind === "malformed") {
      malformedEntries = malformedEntries === NONE ? [] : malformedEntries;
      malformedEntries.push({ entry, reason: kind.reason });
    }
  }

  const appliesToKms = appliesToKmsResources(statement);
  const facts: StatementFacts = {
    kmsActions: expanded.kms,
    carryingActions: appliesToKms ? expanded.carrying : [],
    unsupportedActions: appliesToKms ? expanded.withoutContext : [],
    actionsUnknown: expanded.hasUnknown,
    appliesToKms,
    isRootDelegation: isRootDelegation(statement),
    servicePrincipalsOnly:
      statement.principals !== undefined &&
      statement.principals.length > 0 &&
      statement.principals.every(isServicePrincipal),
    contextEntries,
    malformedEntries,
  };
  (statement as WithFacts)[FACTS] = facts;
  return facts;
}

/** True when the statement allows or denies some action that carries an encryption context. */
export function hasContextCarryingAction(facts: StatementFacts): boolean {
  return facts.carryingActions.length > 0;
}

/** KMS actions of the statement for which context conditions are never evaluated. */
export function actionsWithoutContext(facts: StatementFacts): readonly string[] {
  return facts.unsupportedActions;
}

/** True when the statement is worth checking at all: a readable effect and KMS actions. */
export function isKmsStatement(statement: PolicyStatement, facts: StatementFacts): boolean {
  return statement.effect !== "unknown" && facts.appliesToKms && facts.kmsActions.size > 0;
}

/**
 * A positive, unconditional requirement on a context pair: it fails when the key is missing.
 * `Null: false` on the pair also requires the key.
 */
export function isRequiringPair(condition: ContextCondition): boolean {
  const operator = condition.entry.operator;
  if (condition.kind !== "pair" || operator.setOperator || operator.ifExists) {
    return false;
  }
  if (isNullOperator(operator)) {
    return condition.entry.values.some(
      (value) => value.kind === "literal" && value.value === "false",
    );
  }
  return !operator.negated;
}

/**
 * The context keys a statement requires, for the workspace index: pairs tested with a positive
 * operator (their values when literal) and pairs required present with `Null: false`.
 */
export function requiredContextKeys(statement: PolicyStatement): RequiredContextKey[] {
  return statementFacts(statement)
    .contextEntries.filter(isRequiringPair)
    .map((condition) => ({
      contextKey: condition.contextKey!,
      operator: condition.entry.operator.base,
      values: isNullOperator(condition.entry.operator)
        ? []
        : condition.entry.values.flatMap((value) =>
            value.kind === "literal" ? [value.value] : [],
          ),
    }));
}

const ROOT_ARN = /^arn:[^:]*:iam::[^:]*:root$/;
const ACCOUNT_ID = /^\d{12}$/;

/**
 * The account-root delegation statement of a key policy: every principal is the account root
 * (`arn:aws:iam::111122223333:root`, a bare account id, or the `!Sub`/CDK equivalent).
 */
function isRootDelegation(statement: PolicyStatement): boolean {
  const principals = statement.principals;
  if (!principals || principals.length === 0) {
    return false;
  }
  return principals.every(isAccountRoot);
}

// Module functions rather than arrows inside `statementFacts`, which runs once per statement:
// no closure is allocated per statement.

function isServicePrincipal(principal: PolicyPrincipal): boolean {
  return principal.type === "Service";
}

function isAccountRoot(principal: PolicyPrincipal): boolean {
  if (principal.type !== "AWS") {
    return false;
  }
  const value = principal.value;
  const text = value.kind === "literal" ? value.value : value.template;
  if (text === undefined) {
    return false;
  }
  // `${AWS::AccountId}` and `${AWS::Partition}` hold colons of their own; one placeholder
  // stands for one ARN field.
  const fields = text.includes("${") ? text.replace(/\$\{[^}]*\}/g, "X") : text;
  return ROOT_ARN.test(fields) || ACCOUNT_ID.test(fields);
}

/** False only when every resource is a literal ARN of another service (`arn:aws:s3:::b/*`). */
function appliesToKmsResources(statement: PolicyStatement): boolean {
  const resources = statement.resources ?? [];
  if (statement.notResource || resources.length === 0) {
    return true;
  }
  return resources.some(mayBeKmsResource);
}

function mayBeKmsResource(resource: PolicyString): boolean {
  if (resource.kind !== "literal") {
    return true;
  }
  const match = /^arn:[^:]*:([^:]*):/.exec(resource.value);
  return !match || match[1] === "*" || match[1].toLowerCase() === "kms" || match[1].includes("*");
}
