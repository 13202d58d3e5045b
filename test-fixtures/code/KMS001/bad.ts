import { KMSClient, EncryptCommand, GenerateDataKeyCommand } from "@aws-sdk/client-kms";

const kms = new KMSClient({});

export async function sealInvoice(tenantId: string, pdf: Uint8Array) {
  return kms.send(new EncryptCommand({ KeyId: process.env.INVOICE_KEY, Plaintext: pdf }));
}

export async function newDataKey() {
  return kms.send(
    new GenerateDataKeyCommand({ KeyId: "alias/app", KeySpec: "AES_256", EncryptionContext: {} }),
  );
}
