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
  | {
      kind: "unknown";
      start: number;
      end: number;
      /**
       * For `Fn::Sub` / `Fn::Join` of known parts: the string with every unknown part written as
       * `${...}`, e.g. `arn:${AWS::Partition}:iam::${AWS::AccountId}:root`.
       */
      template?: string;
    };

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
  /** False when the values are an intrinsic or otherwise not fully readable. */
  valuesComplete?: boolean;
}

/** The template resource (or CDK construct) that holds a statement, when there is one. */
export interface PolicyContainer {
  /** CloudFormation logical id, e.g. `AppKey`. */
  logicalId?: string;
  /** CloudFormation resource type, e.g. `AWS::KMS::Key`, or `cdk:PolicyStatement`. */
  resourceType?: string;
  /** Whether the statements govern a KMS key directly (a key policy) or an identity. */
  policyKind: "key-policy" | "identity-policy" | "unknown";
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
  /** `Resource` or `NotResource` values; empty for key policies that omit it. */
  resources?: PolicyString[];
  notResource?: boolean;
  /** Where the statement lives inside a template, for the workspace index. */
  container?: PolicyContainer;
  conditions: ConditionEntry[];
  /** True when the statement has a `Condition` member at all (even an empty or unknown one). */
  hasConditionBlock?: boolean;
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
