import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";

const kms = new KMSClient({});

export async function sealProfile(user: { id: string; email: string }, profile: Uint8Array) {
  return kms.send(
    new EncryptCommand({
      KeyId: "alias/profiles",
      Plaintext: profile,
      EncryptionContext: { email: user.email, contact: "alice@example.com" },
    }),
  );
}
