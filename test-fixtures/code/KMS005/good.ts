import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";
import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";

const kms = new KMSClient({});
const s3 = new S3Client({});

export async function store(orderId: number, body: string) {
  await kms.send(
    new EncryptCommand({
      KeyId: "alias/orders",
      Plaintext: Buffer.from(body),
      EncryptionContext: { orderId: String(orderId), tenant: "a" },
    }),
  );
  await s3.send(
    new PutObjectCommand({
      Bucket: "b",
      Key: "k",
      Body: body,
      SSEKMSEncryptionContext: Buffer.from(JSON.stringify({ project: "alpha" })).toString("base64"),
    }),
  );
}
