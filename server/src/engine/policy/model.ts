/**
 * What the policy extractors learn about the policy statements of one document, whatever
 * format holds them (policy JSON, CloudFormation/SAM JSON or YAML, CDK statements in TS/JS).
 * Policy rules read this model only.
 *
 * Offsets are string offsets into the document text.
 */

/** Where a statement was found. */
export type PolicySource =
  "policy-json" | "managed-policy-dump" | "cloudformation-json" | "cloudformation-yaml" | "cdk";

/** A string as far as it is known: an intrinsic function or an expression is `unknown`. */
export type PolicyString =
  | { kind: "literal"; value: string; start: number; end: number }
  | { kind: "unknown"; start: number; end: number };

/** A condition operator split into its parts, parsed once. */
export interface ParsedOperator {
  /** As written, e.g. `ForAllValues:StringEqualsIfExists`. */
  raw: string;
  setOperator?: "ForAllValues" | "ForAnyValue";
  /** The base operator without set prefix or IfExists, e.g. `StringEquals`. */
  base: string;
  ifExists: boolean;
  /** StringNotEquals, StringNotLike, ArnNotEquals... */
  negated: boolean;
}

/** One `operator: { key: value(s) }` pair of a Condition block. */
export interface ConditionEntry {
  operator: ParsedOperator;
  operatorStart: number;
  operatorEnd: number;
  /** The condition key as written. */
  key: string;
  keyStart: number;
  keyEnd: number;
  values: PolicyString[];
}

/** One statement of a policy. */
export interface PolicyStatement {
  source: PolicySource;
  /** Zero-based position in its Statement list. */
  index: number;
  sid?: string;
  effect: "Allow" | "Deny" | "unknown";
  /** `Action` or `NotAction` values. */
  actions: PolicyString[];
  notAction: boolean;
  /** Principals, flattened (`AWS`, `Service`, `*`...); undefined for identity policies. */
  principals?: { type: string; value: PolicyString }[];
  conditions: ConditionEntry[];
  /**
   * `Resource` or `NotResource` values, when the extractor read them; undefined when it did
   * not (the workspace index then reads them from the text itself).
   */
  resources?: PolicyString[];
  notResource?: boolean;
  /** False when the Condition block is an intrinsic or otherwise not fully readable. */
  conditionsComplete: boolean;
  /** The statement's own range (its object / mapping node). */
  start: number;
  end: number;
  /**
   * Format-specific handle the policy fix builders use to edit this statement in place;
   * opaque to rules.
   */
  handle: unknown;
}

/** Every statement found in one document. */
export interface PolicyModel {
  statements: PolicyStatement[];
}
