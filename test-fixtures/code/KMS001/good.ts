import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";

const kms = new KMSClient({});

/** A local class with an `encrypt` method is not KMS. */
class Rot13 {
  encrypt(input: { KeyId: string }) {
    return input;
  }
}

export async function sealInvoice(tenantId: string, pdf: Uint8Array) {
  new Rot13().encrypt({ KeyId: "not-kms" });
  return kms.send(
    new EncryptCommand({
      KeyId: process.env.INVOICE_KEY,
      Plaintext: pdf,
      EncryptionContext: { tenantId, purpose: "invoice-pdf" },
    }),
  );
}

/** The context comes from the caller: unknown, never "missing". */
export async function sealWith(context: Record<string, string>, data: Uint8Array) {
  return kms.send(new EncryptCommand({ KeyId: "alias/app", Plaintext: data, EncryptionContext: context }));
}
