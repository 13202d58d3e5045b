import { EncryptCommand, KMSClient } from "@aws-sdk/client-kms";

const kms = new KMSClient({});

export async function seal(tenantId: string, data: Uint8Array) {
  return kms.send(new EncryptCommand({ KeyId: "alias/app", Plaintext: data }));
}
