/**
 * Seed documents for the fuzz suite, used besides every file under `test-fixtures/`. They hold
 * the shapes the extractors look for (KMS clients, Encryption SDK calls, grants, CDK keys, key
 * policies and CloudFormation templates), so mutations land on the code paths that matter even
 * before the per-rule fixtures exist.
 */
export interface SeedDocument {
  fileName: string;
  text: string;
}

const SDK_V3 = `import { KMSClient, EncryptCommand, DecryptCommand, CreateGrantCommand } from "@aws-sdk/client-kms";
import * as kms from "@aws-sdk/client-kms";

const client = new KMSClient({ region: "eu-west-1" });
const base = { KeyId: process.env.KEY_ID, Plaintext: Buffer.from("x") };

export async function seal(tenantId: string, user: { email: string }) {
  const context = { tenantId, purpose: "invoice", email: user.email, "aws-crypto-x": "1", TenantId: 3 };
  await client.send(new EncryptCommand({ ...base, EncryptionContext: context }));
  await client.send(new kms.DecryptCommand({ CiphertextBlob: blob } as DecryptCommandInput));
  await client.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { tenantId: \`t-\${tenantId}\` } }));
  await client.send(new CreateGrantCommand({ KeyId: "k", GranteePrincipal: "p", Operations: ["Decrypt", "Encrypt"] }));
}
`;

const SDK_V2 = `const AWS = require("aws-sdk");
const kms = new AWS.KMS();
kms.encrypt({ KeyId: "alias/app", Plaintext: "secret" }, (err, data) => {});
kms.decrypt({ CiphertextBlob: data, EncryptionContext: { password: "hunter2", ssn: "123-45-6789" } }).promise();
kms.reEncrypt({ CiphertextBlob: data, DestinationKeyId: "k", SourceEncryptionContext: {} });
const s3 = new AWS.S3();
s3.putObject({ Bucket: "b", Key: "k", SSEKMSEncryptionContext: { a: 1 } });
`;

const ESDK = `import { buildClient, CommitmentPolicy, KmsKeyringNode } from "@aws-crypto/client-node";
const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
const keyring = new KmsKeyringNode({ generatorKeyId: "arn:aws:kms:eu-west-1:111122223333:key/abc" });
export async function roundTrip(cardNumber: string) {
  const { result } = await encrypt(keyring, "data", { encryptionContext: { card: "4111111111111111", cardNumber } });
  const { plaintext, messageHeader } = await decrypt(keyring, result);
  if (messageHeader.encryptionContext.card !== "4111111111111111") throw new Error("x");
  return plaintext;
}
`;

const CDK = `import * as kms from "aws-cdk-lib/aws-kms";
import * as iam from "aws-cdk-lib/aws-iam";
const key = new kms.Key(this, "Key");
key.grantDecrypt(role);
key.grant(role, "kms:Encrypt", "kms:Decrypt");
new iam.PolicyStatement({
  actions: ["kms:Decrypt"],
  resources: [key.keyArn],
  conditions: { "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["tenantId"] } },
});
`;

const KEY_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Enable IAM User Permissions",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "AllowUse",
      "Effect": "Allow",
      "Principal": { "AWS": ["arn:aws:iam::111122223333:role/App"] },
      "Action": ["kms:Decrypt", "kms:Encrypt", "kms:DescribeKey"],
      "Resource": "*",
      "Condition": {
        "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["tenantId", "purpose"] },
        "StringEqualsIfExists": { "kms:EncryptionContext:tenantId": "t-*" },
        "StringEquals": { "kms:EncryptionContext:email": "j.doe@example.com" },
        "ForAnyValue:StringLike": { "kms:EncrytionContext:\${EncryptionContextKey}": "x" }
      }
    },
    {
      "Effect": "Deny",
      "Principal": "*",
      "NotAction": "kms:CreateGrant",
      "Resource": "*",
      "Condition": { "StringNotEquals": { "kms:EncryptionContext:purpose": "billing" } }
    }
  ]
}
`;

const CFN_YAML = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Tenant: { Type: String }
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: Root
            Effect: Allow
            Principal:
              AWS: !Sub "arn:aws:iam::\${AWS::AccountId}:root"
            Action: "kms:*"
            Resource: "*"
          - &use
            Effect: Allow
            Principal: { AWS: !GetAtt Role.Arn }
            Action: [kms:Decrypt, kms:GenerateDataKey*]
            Resource: "*"
            Condition:
              StringEquals:
                kms:EncryptionContext:tenant: !Ref Tenant
              ForAllValues:StringLike:
                kms:EncryptionContextKeys: ["tenant*"]
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - *use
          - Effect: Allow
            Action: kms:CreateGrant
            Resource: !If [IsProd, "*", !Ref AWS::NoValue]
            Condition: !FindInMap [Map, Key, Value]
`;

const CFN_JSON = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Role": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "Policies": [{
          "PolicyName": "kms",
          "PolicyDocument": {
            "Statement": [{
              "Effect": "Allow",
              "Action": ["kms:Decrypt"],
              "Resource": { "Fn::GetAtt": ["Key", "Arn"] },
              "Condition": { "StringEquals": { "kms:EncryptionContext:aws:s3:arn": { "Fn::Sub": "arn:aws:s3:::\${Bucket}/*" } } }
            }]
          }
        }]
      }
    }
  }
}
`;

/** The built-in seeds, one per kind of document the engine reads. */
export const builtInSeeds: SeedDocument[] = [
  { fileName: "seed/sdk-v3.ts", text: SDK_V3 },
  { fileName: "seed/sdk-v2.js", text: SDK_V2 },
  { fileName: "seed/esdk.mts", text: ESDK },
  { fileName: "seed/cdk-stack.tsx", text: CDK },
  { fileName: "seed/key-policy.json", text: KEY_POLICY },
  { fileName: "seed/template.yaml", text: CFN_YAML },
  { fileName: "seed/template.json", text: CFN_JSON },
];
