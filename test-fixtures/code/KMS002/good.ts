import { KMSClient, EncryptCommand, DecryptCommand } from "@aws-sdk/client-kms";

const kms = new KMSClient({});

export async function roundTrip(tenantId: string, secret: Uint8Array) {
  const sealed = await kms.send(
    new EncryptCommand({ KeyId: "alias/app", Plaintext: secret, EncryptionContext: { tenantId } }),
  );
  return kms.send(
    new DecryptCommand({
      KeyId: "alias/app",
      CiphertextBlob: sealed.CiphertextBlob,
      EncryptionContext: { tenantId },
    }),
  );
}

/** Not KMS: a JWE library's decrypt. */
const jwe = { decrypt: (token: string) => token };
jwe.decrypt("header.payload");
