import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type * as vscode from "vscode";
import { formatValue, identifierFor, parseValue } from "../../src/commands/build-context/pair-text";
import { describePairs, RecentContexts } from "../../src/commands/build-context/recent";

describe("builder input parsing", () => {
  it("reads =expression as code and everything else as a string", () => {
    assert.deepEqual(parseValue("=tenantId"), { kind: "expression", text: "tenantId" });
    assert.deepEqual(parseValue("= user.id "), { kind: "expression", text: "user.id" });
    assert.deepEqual(parseValue("="), { kind: "literal", text: "=" });
    assert.deepEqual(parseValue("a=b"), { kind: "literal", text: "a=b" });
    for (const value of [parseValue("=tenantId"), parseValue("invoices")]) {
      assert.deepEqual(parseValue(formatValue(value)), value);
    }
  });

  it("suggests variable names for keys", () => {
    assert.equal(identifierFor("tenant-id"), "tenantId");
    assert.equal(identifierFor("aws:s3:arn"), "awsS3Arn");
    assert.equal(identifierFor("1st"), "value1st");
  });
});

/** An in-memory stand-in for `ExtensionContext.workspaceState`. */
function memento(initial: Record<string, unknown> = {}): vscode.Memento {
  const store = new Map(Object.entries(initial));
  return {
    keys: () => [...store.keys()],
    get: <T>(key: string, fallback?: T) => (store.has(key) ? (store.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => {
      store.set(key, value);
    },
  } as vscode.Memento;
}

describe("recent contexts", () => {
  const a = [{ key: "tenant", value: { kind: "literal" as const, text: "t-42" } }];
  const b = [{ key: "app", value: { kind: "expression" as const, text: "appName" } }];

  it("keeps the newest first, without duplicates, at most ten", async () => {
    const recent = new RecentContexts(memento());
    await recent.remember(a);
    await recent.remember(b);
    await recent.remember(a);
    assert.deepEqual(recent.list(), [a, b]);
    for (let index = 0; index < 12; index++) {
      await recent.remember([{ key: `k${index}`, value: { kind: "literal", text: "v" } }]);
    }
    assert.equal(recent.list().length, 10);
    assert.equal(recent.list()[0][0].key, "k11");
  });

  it("ignores empty contexts and whatever else the state holds", async () => {
    const recent = new RecentContexts(
      memento({ "kmsContextGuard.recentContexts": [a, "junk", [{ key: 1 }]] }),
    );
    await recent.remember([]);
    assert.deepEqual(recent.list(), [a]);
  });

  it("describes a context on one line", () => {
    assert.equal(describePairs([...a, ...b]), 'tenant = "t-42", app = appName');
  });
});
