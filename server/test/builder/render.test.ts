import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { parse as parseYaml } from "yaml";
import {
  renderCliConstraints,
  renderCliContext,
  shellQuote,
} from "../../src/engine/builder/render-cli";
import {
  renderContextMember,
  renderContextObject,
  renderGrantConstraintsMember,
  stringLiteral,
} from "../../src/engine/builder/render-code";
import {
  buildGrantConstraints,
  grantConstraintWarnings,
} from "../../src/engine/builder/render-grant";
import {
  buildConditionBlock,
  renderConditionJson,
  renderConditionYaml,
} from "../../src/engine/builder/render-policy";
import type { ContextPair } from "../../src/engine/builder/types";

const literal = (key: string, text: string): ContextPair => ({
  key,
  value: { kind: "literal", text },
});
const code = (key: string, text: string): ContextPair => ({
  key,
  value: { kind: "expression", text },
});

const tenantPurpose = [code("tenant", "tenantId"), literal("purpose", "invoices")];

describe("code renderer", () => {
  it("writes an SDK EncryptionContext member with literals and identifiers", () => {
    assert.equal(
      renderContextMember("EncryptionContext", tenantPurpose, "    "),
      'EncryptionContext: {\n      tenant: tenantId,\n      purpose: "invoices",\n    }',
    );
  });

  it("writes an ESDK encryptionContext in the file's style", () => {
    const style = { quote: "'" as const, indentUnit: "\t", trailingComma: false };
    assert.equal(
      renderContextMember("encryptionContext", [literal("aws:s3:arn", "it's")], "\t", style),
      "encryptionContext: {\n\t\t'aws:s3:arn': 'it\\'s'\n\t}",
    );
  });

  it("escapes string literals so they evaluate to the original text", () => {
    const tricky = "a\"b'c\\d\ne\u2028f";
    assert.equal(eval(stringLiteral(tricky, '"')), tricky);
    assert.equal(eval(stringLiteral(tricky, "'")), tricky);
  });

  it("writes an empty object for no pairs", () => {
    assert.equal(renderContextObject([]), "{}");
  });

  it("writes grant Constraints", () => {
    assert.equal(
      renderGrantConstraintsMember("equals", [literal("tenant", "t-42")], "  "),
      'Constraints: {\n    EncryptionContextEquals: {\n      tenant: "t-42",\n    },\n  }',
    );
  });
});

describe("policy renderer", () => {
  it("requires literal values with StringEquals and run-time values with Null", () => {
    assert.deepEqual(buildConditionBlock(tenantPurpose), {
      StringEquals: { "kms:EncryptionContext:purpose": "invoices" },
      Null: { "kms:EncryptionContext:tenant": "false" },
    });
  });

  it("uses StringLike for wildcards and adds the key allow-list with its Null guard", () => {
    const block = buildConditionBlock([literal("tenant", "t-*"), literal("purpose", "invoices")], {
      keysAllowList: true,
      includeEsdkPublicKey: true,
    });
    assert.deepEqual(block, {
      StringEquals: { "kms:EncryptionContext:purpose": "invoices" },
      StringLike: { "kms:EncryptionContext:tenant": "t-*" },
      "ForAllValues:StringEquals": {
        "kms:EncryptionContextKeys": ["tenant", "purpose", "aws-crypto-public-key"],
      },
      Null: { "kms:EncryptionContextKeys": "false" },
    });
  });

  it("renders JSON and YAML that parse back to the same block", () => {
    const block = buildConditionBlock(tenantPurpose, { keysAllowList: true });
    const json = renderConditionJson(block);
    assert.deepEqual(JSON.parse(json), { Condition: block });
    const yaml = renderConditionYaml(block);
    assert.equal(
      yaml,
      [
        "Condition:",
        "  StringEquals:",
        "    kms:EncryptionContext:purpose: invoices",
        "  ForAllValues:StringEquals:",
        "    kms:EncryptionContextKeys:",
        "      - tenant",
        "      - purpose",
        '  "Null":',
        '    kms:EncryptionContext:tenant: "false"',
        '    kms:EncryptionContextKeys: "false"',
        "",
      ].join("\n"),
    );
    assert.deepEqual(parseYaml(yaml), { Condition: block });
  });
});

describe("grant renderer", () => {
  it("builds Equals or Subset, warning about Subset", () => {
    assert.deepEqual(buildGrantConstraints("equals", tenantPurpose), {
      EncryptionContextEquals: { tenant: "<tenantId>", purpose: "invoices" },
    });
    assert.deepEqual(grantConstraintWarnings("equals"), []);
    assert.equal(grantConstraintWarnings("subset").length, 1);
    assert.match(grantConstraintWarnings("subset")[0], /AWS recommends EncryptionContextEquals/);
  });
});

/** What a POSIX shell makes of a command line: one argument per line. */
function shellWords(commandLine: string): string[] {
  const output = execFileSync("sh", ["-c", `printf '%s\\n' ${commandLine}`], { encoding: "utf8" });
  return output.split("\n").slice(0, -1);
}

describe("CLI renderer", () => {
  it("uses the shorthand when every key and value allows it", () => {
    const args = renderCliContext([literal("Department", "IT"), literal("Purpose", "Test")]);
    assert.equal(args, "--encryption-context Department=IT,Purpose=Test");
    assert.deepEqual(shellWords(args), ["--encryption-context", "Department=IT,Purpose=Test"]);
  });

  it("falls back to quoted JSON for keys the shorthand cannot hold", () => {
    const args = renderCliContext([literal("aws:s3:arn", "arn:aws:s3:::bucket/it's here")]);
    assert.equal(args, `--encryption-context '{"aws:s3:arn":"arn:aws:s3:::bucket/it'\\''s here"}'`);
    const words = shellWords(args);
    assert.deepEqual(JSON.parse(words[1]), { "aws:s3:arn": "arn:aws:s3:::bucket/it's here" });
  });

  it("quotes grant constraints so bash does not brace-expand them", () => {
    const args = renderCliConstraints("equals", [
      literal("Department", "IT"),
      literal("Purpose", "Test"),
    ]);
    assert.equal(args, "--constraints 'EncryptionContextEquals={Department=IT,Purpose=Test}'");
    assert.deepEqual(shellWords(args), [
      "--constraints",
      "EncryptionContextEquals={Department=IT,Purpose=Test}",
    ]);
    assert.equal(
      renderCliConstraints("subset", [literal("tenant_id", "t 1")]),
      `--constraints '{"EncryptionContextSubset":{"tenant_id":"t 1"}}'`,
    );
  });

  it("writes run-time values as placeholders", () => {
    assert.equal(
      renderCliContext([code("tenant", "tenantId")], "--source-encryption-context"),
      `--source-encryption-context '{"tenant":"<tenantId>"}'`,
    );
  });

  it("leaves safe words bare and quotes everything else", () => {
    assert.equal(shellQuote("abc-1.2:/x=y"), "abc-1.2:/x=y");
    assert.equal(shellQuote("a b"), "'a b'");
    assert.equal(shellQuote("*"), "'*'");
    assert.equal(shellQuote("$HOME"), "'$HOME'");
  });
});
