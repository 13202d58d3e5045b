import { EncryptCommand } from "@aws-sdk/client-kms";
import { ORDER_CONTEXT } from "../lib/contexts";
import { kms, ORDERS_KEY } from "../lib/kms";

export async function saveOrder(order: Uint8Array) {
  return kms.send(
    new EncryptCommand({ KeyId: ORDERS_KEY, Plaintext: order, EncryptionContext: ORDER_CONTEXT }),
  );
}
