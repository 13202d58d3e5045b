import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
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
