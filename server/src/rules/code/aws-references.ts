/** AWS documentation the code rules cite, in one place so every page links the same URLs. */
export const AWS_REFERENCES = {
  encryptionContext: {
    title: "AWS KMS Developer Guide: Encryption context",
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/encryption-context.html",
  },
  encryptApi: {
    title: "AWS KMS API Reference: Encrypt",
    url: "https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html",
  },
  generateDataKeyApi: {
    title: "AWS KMS API Reference: GenerateDataKey",
    url: "https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html",
  },
  decryptApi: {
    title: "AWS KMS API Reference: Decrypt",
    url: "https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html",
  },
  reEncryptApi: {
    title: "AWS KMS API Reference: ReEncrypt",
    url: "https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html",
  },
  createGrantApi: {
    title: "AWS KMS API Reference: CreateGrant",
    url: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateGrant.html",
  },
  grantConstraints: {
    title: "AWS KMS API Reference: GrantConstraints",
    url: "https://docs.aws.amazon.com/kms/latest/APIReference/API_GrantConstraints.html",
  },
  grants: {
    title: "AWS KMS Developer Guide: Grants in AWS KMS",
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/grants.html",
  },
  conditionKeys: {
    title: "AWS KMS Developer Guide: AWS KMS condition keys",
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html",
  },
  esdkEncryptionContext: {
    title: "AWS Encryption SDK Developer Guide: Encryption context",
    url: "https://docs.aws.amazon.com/encryption-sdk/latest/developer-guide/concepts.html#encryption-context",
  },
  esdkJavaScript: {
    title: "AWS Encryption SDK for JavaScript",
    url: "https://docs.aws.amazon.com/encryption-sdk/latest/developer-guide/javascript.html",
  },
  s3EncryptionContext: {
    title: "Amazon S3 User Guide: Using server-side encryption with AWS KMS keys (SSE-KMS)",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
  },
  cdkKey: {
    title: "AWS CDK API Reference: aws-cdk-lib.aws_kms.Key",
    url: "https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_kms.Key.html",
  },
  cloudTrailKms: {
    title: "AWS KMS Developer Guide: Logging AWS KMS API calls with AWS CloudTrail",
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html",
  },
} as const;
