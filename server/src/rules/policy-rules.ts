import { contextConditionOnUnsupportedAction } from "./policy/context-condition-on-unsupported-action";
import { contextKeysWithoutNullGuard } from "./policy/context-keys-without-null-guard";
import { contextKeysWithoutSetOperator } from "./policy/context-keys-without-set-operator";
import { createGrantWithoutConstraintCondition } from "./policy/create-grant-without-constraint-condition";
import { denyNegatedContextCondition } from "./policy/deny-negated-context-condition";
import { malformedContextConditionKey } from "./policy/malformed-context-condition-key";
import { missingContextCondition } from "./policy/missing-context-condition";
import { optionalContextCondition } from "./policy/optional-context-condition";
import { setOperatorOnContextPair } from "./policy/set-operator-on-context-pair";
import { wildcardWithoutLikeOperator } from "./policy/wildcard-without-like-operator";
import type { Rule } from "./rule";

/** Rules that read policy documents (KMS1xx), in code order. */
export const policyRules: Rule[] = [
  missingContextCondition,
  contextKeysWithoutNullGuard,
  setOperatorOnContextPair,
  contextKeysWithoutSetOperator,
  contextConditionOnUnsupportedAction,
  denyNegatedContextCondition,
  optionalContextCondition,
  wildcardWithoutLikeOperator,
  malformedContextConditionKey,
  createGrantWithoutConstraintCondition,
];
