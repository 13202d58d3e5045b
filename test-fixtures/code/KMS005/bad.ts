import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";
import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";

const kms = new KMSClient({});
const s3 = new S3Client({});

export async function store(body: string) {
  await kms.send(
    new EncryptCommand({
      KeyId: "alias/orders",
      Plaintext: Buffer.from(body),
      EncryptionContext: { orderId: 42, Tenant: "a", tenant: "a" },
    }),
  );
  await s3.send(
    new PutObjectCommand({
      Bucket: "b",
      Key: "k",
      Body: body,
      SSEKMSEncryptionContext: { project: "alpha" },
    }),
  );
}
