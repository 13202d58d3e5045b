import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Diagnostic } from "vscode-languageserver";
import { resolveConfig } from "../../src/engine/config";
import type { Finding } from "../../src/engine/types";
import { AnalysisStore, type DocumentAnalysis } from "../../src/server/analysis-store";

const CONFIG = resolveConfig();

function finding(message: string): Finding {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
  return {
    code: "KMS001",
    name: "missing-encryption-context",
    severity: "warning",
    message,
    range,
    fixes: [{ title: "Fix it", edits: [{ range, newText: "done" }] }],
  };
}

function analysis(version: number, message: string): DocumentAnalysis {
  return { version, findings: [finding(message)], text: `text ${version}` };
}

function diagnostics(message: string): Diagnostic[] {
  return [{ range: finding(message).range, message, code: "KMS001" }];
}

describe("AnalysisStore", () => {
  it("publishes only when a version's diagnostics change", () => {
    const store = new AnalysisStore(() => undefined);

    assert.equal(store.record("a", analysis(1, "one"), CONFIG, diagnostics("one")), true);
    assert.equal(store.record("a", analysis(1, "one"), CONFIG, diagnostics("one")), false);
    assert.equal(store.record("a", analysis(1, "two"), CONFIG, diagnostics("two")), true);
    assert.equal(store.record("a", analysis(2, "two"), CONFIG, diagnostics("two")), true);
    assert.equal(store.record("b", analysis(2, "two"), CONFIG, diagnostics("two")), true);
  });

  it("returns a kept analysis only for its own version", () => {
    const store = new AnalysisStore(() => assert.fail("a kept analysis is not made again"));
    const kept = analysis(3, "three");
    store.record("a", kept, CONFIG, diagnostics("three"));

    assert.equal(store.get("a", 3), kept);
    assert.equal(store.get("a"), kept);
    assert.equal(store.get("a", 2), undefined);
    assert.equal(store.get("b", 3), undefined);
  });

  it("lets the least recently used analyses go and makes them again on request", () => {
    const calls: [string, number, unknown][] = [];
    const store = new AnalysisStore((uri, version, config) => {
      calls.push([uri, version, config]);
      return analysis(version, `again ${uri}`);
    }, 2);
    const ownConfig = resolveConfig({ rules: { KMS001: "error" } });
    store.record("a", analysis(1, "a"), ownConfig, diagnostics("a"));
    store.record("b", analysis(1, "b"), CONFIG, diagnostics("b"));
    // Reading `a` makes it the most recent, so recording `c` lets `b` go.
    assert.equal(store.get("a", 1)?.findings[0].message, "a");
    store.record("c", analysis(4, "c"), CONFIG, diagnostics("c"));

    assert.equal(store.get("a", 1)?.findings[0].message, "a");
    assert.equal(store.get("c", 4)?.findings[0].message, "c");
    assert.deepEqual(calls, []);

    assert.equal(store.get("b", 2), undefined);
    assert.equal(store.get("b", 1)?.findings[0].message, "again b");
    assert.deepEqual(calls, [["b", 1, CONFIG]]);
    // Made again, it is kept like any other: the next request does not analyse it a third time.
    assert.equal(store.get("b", 1)?.findings[0].message, "again b");
    assert.equal(calls.length, 1);

    // `a` was let go when `b` came back; it is made again with its own configuration.
    assert.equal(store.get("a", 1)?.findings[0].message, "again a");
    assert.deepEqual(calls[1], ["a", 1, ownConfig]);
  });

  it("forgets a closed document entirely", () => {
    const store = new AnalysisStore(() => assert.fail("a closed document is not analysed"), 1);
    store.record("a", analysis(1, "a"), CONFIG, diagnostics("a"));
    store.record("b", analysis(1, "b"), CONFIG, diagnostics("b"));
    store.forget("a");
    store.forget("b");

    assert.equal(store.get("a", 1), undefined);
    assert.equal(store.get("b", 1), undefined);
    assert.equal(store.record("a", analysis(1, "a"), CONFIG, diagnostics("a")), true);
  });
});
