import assert from "node:assert/strict";
import { describe, it } from "node:test";
import ts from "typescript";
import { copyContext, insertMember, suggestContext } from "../../../src/engine/code/fix-text";
import type { ContextInfo } from "../../../src/engine/code/model";
import { ValueReader } from "../../../src/engine/code/values";

/** Inserts `member` into the first object literal of `text` and returns the new text. */
function insertInto(text: string, member: string): string {
  const sourceFile = ts.createSourceFile("a.ts", text, ts.ScriptTarget.Latest, true);
  let literal: ts.ObjectLiteralExpression | undefined;
  const find = (node: ts.Node): void => {
    if (!literal && ts.isObjectLiteralExpression(node)) {
      literal = node;
    }
    ts.forEachChild(node, find);
  };
  find(sourceFile);
  const layout = new ValueReader(sourceFile, text).layout(literal!);
  const edit = insertMember(layout, member, text);
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

describe("insertMember", () => {
  it("follows the object's own layout", () => {
    const cases: [string, string][] = [
      ["f({});", "f({ A: 1 });"],
      ["f({ a: 1 });", "f({ a: 1, A: 1 });"],
      ["f({ a: 1, });", "f({ a: 1, A: 1, });"],
      ["f({\n  a: 1\n});", "f({\n  a: 1,\n  A: 1\n});"],
      ["f({\n\ta: 1,\n});", "f({\n\ta: 1,\n\tA: 1,\n});"],
      ["  f({\n  });", "  f({\n    A: 1\n  });"],
      ["f({ a: 1 /* note */ });", "f({ a: 1, A: 1 /* note */ });"],
    ];
    assert.deepEqual(
      cases.map(([input]) => [input, insertInto(input, "A: 1")]),
      cases,
    );
  });
});

describe("suggestContext", () => {
  it("prefers identifiers naming the data's owner, tenant first", () => {
    assert.equal(
      suggestContext(["documentId", "tenantId", "x"]),
      "{ ${1:tenantId}, ${2:documentId} }",
    );
    assert.equal(
      suggestContext(["keyId", "kmsKeyArn", "plaintext"]),
      '{ purpose: "${1:what-this-data-is}" }',
    );
    assert.equal(suggestContext([]), '{ purpose: "${1:what-this-data-is}" }');
  });
});

describe("copyContext", () => {
  it("keeps literal strings and turns other values into escaped placeholders", () => {
    const text = '{ a: "x$y", b: f({}), c }';
    const context: ContextInfo = {
      kind: "object",
      complete: true,
      start: 0,
      end: text.length,
      entries: [
        {
          key: "a",
          keyStart: 2,
          keyEnd: 3,
          value: { kind: "string", value: "x$y" },
          valueStart: 5,
          valueEnd: 10,
        },
        {
          key: "b",
          keyStart: 12,
          keyEnd: 13,
          value: { kind: "expression", text: "f({})" },
          valueStart: 15,
          valueEnd: 20,
        },
        {
          key: "c",
          keyStart: 22,
          keyEnd: 23,
          value: { kind: "expression", text: "c", path: "c" },
          valueStart: 22,
          valueEnd: 23,
        },
      ],
    };
    assert.equal(copyContext(context, text), '{ a: "x\\$y", b: ${1:f({\\})}, ${2:c} }');
    assert.equal(copyContext({ ...context, complete: false }, text), undefined);
  });
});
