import { buildClient, CommitmentPolicy, KmsKeyringNode } from "@aws-crypto/client-node";

const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
const keyring = new KmsKeyringNode({ generatorKeyId: "alias/archive" });

export async function archive(data: Buffer) {
  return encrypt(keyring, data, { encryptionContext: { purpose: "archive", app: "shop" } });
}
