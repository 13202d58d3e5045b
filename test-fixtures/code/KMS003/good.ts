import { buildClient, CommitmentPolicy, KmsKeyringNode } from "@aws-crypto/client-node";

const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

export async function open(keyring: KmsKeyringNode, ciphertext: Uint8Array, tenantId: string) {
  const { plaintext, messageHeader } = await decrypt(keyring, ciphertext);
  if (messageHeader.encryptionContext.tenantId !== tenantId) {
    throw new Error("Encryption context mismatch");
  }
  return plaintext;
}
