import { KMSClient, EncryptCommand, DecryptCommand } from "@aws-sdk/client-kms";

const kms = new KMSClient({});
const context = { purpose: "export" };

export async function roundTrip(data: Uint8Array) {
  const sealed = await kms.send(
    new EncryptCommand({ KeyId: "alias/app", Plaintext: data, EncryptionContext: context }),
  );
  return kms.send(
    new DecryptCommand({
      KeyId: "alias/app",
      CiphertextBlob: sealed.CiphertextBlob,
      EncryptionContext: { purpose: "export" },
    }),
  );
}
