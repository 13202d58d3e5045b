import { buildClient, CommitmentPolicy, KmsKeyringNode } from "@aws-crypto/client-node";

const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

export async function open(keyring: KmsKeyringNode, ciphertext: Uint8Array) {
  const { plaintext } = await decrypt(keyring, ciphertext);
  return plaintext;
}
