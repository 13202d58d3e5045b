import { CreateGrantCommand, KMSClient } from "@aws-sdk/client-kms";

const kms = new KMSClient({});

export async function allowReports(keyId: string, reporterRoleArn: string) {
  return kms.send(
    new CreateGrantCommand({
      KeyId: keyId,
      GranteePrincipal: reporterRoleArn,
      Operations: ["Decrypt"],
    }),
  );
}
