import { KMSClient, CreateGrantCommand } from "@aws-sdk/client-kms";

const kms = new KMSClient({});

export async function shareWith(roleArn: string, tenantId: string) {
  return kms.send(
    new CreateGrantCommand({
      KeyId: "alias/app",
      GranteePrincipal: roleArn,
      Operations: ["Decrypt"],
      Constraints: { EncryptionContextEquals: { tenantId } },
    }),
  );
}
