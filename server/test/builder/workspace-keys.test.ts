import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CodeModel, ContextEntry, KmsCall, StaticValue } from "../../src/engine/code/model";
import { collectContextKeys, mergeContextKeys } from "../../src/engine/builder/workspace-keys";

function entry(key: string | undefined, value: StaticValue): ContextEntry {
  return { key, keyStart: 0, keyEnd: 0, value, valueStart: 0, valueEnd: 0 };
}

function kmsCall(operation: KmsCall["operation"], entries: ContextEntry[]): KmsCall {
  return {
    kind: "kms",
    operation,
    flavor: "sdk-v3-command",
    start: 0,
    end: 0,
    request: { complete: true, members: [] },
    contexts: { EncryptionContext: { kind: "object", entries, complete: true, start: 0, end: 0 } },
    keyReference: { kind: "unknown" },
    identifiersInScope: [],
  };
}

const model = (calls: KmsCall[]): CodeModel => ({
  kmsCalls: calls,
  esdkCalls: [],
  s3Calls: [],
  cdkGrants: [],
});

describe("collectContextKeys", () => {
  it("counts keys across calls and lists literal values, most frequent first", () => {
    const tenant = (value: string) => entry("tenant", { kind: "string", value });
    const keys = collectContextKeys([
      model([
        kmsCall("Encrypt", [tenant("a"), entry("purpose", { kind: "expression", text: "p" })]),
        kmsCall("Decrypt", [tenant("b")]),
      ]),
      model([
        kmsCall("GenerateDataKey", [tenant("b"), entry(undefined, { kind: "string", value: "x" })]),
        kmsCall("CreateGrant", [entry("grantOnly", { kind: "string", value: "g" })]),
      ]),
    ]);
    assert.deepEqual(keys, [
      { key: "tenant", count: 3, values: ["b", "a"] },
      { key: "purpose", count: 1, values: [] },
    ]);
  });

  it("merges lists from several sources without duplicates", () => {
    assert.deepEqual(
      mergeContextKeys(
        [{ key: "tenant", count: 2, values: ["a"] }],
        [
          { key: "tenant", count: 5, values: ["b", "a"] },
          { key: "app", count: 1, values: [] },
        ],
      ),
      [
        { key: "tenant", count: 5, values: ["a", "b"] },
        { key: "app", count: 1, values: [] },
      ],
    );
  });
});
