import type { RuleCode, Severity } from "../types";

/**
 * The value side of one encryption-context pair as the builder knows it.
 *
 * `literal` is a fixed string the user typed or a preset proposed. `expression` is source text
 * to be written as-is into code (an identifier such as `tenantId` or a property path such as
 * `invoice.id`); targets that cannot hold code (policies, grants, the CLI) show it as a
 * placeholder instead.
 */
export type ContextValue = { kind: "literal"; text: string } | { kind: "expression"; text: string };

/** One key and its value, in the order the user arranged them. */
export interface ContextPair {
  key: string;
  value: ContextValue;
}

/** Where the built context is going; validation is stricter for some targets. */
export type BuilderTarget = "code" | "policy" | "grant" | "cli";

/** Which part of a pair a problem is about. */
export type PairField = "key" | "value";

/** A change that resolves a problem, applied to the pair the problem belongs to. */
export interface PairFixSuggestion {
  /** Short imperative text, e.g. `Rename the key to "tenant"`. */
  title: string;
  /** The replacement pair, or undefined when the fix is to remove the pair. */
  replacement?: ContextPair;
}

/** One problem with one pair, phrased for a person choosing what to type next. */
export interface PairProblem {
  /** Index of the pair in the list that was validated. */
  pairIndex: number;
  field: PairField;
  /**
   * The rule that reports the same problem in code or policies, when there is one; builder-only
   * checks (user `aws:` keys, grant limits...) have none.
   */
  code?: RuleCode;
  /** A stable id of the check, e.g. `reserved-prefix`, for tests and telemetry-free filtering. */
  check: PairCheck;
  severity: Severity;
  /** Why this is a problem, in one sentence. */
  reason: string;
  /** How to fix it; always present so the builder can offer a way out. */
  suggestion: PairFixSuggestion;
}

/** The checks the builder runs on each pair. */
export type PairCheck =
  | "empty-key"
  | "duplicate-key"
  | "sensitive-key"
  | "sensitive-value"
  | "reserved-prefix"
  | "case-twin"
  | "non-string"
  | "aws-prefix"
  | "wildcard-value"
  | "policy-charset"
  | "grant-limit";
