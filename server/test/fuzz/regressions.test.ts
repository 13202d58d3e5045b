import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeDocument } from "../../src/engine/analyze";
import { checkDocument } from "./properties";

/**
 * Inputs the long fuzz campaign (`npm run fuzz`) found, kept so they stay fixed. Each names
 * the seed and mutations that produced it.
 */

test("a request object the parser closed itself gives no finding and no fix across a CRLF", () => {
  // seed 20261203, case 22831: test-fixtures/workspaces/cross-file-ok/src/orders/load-order.ts,
  // {"kind":"flip-byte","at":0.6031,"bit":7} then CRLF line endings. The flipped byte turned
  // the newline after `{` into U+FFFD; the parser recovered an object with no members running
  // to the end of the file, KMS002 reported a missing EncryptionContext that is right there,
  // and its fix ended between the final \r and \n.
  const text =
    'import { DecryptCommand } from "@aws-sdk/client-kms";\r\n' +
    'import { kms, ORDERS_KEY } from "../lib/kms";\r\n' +
    "\r\n" +
    "export async function loadOrder(blob: Uint8Array) {\r\n" +
    "  return kms.send(\r\n" +
    "    new DecryptCommand({\ufffd      KeyId: ORDERS_KEY,\r\n" +
    "      CiphertextBlob: blob,\r\n" +
    '      EncryptionContext: { purpose: "order", app: "shop" },\r\n' +
    "    }),\r\n" +
    "  );\r\n" +
    "}\r\n";

  checkDocument("load-order.ts", text);
  assert.deepEqual(analyzeDocument({ fileName: "load-order.ts", text }).findings, []);
});
