import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveConfig } from "../../src/engine/config";
import type { ContextPair } from "../../src/engine/builder/types";
import { validateContext } from "../../src/engine/builder/validate";

const literal = (key: string, text: string): ContextPair => ({
  key,
  value: { kind: "literal", text },
});
const code = (key: string, text: string): ContextPair => ({
  key,
  value: { kind: "expression", text },
});

/** The problems as compact tuples, so each test states exactly what it expects. */
function summary(pairs: ContextPair[], options: Parameters<typeof validateContext>[1] = {}) {
  return validateContext(pairs, options).map((problem) => [
    problem.pairIndex,
    problem.field,
    problem.check,
    problem.code ?? "-",
    problem.severity,
  ]);
}

describe("validateContext", () => {
  it("accepts a good context", () => {
    assert.deepEqual(
      summary([literal("tenant", "t-42"), code("purpose", "purpose")], { target: "code" }),
      [],
    );
  });

  it("flags the ESDK's reserved prefix and offers a rename", () => {
    const [problem] = validateContext([literal("aws-crypto-tenant", "t-42")]);
    assert.equal(problem.check, "reserved-prefix");
    assert.equal(problem.code, "KMS005");
    assert.equal(problem.severity, "warning");
    assert.equal(
      problem.reason,
      'Keys starting with "aws-crypto-" are reserved by the AWS Encryption SDK, which rejects them.',
    );
    assert.deepEqual(problem.suggestion, {
      title: 'Rename the key to "tenant"',
      replacement: literal("tenant", "t-42"),
    });
  });

  it("flags case twins on the later key, as an error for grants", () => {
    const pairs = [literal("Tenant", "a"), literal("tenant", "b")];
    assert.deepEqual(summary(pairs), [[1, "key", "case-twin", "KMS005", "warning"]]);
    assert.deepEqual(summary(pairs, { target: "grant" }), [
      [1, "key", "case-twin", "KMS005", "error"],
    ]);
    assert.equal(
      validateContext(pairs)[0].reason,
      '"tenant" differs from "Tenant" only by case: decryption compares keys exactly, while policy ' +
        "condition keys and grant constraints ignore case.",
    );
  });

  it("flags empty and duplicate keys", () => {
    assert.deepEqual(summary([literal(" ", "a"), literal("a", "1"), literal("a", "2")]), [
      [0, "key", "empty-key", "-", "error"],
      [2, "key", "duplicate-key", "-", "error"],
    ]);
  });

  it("flags non-string code values and suggests a string", () => {
    const problems = validateContext([
      code("version", "3"),
      code("at", "new Date()"),
      code("on", "true"),
    ]);
    assert.deepEqual(
      problems.map((problem) => [problem.check, problem.suggestion.replacement?.value]),
      [
        ["non-string", { kind: "literal", text: "3" }],
        ["non-string", { kind: "expression", text: "String(new Date())" }],
        ["non-string", { kind: "literal", text: "true" }],
      ],
    );
    assert.equal(
      problems[0].reason,
      "The value is a number, not a string; KMS turns it into a string, and a different spelling " +
        "at decrypt time makes decryption fail.",
    );
  });

  it("leaves identifiers, template literals and String(...) alone", () => {
    assert.deepEqual(
      summary([
        code("a", "tenantId"),
        code("b", "`t-${id}`"),
        code("c", "String(count)"),
        code("d", "("),
      ]),
      [],
    );
  });

  it("warns about user keys starting with aws: in code but not in policies", () => {
    const pairs = [literal("aws:s3:arn", "arn:aws:s3:::bucket/key")];
    assert.deepEqual(summary(pairs), [[0, "key", "aws-prefix", "-", "information"]]);
    assert.deepEqual(summary(pairs, { target: "code" }), [
      [0, "key", "aws-prefix", "-", "warning"],
    ]);
    assert.deepEqual(summary(pairs, { target: "policy" }), []);
    assert.deepEqual(validateContext(pairs, { target: "code" })[0].suggestion, {
      title: 'Rename the key to "s3:arn"',
      replacement: literal("s3:arn", "arn:aws:s3:::bucket/key"),
    });
  });

  it("enforces grant limits", () => {
    const nine = Array.from({ length: 9 }, (_, index) => literal(`k${index}`, "v"));
    assert.deepEqual(summary(nine, { target: "grant" }), [[8, "key", "grant-limit", "-", "error"]]);
    const long = [literal("k", "x".repeat(385))];
    assert.deepEqual(summary(long, { target: "grant" }), [
      [0, "value", "grant-limit", "-", "error"],
    ]);
    assert.equal(
      (
        validateContext(long, { target: "grant" })[0].suggestion.replacement?.value as {
          text: string;
        }
      ).text.length,
      384,
    );
  });

  it("warns about characters a policy cannot hold, only for policies", () => {
    const pairs = [literal("team", "équipe-😀")];
    assert.deepEqual(summary(pairs), []);
    const [problem] = validateContext(pairs, { target: "policy" });
    assert.equal(problem.check, "policy-charset");
    assert.deepEqual(problem.suggestion.replacement, literal("team", "équipe-"));
  });

  it("follows the configured severity and skips rules that are off", () => {
    const pairs = [literal("aws-crypto-x", "1")];
    assert.deepEqual(summary(pairs, { config: resolveConfig({ rules: { KMS005: "error" } }) }), [
      [0, "key", "reserved-prefix", "KMS005", "error"],
    ]);
    assert.deepEqual(summary(pairs, { config: resolveConfig({ rules: { KMS005: "off" } }) }), []);
  });

  it("asks the sensitive-data detector about keys, literal values and property paths", () => {
    const detector = {
      keyName: (key: string) => (key === "email" ? "an email address" : undefined),
      literalValue: (value: string) => (value.includes("@") ? "an email address" : undefined),
      expressionPath: (path: string) => (path.endsWith(".email") ? "an email address" : undefined),
    };
    const pairs = [
      literal("email", "x"),
      literal("owner", "jane@example.com"),
      code("who", "user.email"),
    ];
    const problems = validateContext(pairs, { sensitive: detector });
    assert.deepEqual(
      problems.map((problem) => [problem.pairIndex, problem.check, problem.code]),
      [
        [0, "sensitive-key", "KMS004"],
        [1, "sensitive-value", "KMS004"],
        [2, "sensitive-value", "KMS004"],
      ],
    );
    assert.equal(
      problems[2].reason,
      "The value comes from user.email, which suggests an email address. The encryption context is " +
        "logged in plain text in CloudTrail.",
    );
    // The value itself is never repeated in a reason.
    assert.ok(problems.every((problem) => !problem.reason.includes("jane@example.com")));
  });

  it("uses the engine's sensitive-data detector by default, as KMS004 does", () => {
    const pairs = [
      literal("email", "x"),
      literal("owner", "jane@example.com"),
      code("who", "user.email"),
      literal("SecretARN", "arn:aws:secretsmanager:us-east-1:111122223333:secret:db"),
      literal("tenant", "t-42"),
      literal("nickname", "n"),
    ];
    const problems = validateContext(pairs, {
      config: resolveConfig({ sensitiveKeyNames: ["nickname"] }),
    });
    assert.deepEqual(
      problems.map((problem) => [problem.pairIndex, problem.check, problem.code]),
      [
        [0, "sensitive-key", "KMS004"],
        [1, "sensitive-value", "KMS004"],
        [2, "sensitive-value", "KMS004"],
        [5, "sensitive-key", "KMS004"],
      ],
    );
    assert.equal(
      problems[0].reason,
      'The key "email" suggests an email address. The encryption context is logged in plain text ' +
        "in CloudTrail; it should describe the data, not contain it.",
    );
    assert.equal(
      problems[1].reason,
      "The value looks like an email address. The encryption context is logged in plain text in " +
        "CloudTrail.",
    );
    assert.deepEqual(problems[1].suggestion, {
      title: "Remove this pair (use an opaque id instead)",
    });
  });
});
