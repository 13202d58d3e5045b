import type { EsdkOperation, KmsOperation } from "./model";

/**
 * The AWS APIs the extractor recognises, by module and exported name. Everything here comes
 * from the SDK and CDK sources listed in the domain reference; nothing is matched by name alone.
 */

/** What a receiver or a constructed object is, once its origin is traced to an import. */
export type Origin =
  | "kms-v3-client"
  | "kms-v3-aggregated"
  | "kms-v2"
  | "s3-v3-client"
  | "s3-v3-aggregated"
  | "s3-v2"
  | "cdk-key"
  | "esdk-client"
  | "esdk-build-client";

export const KMS_V3_MODULE = "@aws-sdk/client-kms";
export const S3_V3_MODULE = "@aws-sdk/client-s3";
const ESDK_MODULES = new Set(["@aws-crypto/client-node", "@aws-crypto/client-browser"]);
const CDK_KMS_MODULES = new Set(["aws-cdk-lib/aws-kms", "@aws-cdk/aws-kms"]);

export const KMS_COMMANDS: ReadonlyMap<string, KmsOperation> = new Map([
  ["EncryptCommand", "Encrypt"],
  ["DecryptCommand", "Decrypt"],
  ["ReEncryptCommand", "ReEncrypt"],
  ["GenerateDataKeyCommand", "GenerateDataKey"],
  ["GenerateDataKeyWithoutPlaintextCommand", "GenerateDataKeyWithoutPlaintext"],
  ["GenerateDataKeyPairCommand", "GenerateDataKeyPair"],
  ["GenerateDataKeyPairWithoutPlaintextCommand", "GenerateDataKeyPairWithoutPlaintext"],
  ["CreateGrantCommand", "CreateGrant"],
]);

export const KMS_METHODS: ReadonlyMap<string, KmsOperation> = new Map([
  ["encrypt", "Encrypt"],
  ["decrypt", "Decrypt"],
  ["reEncrypt", "ReEncrypt"],
  ["generateDataKey", "GenerateDataKey"],
  ["generateDataKeyWithoutPlaintext", "GenerateDataKeyWithoutPlaintext"],
  ["generateDataKeyPair", "GenerateDataKeyPair"],
  ["generateDataKeyPairWithoutPlaintext", "GenerateDataKeyPairWithoutPlaintext"],
  ["createGrant", "CreateGrant"],
]);

/** S3 requests that carry `SSEKMSEncryptionContext`. */
export const S3_COMMANDS: ReadonlyMap<string, string> = new Map([
  ["PutObjectCommand", "PutObject"],
  ["CopyObjectCommand", "CopyObject"],
  ["CreateMultipartUploadCommand", "CreateMultipartUpload"],
]);

export const S3_METHODS: ReadonlyMap<string, string> = new Map([
  ["putObject", "PutObject"],
  ["copyObject", "CopyObject"],
  ["createMultipartUpload", "CreateMultipartUpload"],
]);

/** Encryption SDK functions and the position of their options argument. */
export const ESDK_OPERATIONS: ReadonlyMap<string, { operation: EsdkOperation; options: number }> =
  new Map([
    ["encrypt", { operation: "encrypt" as EsdkOperation, options: 2 }],
    ["encryptStream", { operation: "encryptStream" as EsdkOperation, options: 1 }],
    ["decrypt", { operation: "decrypt" as EsdkOperation, options: 2 }],
    ["decryptStream", { operation: "decryptStream" as EsdkOperation, options: 1 }],
  ]);

/** CDK key grant methods and the KMS actions each adds to a policy (CDK `private/perms.ts`). */
const ENCRYPT_ACTIONS = ["kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"];
export const CDK_GRANT_METHODS: ReadonlyMap<string, string[] | undefined> = new Map([
  ["grantDecrypt", ["kms:Decrypt"]],
  ["grantEncrypt", ENCRYPT_ACTIONS],
  ["grantEncryptDecrypt", ["kms:Decrypt", ...ENCRYPT_ACTIONS]],
  ["grant", undefined],
]);

/** CDK static factories that return an `IKey` (an `IAlias` is an `IKey` too). */
export const CDK_KEY_FACTORIES = new Set([
  "fromKeyArn",
  "fromLookup",
  "fromCfnKey",
  "fromAliasName",
  "fromAliasAttributes",
]);

/** CDK classes whose instances are keys, and the interfaces that type them. */
const CDK_KEY_CLASSES = new Set(["Key", "Alias"]);
const CDK_KEY_TYPES = new Set(["Key", "IKey", "Alias", "IAlias"]);

/** True when `name` is a constructible CDK key class (`Key`, `Alias`), not an interface. */
export function isCdkKeyClass(name: string | undefined): boolean {
  return name !== undefined && CDK_KEY_CLASSES.has(name);
}

/** Grant operations that a context constraint applies to (KMS API GrantConstraints). */
export const CONTEXT_GRANT_OPERATIONS = new Set([
  "Encrypt",
  "Decrypt",
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
  "ReEncryptFrom",
  "ReEncryptTo",
  "CreateGrant",
]);

/** Class names worth a candidate during the walk; resolution decides later. */
export const COMMAND_CLASS_NAMES: ReadonlySet<string> = new Set([
  ...KMS_COMMANDS.keys(),
  ...S3_COMMANDS.keys(),
]);

/** Method names worth a candidate during the walk; the receiver decides later. */
export const CALL_METHOD_NAMES: ReadonlySet<string> = new Set([
  ...KMS_METHODS.keys(),
  ...S3_METHODS.keys(),
  ...ESDK_OPERATIONS.keys(),
  ...CDK_GRANT_METHODS.keys(),
  ...CDK_KEY_FACTORIES,
]);

/**
 * Cheap test run before parsing: every recognised call needs an import of one of the known
 * modules by name, so a file that names none of them cannot hold one. Generated code that
 * only mentions a module in metadata (jsii type names such as `aws-cdk-lib.aws_s3.Bucket`)
 * is dismissed too, because the module must appear as a quoted specifier.
 */
export function mayUseKnownApis(text: string): boolean {
  const has = (part: string) => text.includes(part);
  const quoted = (module: string) => has(`"${module}"`) || has(`'${module}'`);
  if (has("@aws-sdk/client-kms") || has("@aws-crypto/client-")) {
    return true;
  }
  if (has("aws-cdk-lib/aws-kms") || has("@aws-cdk/aws-kms")) {
    return true;
  }
  if (quoted("aws-cdk-lib") && has("aws_kms")) {
    return true;
  }
  if (has("aws-sdk/clients/kms") || (quoted("aws-sdk") && has("KMS"))) {
    return true;
  }
  // S3 calls matter only for their SSEKMSEncryptionContext member.
  return (
    has("SSEKMSEncryptionContext") &&
    (has("@aws-sdk/client-s3") || has("aws-sdk/clients/s3") || quoted("aws-sdk"))
  );
}

/** True when the file may obtain Encryption SDK functions, which are called by bare name. */
export function mayUseEncryptionSdk(text: string): boolean {
  return text.includes("@aws-crypto/client-");
}

/** What a module member is: a client class, a command, `buildClient`, a CDK key class... */
export function classifyEntity(module: string, path: readonly string[]): Origin | undefined {
  const [first, second] = path;
  if (module === KMS_V3_MODULE && path.length === 1) {
    return first === "KMSClient"
      ? "kms-v3-client"
      : first === "KMS"
        ? "kms-v3-aggregated"
        : undefined;
  }
  if (module === S3_V3_MODULE && path.length === 1) {
    return first === "S3Client" ? "s3-v3-client" : first === "S3" ? "s3-v3-aggregated" : undefined;
  }
  if (module === "aws-sdk" && path.length === 1) {
    return first === "KMS" ? "kms-v2" : first === "S3" ? "s3-v2" : undefined;
  }
  if (module === "aws-sdk/clients/kms" && path.length === 0) {
    return "kms-v2";
  }
  if (module === "aws-sdk/clients/s3" && path.length === 0) {
    return "s3-v2";
  }
  if (ESDK_MODULES.has(module) && path.length === 1 && first === "buildClient") {
    return "esdk-build-client";
  }
  const cdkKeyName = CDK_KMS_MODULES.has(module)
    ? path.length === 1 && first
    : module === "aws-cdk-lib" && path.length === 2 && first === "aws_kms" && second;
  if (typeof cdkKeyName === "string" && CDK_KEY_TYPES.has(cdkKeyName)) {
    return "cdk-key";
  }
  return undefined;
}

/** The command a module member names, e.g. `EncryptCommand` of `@aws-sdk/client-kms`. */
export function classifyCommand(
  module: string,
  path: readonly string[],
): { service: "kms"; operation: KmsOperation } | { service: "s3"; operation: string } | undefined {
  if (path.length !== 1) {
    return undefined;
  }
  if (module === KMS_V3_MODULE) {
    const operation = KMS_COMMANDS.get(path[0]);
    return operation ? { service: "kms", operation } : undefined;
  }
  if (module === S3_V3_MODULE) {
    const operation = S3_COMMANDS.get(path[0]);
    return operation ? { service: "s3", operation } : undefined;
  }
  return undefined;
}
