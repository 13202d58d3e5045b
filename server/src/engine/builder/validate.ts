import type { ResolvedConfig } from "../config";
import { checkSensitiveKeyName, checkSensitivePath, checkSensitiveValue } from "../sensitive";
import type { RuleCode, Severity } from "../types";
import type { BuilderTarget, ContextPair, PairProblem } from "./types";
import { classifyExpression } from "./value-kind";

/**
 * The sensitive-data checks the builder shares with KMS004. Each returns a short noun phrase
 * for the kind of data (`an email address`, `a token`) when the input looks sensitive, and
 * undefined otherwise; the phrase never repeats the value itself.
 */
export interface SensitiveDetector {
  /** A context key name such as `email` or `apiKey`. */
  keyName(key: string): string | undefined;
  /** A literal value such as an email address or a JWT. */
  literalValue(value: string): string | undefined;
  /** An identifier or property path flowing into a value, such as `user.email`. */
  expressionPath(path: string): string | undefined;
}

/** What validation needs besides the pairs. */
export interface ValidateOptions {
  /** The destination, when chosen; some checks apply to one target only. */
  target?: BuilderTarget;
  /** The effective configuration, so a rule switched off is not reported here either. */
  config?: ResolvedConfig;
  /** Overrides the engine's sensitive-data detector (the one KMS004 uses); for tests. */
  sensitive?: SensitiveDetector;
}

/** The engine's detector, with the configured extra sensitive key names. */
export function engineSensitiveDetector(extraNames: readonly string[] = []): SensitiveDetector {
  return {
    keyName: (key) => checkSensitiveKeyName(key, extraNames)?.description,
    literalValue: (value) => checkSensitiveValue(value)?.description,
    expressionPath: (path) => checkSensitivePath(path, extraNames)?.description,
  };
}

/** The ESDK reserves keys with this prefix and rejects them on input. */
const RESERVED_PREFIX = "aws-crypto-";

/** Grant constraints take at most this many pairs and values of at most this many characters. */
export const GRANT_MAX_PAIRS = 8;
export const GRANT_MAX_VALUE_LENGTH = 384;

/**
 * Characters a key or IAM policy can hold: printable ASCII, Basic Latin and Latin-1 Supplement,
 * plus tab, line feed and carriage return. A context character outside this set cannot be
 * matched by a policy condition.
 */
const POLICY_CHARSET = /^[\t\n\r\u0020-\u007e\u00a0-\u00ff]*$/;
const OUTSIDE_POLICY_CHARSET = /[^\t\n\r\u0020-\u007e\u00a0-\u00ff]/g;

/**
 * Validates a whole context, pair by pair, with the same judgement the rules apply to code and
 * policies. Problems are ordered by pair, key before value. Never throws.
 */
export function validateContext(
  pairs: readonly ContextPair[],
  options: ValidateOptions = {},
): PairProblem[] {
  const problems: PairProblem[] = [];
  const detector = options.sensitive ?? engineSensitiveDetector(options.config?.sensitiveKeyNames);
  const checks = { ...options, sensitive: detector };
  const severityOf = (code: RuleCode): Severity | undefined => {
    const configured = options.config?.rules[code];
    return configured === "off" ? undefined : (configured ?? "warning");
  };

  pairs.forEach((pair, index) => {
    const report = (problem: Omit<PairProblem, "pairIndex">) =>
      problems.push({ pairIndex: index, ...problem });

    checkKey(pair, index, pairs, checks, severityOf, report);
    checkValue(pair, index, checks, severityOf, report);
  });

  return problems;
}

type Reporter = (problem: Omit<PairProblem, "pairIndex">) => void;
type SeverityOf = (code: RuleCode) => Severity | undefined;

function checkKey(
  pair: ContextPair,
  index: number,
  pairs: readonly ContextPair[],
  options: ValidateOptions,
  severityOf: SeverityOf,
  report: Reporter,
): void {
  const remove = { title: "Remove this pair" };
  const key = pair.key;

  if (key.trim() === "") {
    report({
      field: "key",
      check: "empty-key",
      severity: "error",
      reason: "The key is empty; KMS needs a non-empty key for every pair.",
      suggestion: remove,
    });
    return;
  }

  const earlier = pairs.slice(0, index);
  if (earlier.some((other) => other.key === key)) {
    report({
      field: "key",
      check: "duplicate-key",
      severity: "error",
      reason: `The key "${key}" is already in the context; a context holds each key once.`,
      suggestion: remove,
    });
    return;
  }

  const kms005 = severityOf("KMS005");
  if (kms005 && key.toLowerCase().startsWith(RESERVED_PREFIX)) {
    const renamed = key.slice(RESERVED_PREFIX.length) || "app";
    report({
      field: "key",
      code: "KMS005",
      check: "reserved-prefix",
      severity: kms005,
      reason:
        'Keys starting with "aws-crypto-" are reserved by the AWS Encryption SDK, which rejects them.',
      suggestion: {
        title: `Rename the key to "${renamed}"`,
        replacement: { ...pair, key: renamed },
      },
    });
  }

  const twin = earlier.find(
    (other) => other.key !== key && other.key.toLowerCase() === key.toLowerCase(),
  );
  if (kms005 && twin) {
    report({
      field: "key",
      code: "KMS005",
      check: "case-twin",
      // Grant constraints compare keys case-insensitively, so twins there collide outright.
      severity: options.target === "grant" ? "error" : kms005,
      reason:
        `"${key}" differs from "${twin.key}" only by case: decryption compares keys exactly, ` +
        "while policy condition keys and grant constraints ignore case.",
      suggestion: { title: `Remove this pair and keep "${twin.key}"` },
    });
  }

  if (
    key.toLowerCase().startsWith("aws:") &&
    (options.target === undefined || options.target === "code" || options.target === "cli")
  ) {
    const renamed = key.slice(4) || "app";
    report({
      field: "key",
      check: "aws-prefix",
      severity: options.target === undefined ? "information" : "warning",
      reason:
        'Keys starting with "aws:" are what AWS services send; your own code sending one can be ' +
        "confused with (or spoof) a service's context. In a policy condition it is fine.",
      suggestion: {
        title: `Rename the key to "${renamed}"`,
        replacement: { ...pair, key: renamed },
      },
    });
  }

  const kms004 = severityOf("KMS004");
  const sensitiveKey = kms004 ? options.sensitive?.keyName(key) : undefined;
  if (kms004 && sensitiveKey) {
    report({
      field: "key",
      code: "KMS004",
      check: "sensitive-key",
      severity: kms004,
      reason:
        `The key "${key}" suggests ${sensitiveKey}. The encryption context is logged in plain ` +
        "text in CloudTrail; it should describe the data, not contain it.",
      suggestion: { title: "Remove this pair (use an opaque id instead)" },
    });
  }

  if (options.target === "policy" && !POLICY_CHARSET.test(key)) {
    report({
      field: "key",
      check: "policy-charset",
      severity: "warning",
      reason:
        "The key has characters a key or IAM policy cannot hold, so no condition can match it.",
      suggestion: {
        title: "Remove the characters a policy cannot hold",
        replacement: { ...pair, key: key.replace(OUTSIDE_POLICY_CHARSET, "") },
      },
    });
  }

  if (options.target === "grant" && index >= GRANT_MAX_PAIRS) {
    report({
      field: "key",
      check: "grant-limit",
      severity: "error",
      reason: `A grant constraint takes at most ${GRANT_MAX_PAIRS} pairs.`,
      suggestion: remove,
    });
  }
}

function checkValue(
  pair: ContextPair,
  index: number,
  options: ValidateOptions,
  severityOf: SeverityOf,
  report: Reporter,
): void {
  void index;
  const kms004 = severityOf("KMS004");
  const kms005 = severityOf("KMS005");
  const sensitiveReason = "The encryption context is logged in plain text in CloudTrail.";

  if (pair.value.kind === "literal") {
    const text = pair.value.text;
    const sensitive = kms004 ? options.sensitive?.literalValue(text) : undefined;
    if (kms004 && sensitive) {
      report({
        field: "value",
        code: "KMS004",
        check: "sensitive-value",
        severity: kms004,
        reason: `The value looks like ${sensitive}. ${sensitiveReason}`,
        suggestion: { title: "Remove this pair (use an opaque id instead)" },
      });
    }
    if (options.target === "policy" && !POLICY_CHARSET.test(text)) {
      report({
        field: "value",
        check: "policy-charset",
        severity: "warning",
        reason:
          "The value has characters a key or IAM policy cannot hold, so no condition can match it.",
        suggestion: {
          title: "Remove the characters a policy cannot hold",
          replacement: {
            ...pair,
            value: { kind: "literal", text: text.replace(OUTSIDE_POLICY_CHARSET, "") },
          },
        },
      });
    }
    if (options.target === "grant" && text.length > GRANT_MAX_VALUE_LENGTH) {
      report({
        field: "value",
        check: "grant-limit",
        severity: "error",
        reason: `A grant constraint value has at most ${GRANT_MAX_VALUE_LENGTH} characters (this one has ${text.length}).`,
        suggestion: {
          title: `Shorten the value to ${GRANT_MAX_VALUE_LENGTH} characters`,
          replacement: {
            ...pair,
            value: { kind: "literal", text: text.slice(0, GRANT_MAX_VALUE_LENGTH) },
          },
        },
      });
    }
    return;
  }

  const shape = classifyExpression(pair.value.text);
  if (kms005 && "literal" in shape) {
    report({
      field: "value",
      code: "KMS005",
      check: "non-string",
      severity: kms005,
      reason:
        `The value is ${article(shape.kind)}, not a string; KMS turns it into a string, and a ` +
        "different spelling at decrypt time makes decryption fail.",
      suggestion: {
        title: `Write it as the string "${shape.literal}"`,
        replacement: { ...pair, value: { kind: "literal", text: shape.literal } },
      },
    });
  } else if (kms005 && ["object", "array", "date", "function"].includes(shape.kind)) {
    const stringified = `String(${pair.value.text})`;
    report({
      field: "value",
      code: "KMS005",
      check: "non-string",
      severity: kms005,
      reason:
        `The value is ${article(shape.kind)}, not a string; context values must be strings that ` +
        "are spelt the same way when encrypting and decrypting.",
      suggestion: {
        title: "Convert it to a stable string",
        replacement: { ...pair, value: { kind: "expression", text: stringified } },
      },
    });
  }

  if (kms004 && shape.kind === "path") {
    const sensitive = options.sensitive?.expressionPath(shape.path);
    if (sensitive) {
      report({
        field: "value",
        code: "KMS004",
        check: "sensitive-value",
        severity: kms004,
        reason: `The value comes from ${shape.path}, which suggests ${sensitive}. ${sensitiveReason}`,
        suggestion: { title: "Remove this pair (use an opaque id instead)" },
      });
    }
  }
}

function article(kind: string): string {
  const names: Record<string, string> = {
    number: "a number",
    boolean: "a boolean",
    null: "null",
    undefined: "undefined",
    bigint: "a bigint",
    object: "an object",
    array: "an array",
    date: "a date",
    function: "a function",
  };
  return names[kind] ?? kind;
}
