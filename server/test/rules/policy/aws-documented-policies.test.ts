import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeDocument } from "../../../src/engine/analyze";

/**
 * Key policies in the shapes AWS documents for its own services. Every rule runs over them and
 * none may report: a linter that flags AWS's recommended policies teaches people to ignore it.
 * Account ids and names are ours; the statements' shapes follow the AWS guides cited in each case.
 */
const documented: { name: string; fileName: string; text: string }[] = [
  {
    // AWS KMS Developer Guide, "Default key policy": the root delegation statement only.
    name: "default key policy",
    fileName: "default-key-policy.json",
    text: `{
  "Version": "2012-10-17",
  "Id": "key-default-1",
  "Statement": [
    {
      "Sid": "Enable IAM User Permissions",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
      "Action": "kms:*",
      "Resource": "*"
    }
  ]
}
`,
  },
  {
    // CloudWatch Logs User Guide, "Encrypt log data in CloudWatch Logs using AWS KMS".
    name: "CloudWatch Logs key policy",
    fileName: "cloudwatch-logs-key-policy.json",
    text: `{
  "Version": "2012-10-17",
  "Id": "key-default-1",
  "Statement": [
    {
      "Sid": "Enable IAM User Permissions",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Principal": { "Service": "logs.eu-west-1.amazonaws.com" },
      "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      "Resource": "*",
      "Condition": {
        "ArnLike": {
          "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:111122223333:log-group:*"
        }
      }
    }
  ]
}
`,
  },
  {
    // CloudTrail User Guide, "Default KMS key policy for trails".
    name: "CloudTrail trail key policy",
    fileName: "cloudtrail-key-policy.json",
    text: `{
  "Version": "2012-10-17",
  "Id": "Key policy created by CloudTrail",
  "Statement": [
    {
      "Sid": "Enable IAM User Permissions",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "Allow CloudTrail to encrypt logs",
      "Effect": "Allow",
      "Principal": { "Service": ["cloudtrail.amazonaws.com"] },
      "Action": "kms:GenerateDataKey*",
      "Resource": "*",
      "Condition": {
        "StringEquals": { "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main" },
        "StringLike": { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" }
      }
    },
    {
      "Sid": "Allow CloudTrail to describe key",
      "Effect": "Allow",
      "Principal": { "Service": ["cloudtrail.amazonaws.com"] },
      "Action": "kms:DescribeKey",
      "Resource": "*"
    },
    {
      "Sid": "Allow principals in the account to decrypt log files",
      "Effect": "Allow",
      "Principal": { "AWS": "*" },
      "Action": ["kms:Decrypt", "kms:ReEncryptFrom"],
      "Resource": "*",
      "Condition": {
        "StringEquals": { "kms:CallerAccount": "111122223333" },
        "StringLike": { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" }
      }
    },
    {
      "Sid": "Allow alias creation during setup",
      "Effect": "Allow",
      "Principal": { "AWS": "*" },
      "Action": "kms:CreateAlias",
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "kms:ViaService": "ec2.eu-west-1.amazonaws.com",
          "kms:CallerAccount": "111122223333"
        }
      }
    },
    {
      "Sid": "Enable cross account log decryption",
      "Effect": "Allow",
      "Principal": { "AWS": "*" },
      "Action": ["kms:Decrypt", "kms:ReEncryptFrom"],
      "Resource": "*",
      "Condition": {
        "StringEquals": { "kms:CallerAccount": "111122223333" },
        "StringLike": { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" }
      }
    }
  ]
}
`,
  },
  {
    // AWS KMS Developer Guide, "kms:GrantIsForAWSResource": the console's persistent-resources statement.
    name: "grant for AWS resources",
    fileName: "grants-for-aws-resources.yaml",
    text: `Version: "2012-10-17"
Statement:
  - Sid: Allow attachment of persistent resources
    Effect: Allow
    Principal:
      AWS: arn:aws:iam::111122223333:role/ExampleRole
    Action: [kms:CreateGrant, kms:ListGrants, kms:RevokeGrant]
    Resource: "*"
    Condition:
      Bool:
        kms:GrantIsForAWSResource: true
`,
  },
  {
    // AWS KMS Developer Guide, kms:EncryptionContextKeys with a required pair.
    name: "key allow-list with a required pair",
    fileName: "allow-list.json",
    text: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/RoleForExampleApp" },
      "Action": "kms:GenerateDataKey",
      "Resource": "*",
      "Condition": {
        "StringEquals": { "kms:EncryptionContext:AppName": "ExampleApp" },
        "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["AppName", "FilePath"] }
      }
    }
  ]
}
`,
  },
];

describe("AWS's documented key policies raise no finding from any rule", () => {
  for (const policy of documented) {
    it(policy.name, () => {
      const result = analyzeDocument({ fileName: policy.fileName, text: policy.text });
      assert.ok((result.policyModel?.statements.length ?? 0) > 0, "the policy was not recognised");
      assert.deepEqual(
        result.findings.map((finding) => `${finding.code}: ${finding.message}`),
        [],
      );
    });
  }
});
