import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { indexOf } from "./support";

const HEADER = 'import { KMSClient, EncryptCommand, DecryptCommand } from "@aws-sdk/client-kms";';

describe("WorkspaceFacts from the index", () => {
  const index = indexOf({
    "src/contexts.ts": 'export const ORDER = { purpose: "order", tenant: "t-1" };',
    "src/orders.ts": [
      HEADER,
      'import { ORDER } from "./contexts";',
      "const kms = new KMSClient({});",
      'kms.send(new EncryptCommand({ KeyId: "arn:aws:kms:eu-west-1:111122223333:alias/orders", Plaintext: p, EncryptionContext: ORDER }));',
      'kms.send(new DecryptCommand({ KeyId: "alias/orders", CiphertextBlob: b, EncryptionContext: { purpose: "order", tenant: tenantId } }));',
    ].join("\n"),
    "src/refunds.ts": [
      HEADER,
      "const kms = new KMSClient({});",
      'kms.send(new EncryptCommand({ KeyId: process.env.REFUNDS_KEY, Plaintext: p, EncryptionContext: { purpose: "refund" } }));',
      "kms.send(new EncryptCommand({ KeyId: process.env.REFUNDS_KEY, Plaintext: p, EncryptionContext: ctx }));",
    ].join("\n"),
  });
  const facts = index.facts();

  it("lists every key the code sends, most used first, with literal values by frequency", () => {
    assert.deepEqual(facts.sentContextKeys(), [
      { key: "purpose", values: ["order", "refund"], count: 3 },
      { key: "tenant", values: ["t-1"], count: 2 },
    ]);
  });

  it("narrows to one KMS key, whether named by alias, alias ARN or environment variable", () => {
    const orders = [
      { key: "purpose", values: ["order"], count: 2 },
      { key: "tenant", values: ["t-1"], count: 2 },
    ];
    assert.deepEqual(facts.sentContextKeys("alias/orders"), orders);
    assert.deepEqual(
      facts.sentContextKeys("arn:aws:kms:us-east-1:999999999999:alias/orders"),
      orders,
    );
    assert.deepEqual(facts.sentContextKeys("env:REFUNDS_KEY"), [
      { key: "purpose", values: ["refund"], count: 1 },
    ]);
    assert.deepEqual(facts.sentContextKeys("*"), facts.sentContextKeys());
    assert.deepEqual(facts.sentContextKeys("alias/unused"), []);
  });
});
