import assert from "node:assert/strict";
import * as fs from "node:fs";
import { describe, it } from "node:test";
import fc from "fast-check";
import ts from "typescript";
import { analyzeDocument } from "../../../src/engine/analyze";
import { changeRange, sourceFileOf } from "../../../src/engine/code/source-file";
import { fixturePath } from "../../support/paths";

/** Every node's kind and span, depth first: two trees with the same shape print the same. */
function shape(sourceFile: ts.SourceFile): string {
  const parts: string[] = [];
  const visit = (node: ts.Node): void => {
    parts.push(`${ts.SyntaxKind[node.kind]}@${node.pos}-${node.end}`);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return parts.join(" ");
}

function freshShape(fileName: string, text: string): string {
  return shape(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false));
}

/** One editor change: replace `length` characters at `at` (both scaled to the text) by `insert`. */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 4 }),
  insert: fc.constantFrom("", "x", "{", "}", '"', "(", ")", ",", "\n", "tenant: id, ", "/*"),
});

function applyEdit(text: string, change: { at: number; length: number; insert: string }): string {
  const start = Math.floor(change.at * text.length);
  return text.slice(0, start) + change.insert + text.slice(start + change.length);
}

const BASE = fs.readFileSync(fixturePath("code", "KMS001", "bad.ts"), "utf8");

describe("incremental parsing of a document's next version", () => {
  it("finds the smallest changed span", () => {
    assert.deepEqual(changeRange("abcdef", "abXdef"), {
      span: { start: 2, length: 1 },
      newLength: 1,
    });
    assert.deepEqual(changeRange("aaa", "aaaa"), { span: { start: 3, length: 0 }, newLength: 1 });
    assert.deepEqual(changeRange("abc", ""), { span: { start: 0, length: 3 }, newLength: 0 });
    assert.deepEqual(changeRange("same", "same"), { span: { start: 4, length: 0 }, newLength: 0 });
  });

  it("gives the same tree as a fresh parse after every edit of a sequence", () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        // A file name per run, so each run starts from a fresh parse of the fixture.
        const fileName = `/project/incremental-${run++}.ts`;
        let text = BASE;
        sourceFileOf({ fileName, text, kind: "typescript" });
        for (const change of edits) {
          text = applyEdit(text, change);
          const incremental = sourceFileOf({ fileName, text, kind: "typescript" });
          assert.equal(shape(incremental), freshShape(fileName, text));
        }
      }),
      { seed: 20261203, numRuns: 150 },
    );
  });

  it("parses afresh when the previous tree is too deep for the incremental parser", () => {
    const fileName = "/project/deep.ts";
    const deep = `const s = ${Array.from({ length: 30_000 }, () => '"a"').join(" + ")};\n`;
    sourceFileOf({ fileName, text: deep, kind: "typescript" });
    const edited = `${deep.slice(0, 12)}b${deep.slice(12)}`;
    const tree = sourceFileOf({ fileName, text: edited, kind: "typescript" });
    assert.equal(tree.text, edited);
    assert.equal(tree.statements.length, 1);
    assert.equal(tree.end, edited.length);
  });

  it("reports what a fresh analysis reports after each keystroke", () => {
    const fileName = "/project/src/typing.ts";
    let text = BASE;
    const insertAt = text.indexOf("KeyId");
    const codesSeen = new Set<string>();
    for (const [step, character] of [...'EncryptionContext: { tenant: "t-1" }, '].entries()) {
      const offset = insertAt + (text.length - BASE.length);
      text = text.slice(0, offset) + character + text.slice(offset);
      const typed = analyzeDocument({ fileName, text, languageId: "typescript" });
      // A name never seen before has no earlier version cached: it is parsed from scratch.
      const freshName = `/project/src/fresh-${step}.ts`;
      const fresh = analyzeDocument({ fileName: freshName, text, languageId: "typescript" });
      assert.deepEqual(
        typed.findings.map(({ code, range, message }) => ({ code, range, message })),
        fresh.findings.map(({ code, range, message }) => ({ code, range, message })),
      );
      typed.findings.forEach((finding) =>
        codesSeen.add(`${finding.code}@${finding.range.start.line}`),
      );
    }
    // While typing, the Encrypt on line 6 lost its KMS001 and the empty context on line 11 kept
    // its own: the comparison above saw real findings come and go.
    assert.deepEqual([...codesSeen].sort(), ["KMS001@10", "KMS001@5"]);
    assert.deepEqual(
      analyzeDocument({ fileName, text, languageId: "typescript" }).findings.map((f) => f.code),
      ["KMS001"],
    );
  });
});
