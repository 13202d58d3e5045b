import { DecryptCommand } from "@aws-sdk/client-kms";
import { kms, ORDERS_KEY } from "../lib/kms";

export async function loadOrder(blob: Uint8Array) {
  return kms.send(
    new DecryptCommand({
      KeyId: ORDERS_KEY,
      CiphertextBlob: blob,
      EncryptionContext: { purpose: "orders", app: "shop" },
    }),
  );
}
