import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { codeRules } from "../../../src/rules/code-rules";
import { findingsOf } from "../../support/rule-tester";

/** The code inside a fenced block such as "```ts\n...\n```". */
function fencedCode(block: string): { code: string; fileName: string } {
  const match = /^```(\w+)\n([\s\S]*)\n```$/.exec(block.trim());
  assert.ok(match, `not a fenced code block:\n${block}`);
  return { code: match[2], fileName: `example.${match[1] === "js" ? "js" : "ts"}` };
}

/** Each rule's documented "bad" example is flagged by it and its "fixed" example is not. */
describe("code rule documentation examples", () => {
  for (const rule of codeRules) {
    it(`${rule.meta.code} flags its bad example`, () => {
      const { code, fileName } = fencedCode(rule.meta.docs.badExample);
      assert.ok(findingsOf(rule, code, fileName).length > 0);
    });

    it(`${rule.meta.code} accepts its fixed example`, () => {
      const { code, fileName } = fencedCode(rule.meta.docs.fixedExample);
      assert.deepEqual(
        findingsOf(rule, code, fileName).map((finding) => finding.message),
        [],
      );
    });
  }
});
