import { EncryptCommand } from "@aws-sdk/client-kms";
import { NO_CONTEXT, profileContext } from "./lib/contexts";
import { kms } from "./lib/kms";

export async function saveProfile(customer: { id: string; email: string }, data: Uint8Array) {
  return kms.send(
    new EncryptCommand({
      KeyId: "alias/profiles",
      Plaintext: data,
      EncryptionContext: profileContext(customer),
    }),
  );
}

export async function saveAvatar(data: Uint8Array) {
  return kms.send(
    new EncryptCommand({ KeyId: "alias/profiles", Plaintext: data, EncryptionContext: NO_CONTEXT }),
  );
}
