import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";

const kms = new KMSClient({});

export async function sealProfile(user: { id: string; email: string }, profile: Uint8Array) {
  return kms.send(
    new EncryptCommand({
      KeyId: "alias/profiles",
      Plaintext: profile,
      EncryptionContext: {
        userId: user.id,
        purpose: "profile",
        SecretARN: "arn:aws:secretsmanager:us-east-1:111122223333:secret:profile",
      },
    }),
  );
}
