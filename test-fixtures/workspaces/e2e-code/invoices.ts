import { EncryptCommand, KMSClient } from "@aws-sdk/client-kms";

const kms = new KMSClient({});

/** Seals a tenant's invoice under the invoices key. */
export async function sealInvoice(tenantId: string, keyId: string, invoice: Uint8Array) {
  const sealed = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: invoice }));
  return { tenantId, ciphertext: sealed.CiphertextBlob };
}
