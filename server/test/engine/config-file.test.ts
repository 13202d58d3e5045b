import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseConfigFile } from "../../src/engine/config-file";

describe("parseConfigFile", () => {
  it("reads every option of a valid file", () => {
    const text = `{
      // Comments and trailing commas are tolerated.
      "$schema": "./node_modules/kms-context-guard/schemas/kms-context-guard.schema.json",
      "enable": true,
      "rules": { "KMS102": "off", "KMS001": "error" },
      "sensitiveKeyNames": ["customerRef"],
      "maxFileSize": 1000,
      "ignore": [
        { "path": "policies/*.json", "codes": ["KMS101"], "statement": "AllowUse" },
        { "path": "legacy/**", "statement": 2 },
      ],
    }`;
    const { config, problems } = parseConfigFile(text, "/work/project");
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      enable: true,
      rules: { KMS102: "off", KMS001: "error" },
      sensitiveKeyNames: ["customerRef"],
      maxFileSize: 1000,
      ignore: [
        {
          path: "policies/*.json",
          codes: ["KMS101"],
          statement: "AllowUse",
          base: "/work/project",
        },
        { path: "legacy/**", statement: "2", base: "/work/project" },
      ],
    });
  });

  it("drops invalid values with a located warning and keeps the rest", () => {
    const text = [
      "{",
      '  "enable": "yes",',
      '  "rules": { "KMS1": "off", "KMS002": "loud", "KMS104": "hint" },',
      '  "sensitiveKeyNames": ["ok", 3],',
      '  "maxFileSize": -1,',
      '  "ignore": [{ "codes": ["KMS101"] }, { "path": "a", "codes": ["nope"] }],',
      '  "colour": true',
      "}",
    ].join("\n");
    const { config, problems } = parseConfigFile(text);
    assert.deepEqual(config, {
      rules: { KMS104: "hint" },
      sensitiveKeyNames: ["ok"],
      ignore: [{ path: "a", codes: [] }],
    });
    assert.deepEqual(
      problems.map(
        (p) => `${p.severity} ${p.position!.line + 1}:${p.position!.character + 1} ${p.message}`,
      ),
      [
        "warning 2:13 `enable` must be true or false",
        "warning 3:14 `KMS1` is not a rule code (expected KMS followed by three digits)",
        "warning 3:39 the severity of KMS002 must be one of error, warning, information, hint, off",
        "warning 4:31 `sensitiveKeyNames` entries must be non-empty strings",
        "warning 5:18 `maxFileSize` must be a positive number of bytes",
        "warning 6:14 each `ignore` entry needs a `path` glob",
        'warning 6:39 `codes` must be an array of rule codes such as "KMS101"',
        "warning 7:3 unknown option `colour`",
      ],
    );
  });

  it("warns about a well-formed code that names no rule, and keeps it", () => {
    const { config, problems } = parseConfigFile('{ "rules": { "KMS999": "off" } }');
    assert.deepEqual(config, { rules: { KMS999: "off" } });
    assert.deepEqual(
      problems.map((p) => p.message),
      ["KMS999 is not a known rule"],
    );
  });

  it("reports malformed JSON as an error without throwing", () => {
    const { config, problems } = parseConfigFile('{ "enable": tru');
    assert.equal(problems[0].severity, "error");
    assert.match(problems[0].message, /^invalid JSON: /);
    assert.equal(typeof config, "object");
  });

  it("rejects a file that is not an object", () => {
    assert.deepEqual(parseConfigFile("[1, 2]"), {
      config: {},
      problems: [
        {
          message: "the configuration must be a JSON object",
          severity: "error",
          position: { line: 0, character: 0 },
        },
      ],
    });
    assert.deepEqual(
      parseConfigFile("").problems.map((p) => p.severity),
      ["error"],
    );
  });

  it("never evaluates anything: a JavaScript config is just invalid JSON", () => {
    const { problems } = parseConfigFile("module.exports = { enable: process.exit(3) }");
    assert.equal(problems[0].severity, "error");
  });
});
