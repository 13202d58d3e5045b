import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { snippetToPlainText as codeRulesPlainText } from "../../src/engine/code/fix-text";
import { snippetToPlainText } from "../../src/engine/snippet";

describe("snippetToPlainText", () => {
  const cases: [snippet: string, plain: string][] = [
    ['EncryptionContext: { purpose: ${1:"orders"} }', 'EncryptionContext: { purpose: "orders" }'],
    ["-- ${1:reason}", "-- reason"],
    ["a$0b$12c", "abc"],
    ["${1:outer ${2:inner}}", "outer inner"],
    ["${1|one,two|}", "one"],
    ["${3}", ""],
    ["cost: \\$5 \\} \\\\", "cost: $5 } \\"],
    ["{ tenantId }", "{ tenantId }"],
    ["`${tenant}`", "`${tenant}`"],
  ];
  for (const [snippet, plain] of cases) {
    it(JSON.stringify(snippet), () => {
      assert.equal(snippetToPlainText(snippet), plain);
    });
  }
});

describe("snippet conversion agreement", () => {
  // The code rules' tester converts snippets with its own helper (engine/code/fix-text.ts); the
  // text it asserts must be what the server and CLI produce, so the two must agree.
  it("matches the code rules' converter on the snippets rules emit", () => {
    const snippets = [
      "{ ${1:tenantId} }",
      ', EncryptionContext: { ${1:tenantId}, ${2:purpose: "x"} }',
      "-- ${1:reason}",
      "a$0b",
      "cost: \\$5 \\} \\\\",
      "${1:a \\} b}",
    ];
    for (const snippet of snippets) {
      assert.equal(snippetToPlainText(snippet), codeRulesPlainText(snippet), snippet);
    }
  });
});
