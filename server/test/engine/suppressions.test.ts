import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeDocument } from "../../src/engine/analyze";
import { resolveConfig } from "../../src/engine/config";
import { LineIndex } from "../../src/engine/line-index";
import {
  applySuppressions,
  findSuppressionDirectives,
  ignorePathMatches,
} from "../../src/engine/suppressions";
import type { DocumentKind, Finding } from "../../src/engine/types";
import { flagMeRule } from "../support/test-rule";

function flaggedLines(text: string, fileName = "/p/src/app.ts"): number[] {
  return analyzeDocument({ fileName, text }, { onlyRules: [flagMeRule] }).findings.map(
    (finding) => finding.range.start.line,
  );
}

/** A finding on `line` with `code`, for direct applySuppressions tests. */
function finding(line: number, code = "KMS101", data?: Record<string, unknown>): Finding {
  return {
    code: code as Finding["code"],
    name: "n",
    severity: "warning",
    message: "m",
    range: { start: { line, character: 2 }, end: { line, character: 8 } },
    fixes: [],
    data,
  };
}

function suppress(text: string, kind: DocumentKind, findings: Finding[], fileName = "/p/x") {
  const document = { fileName, text, kind, lines: new LineIndex(text) };
  return applySuppressions(findings, document, resolveConfig()).map(
    (f) => `${f.code}@${f.range.start.line}`,
  );
}

describe("disable comments in TypeScript/JavaScript", () => {
  it("reports without any comment", () => {
    assert.deepEqual(flaggedLines("flagMe();\nflagMe();\n"), [0, 1]);
  });

  it("disable-next-line silences only the next line, for the named code", () => {
    const text = [
      "// kms-context-guard-disable-next-line KMS900 -- test double",
      "flagMe();",
      "flagMe();",
      "  // kms-context-guard-disable-next-line KMS001, KMS004 -- other codes",
      "  flagMe();",
    ].join("\n");
    assert.deepEqual(flaggedLines(text), [2, 4]);
  });

  it("accepts several codes separated by commas or spaces, case-insensitively", () => {
    const text = "// kms-context-guard-disable-next-line KMS001,kms900 -- x\nflagMe();\n";
    assert.deepEqual(flaggedLines(text), []);
  });

  it("without codes silences every code on the next line", () => {
    assert.deepEqual(flaggedLines("// kms-context-guard-disable-next-line\nflagMe();\n"), []);
  });

  it("still silences when the reason is missing", () => {
    assert.deepEqual(
      flaggedLines("// kms-context-guard-disable-next-line KMS900\nflagMe();\n"),
      [],
    );
  });

  it("a file-wide disable at the top silences the whole file", () => {
    const text = [
      "#!/usr/bin/env node",
      "/* Licence header",
      "   spanning lines */",
      "// kms-context-guard-disable KMS900 -- generated code",
      "",
      "flagMe();",
      "flagMe();",
    ].join("\n");
    assert.deepEqual(flaggedLines(text), []);
  });

  it("a file-wide disable below the first statement is ignored", () => {
    const text = "flagMe();\n// kms-context-guard-disable KMS900 -- too late\nflagMe();\n";
    assert.deepEqual(flaggedLines(text), [0, 2]);
  });

  it("a file-wide disable for another code does not silence", () => {
    assert.deepEqual(flaggedLines("// kms-context-guard-disable KMS001 -- x\nflagMe();\n"), [1]);
  });

  it("ignores look-alikes: YAML comments in TS, other words, trailing comments", () => {
    const text = [
      "# kms-context-guard-disable-next-line KMS900",
      "flagMe();",
      "// kms-context-guard-disabled-next-line KMS900",
      "flagMe();",
      "flagMe(); // kms-context-guard-disable-next-line KMS900",
      "flagMe();",
    ].join("\n");
    assert.deepEqual(flaggedLines(text), [1, 3, 4, 5]);
  });

  it("handles CRLF line endings", () => {
    const text = "// kms-context-guard-disable-next-line KMS900 -- x\r\nflagMe();\r\nflagMe();\r\n";
    assert.deepEqual(flaggedLines(text), [2]);
  });
});

describe("disable comments in YAML", () => {
  const yaml = [
    "# kms-context-guard-disable KMS107 -- whole template",
    "Resources:",
    "  Key:",
    "    Statement:",
    "      # kms-context-guard-disable-next-line KMS101 -- root delegation",
    "      - Effect: Allow",
    "      - Effect: Allow",
  ].join("\n");

  it("uses # comments for next-line and file-wide directives", () => {
    const findings = [finding(5), finding(6), finding(6, "KMS107"), finding(5, "KMS102")];
    assert.deepEqual(suppress(yaml, "yaml", findings), ["KMS101@6", "KMS102@5"]);
  });

  it("does not read // comments in YAML or any comment in JSON", () => {
    const fakeYaml = "// kms-context-guard-disable-next-line KMS101\nStatement: []\n";
    assert.deepEqual(suppress(fakeYaml, "yaml", [finding(1)]), ["KMS101@1"]);
    const json = '{\n  "//": "kms-context-guard-disable-next-line KMS101",\n  "Statement": []\n}';
    assert.deepEqual(suppress(json, "json", [finding(2)]), ["KMS101@2"]);
  });
});

describe("findSuppressionDirectives", () => {
  it("records codes, reason and where a reason would go", () => {
    const text = "x();\n  // kms-context-guard-disable-next-line KMS001, KMS004  \ny();\n";
    const [directive] = findSuppressionDirectives(text, "typescript");
    assert.equal(directive.scope, "next-line");
    assert.equal(directive.line, 1);
    assert.deepEqual(directive.codes, ["KMS001", "KMS004"]);
    assert.equal(directive.reason, undefined);
    assert.equal(
      text.slice(directive.start, directive.reasonInsertOffset),
      "// kms-context-guard-disable-next-line KMS001, KMS004",
    );
    assert.equal(
      text.slice(directive.start, directive.end),
      "// kms-context-guard-disable-next-line KMS001, KMS004  ",
    );
  });

  it("treats an empty reason after -- as no reason", () => {
    const [directive] = findSuppressionDirectives(
      "// kms-context-guard-disable-next-line KMS001 --  \n",
      "javascript",
    );
    assert.equal(directive.reason, undefined);
    const [withReason] = findSuppressionDirectives(
      "# kms-context-guard-disable KMS101 -- legacy key\n",
      "yaml",
    );
    assert.equal(withReason.reason, "legacy key");
    assert.equal(withReason.scope, "file");
  });
});

describe("the config file's ignore list", () => {
  const ignoreConfig = (entries: Parameters<typeof resolveConfig>[0]) => resolveConfig(entries);

  function run(fileName: string, config: ReturnType<typeof resolveConfig>, findings: Finding[]) {
    const text = "{}";
    const document = { fileName, text, kind: "json" as const, lines: new LineIndex(text) };
    return applySuppressions(findings, document, config).map(
      (f) => `${f.code}@${f.range.start.line}`,
    );
  }

  it("silences the listed codes in files matching the glob, relative to the config's folder", () => {
    const config = ignoreConfig({
      ignore: [{ path: "policies/*.json", codes: ["KMS101"], base: "/p" }],
    });
    const findings = [finding(1, "KMS101"), finding(2, "KMS105")];
    assert.deepEqual(run("/p/policies/key.json", config, findings), ["KMS105@2"]);
    assert.deepEqual(run("/p/other/key.json", config, findings), ["KMS101@1", "KMS105@2"]);
  });

  it("silences every code when codes is omitted or empty", () => {
    const config = ignoreConfig({ ignore: [{ path: "**/legacy-*.json", codes: [], base: "/p" }] });
    assert.deepEqual(run("/p/a/legacy-key.json", config, [finding(1), finding(2, "KMS110")]), []);
  });

  it("narrows to one statement by Sid or by index (from Finding.data)", () => {
    const bySid = ignoreConfig({
      ignore: [{ path: "key.json", statement: "AllowUse", base: "/p" }],
    });
    const byIndex = ignoreConfig({ ignore: [{ path: "key.json", statement: "0", base: "/p" }] });
    const findings = [
      finding(1, "KMS101", { statementIndex: 0, sid: "Root" }),
      finding(5, "KMS101", { statementIndex: 1, sid: "AllowUse" }),
      finding(9, "KMS101", { statementIndex: 2 }),
      finding(12, "KMS101"),
    ];
    assert.deepEqual(run("/p/key.json", bySid, findings), ["KMS101@1", "KMS101@9", "KMS101@12"]);
    assert.deepEqual(run("/p/key.json", byIndex, findings), ["KMS101@5", "KMS101@9", "KMS101@12"]);
  });

  it("matches a trailing part of the path when there is no base", () => {
    assert.equal(
      ignorePathMatches({ path: "policies/*.json" }, "/home/me/p/policies/k.json"),
      true,
    );
    assert.equal(ignorePathMatches({ path: "policies/*.json" }, "C:\\p\\policies\\k.json"), true);
    assert.equal(ignorePathMatches({ path: "policies/*.json" }, "/home/me/p/k.json"), false);
  });

  it("applies to code files as well, through analyzeDocument", () => {
    const config = resolveConfig({ ignore: [{ path: "src/generated/**", base: "/p" }] });
    const flagged = (fileName: string) =>
      analyzeDocument({ fileName, text: "flagMe();\n" }, { config, onlyRules: [flagMeRule] })
        .findings.length;
    assert.equal(flagged("/p/src/generated/client.ts"), 0);
    assert.equal(flagged("/p/src/app.ts"), 1);
  });
});
