/**
 * What the TypeScript/JavaScript extractor learns about a file's KMS use. Rules read this model
 * and never walk the syntax tree themselves, so one walk serves every rule.
 *
 * Offsets are string offsets into the document text; ranges are derived from them.
 */

/** KMS API operations that carry an encryption context, plus CreateGrant for its constraints. */
export type KmsOperation =
  | "Encrypt"
  | "Decrypt"
  | "ReEncrypt"
  | "GenerateDataKey"
  | "GenerateDataKeyWithoutPlaintext"
  | "GenerateDataKeyPair"
  | "GenerateDataKeyPairWithoutPlaintext"
  | "CreateGrant";

/** Encryption SDK entry points obtained from `buildClient(...)`. */
export type EsdkOperation = "encrypt" | "encryptStream" | "decrypt" | "decryptStream";

/** How the call reached KMS. */
export type CallFlavor =
  "sdk-v3-command" | "sdk-v3-aggregated" | "sdk-v2" | "encryption-sdk" | "s3-v3-command" | "s3-v2";

/** What is statically known about one expression used as a context key or value. */
export type StaticValue =
  | { kind: "string"; value: string }
  /** A template literal with substitutions; `text` is its source text. */
  | { kind: "template"; text: string; identifiers: string[] }
  | { kind: "number" | "boolean" | "null" | "undefined" | "bigint"; text: string }
  | { kind: "object" | "array" | "date" | "function"; text: string }
  /**
   * Any other expression; `path` is its dotted name when it is one (`user.email`, `tenantId`),
   * which the sensitive-data rule inspects.
   */
  | { kind: "expression"; text: string; path?: string };

/** One `key: value` of a statically known context object. */
export interface ContextEntry {
  /** The key's text as written (unquoted); undefined for a computed key that cannot be known. */
  key: string | undefined;
  keyStart: number;
  keyEnd: number;
  value: StaticValue;
  valueStart: number;
  valueEnd: number;
}

/** What is known about an encryption context argument or constraint. */
export type ContextInfo =
  /** The member is not present in a fully known request. */
  | { kind: "absent" }
  /** Cannot be known statically: a parameter, an unknown spread, a call result... */
  | { kind: "unknown"; reason: string }
  | {
      kind: "object";
      entries: ContextEntry[];
      /** False when an unknown spread or computed key makes the key set open. */
      complete: boolean;
      /** The object literal's braces, for edits. */
      start: number;
      end: number;
      /** The object literal's layout, for fixes that insert a pair. */
      layout?: ObjectLayout;
    };

/**
 * Where and how a member can be inserted into an object literal, so fixes can add one with the
 * file's own indentation and comma style.
 */
export interface ObjectLayout {
  /** Offset of the opening `{`. */
  openBrace: number;
  /** Offset of the closing `}`. */
  closeBrace: number;
  /** End offset of the last member; undefined for an empty object. */
  lastMemberEnd?: number;
  /** True when the last member is followed by a comma. */
  trailingComma: boolean;
  /** The indentation of the members when the object spans several lines. */
  memberIndent?: string;
  /** The indentation of the line that holds the closing brace. */
  closingIndent: string;
}

/** The request object passed to a call, resolved through consts, spreads and casts. */
export interface RequestInfo {
  /** False when the request (or part of it) is unknown, so absence proves nothing. */
  complete: boolean;
  /** Member names known to be present. */
  members: string[];
  /** Where the request object literal is, when there is one in this file (for insert fixes). */
  objectStart?: number;
  objectEnd?: number;
  /** The request object literal's layout, for fixes that insert a member. */
  layout?: ObjectLayout;
}

/** What is known about a non-context member such as a CreateGrant's `Constraints`. */
export type MemberInfo =
  | { kind: "absent" }
  | { kind: "unknown"; reason: string }
  | { kind: "object"; members: string[]; complete: boolean; layout: ObjectLayout };

/** How the KMS key of a call is referenced, for matching encrypt and decrypt sides. */
export type KeyReference =
  | { kind: "literal"; value: string }
  | { kind: "env"; name: string }
  | { kind: "identifier"; name: string }
  | { kind: "unknown" };

/** One call of a KMS operation through the SDK v2/v3. */
export interface KmsCall {
  kind: "kms";
  operation: KmsOperation;
  flavor: CallFlavor;
  /** The call's range per the contract: from `new XxxCommand(` or the method name to `)`. */
  start: number;
  end: number;
  request: RequestInfo;
  /**
   * Contexts by request member: `EncryptionContext`, `SourceEncryptionContext`,
   * `DestinationEncryptionContext`, `Constraints.EncryptionContextEquals`,
   * `Constraints.EncryptionContextSubset`.
   */
  contexts: Record<string, ContextInfo>;
  /** For CreateGrant: the operations granted, when known. */
  grantOperations?: { values: string[]; complete: boolean };
  /** For CreateGrant: the `Constraints` member. */
  constraints?: MemberInfo;
  /** The key the call uses (`KeyId`, or `DestinationKeyId` for ReEncrypt). */
  keyReference: KeyReference;
  /** For ReEncrypt: the key the ciphertext was encrypted under (`SourceKeyId`). */
  sourceKeyReference?: KeyReference;
  /**
   * The request's `EncryptionAlgorithm` (or ReEncrypt's `DestinationEncryptionAlgorithm`) when
   * present: a literal such as `RSAES_OAEP_SHA_256`, or `unknown` for any other expression.
   * Asymmetric algorithms take no encryption context.
   */
  encryptionAlgorithm?: string;
  /** For ReEncrypt: `SourceEncryptionAlgorithm`, read the same way. */
  sourceEncryptionAlgorithm?: string;
  /**
   * Names of identifiers in scope at the call (parameters, locals), for fix suggestions. Filled
   * only for calls a fix may complete (a missing or empty context, a CreateGrant); empty for
   * the others.
   */
  identifiersInScope: string[];
}

/** One Encryption SDK call. */
export interface EsdkCall {
  kind: "esdk";
  operation: EsdkOperation;
  start: number;
  end: number;
  /** The options object's `encryptionContext`, for encrypt calls. */
  context: ContextInfo;
  request: RequestInfo;
  /**
   * For decrypt calls: whether `messageHeader.encryptionContext` is read in the enclosing
   * function. Undefined when that cannot be told, e.g. the whole result is returned to the caller.
   */
  resultContextChecked?: boolean;
  /** Where an options argument can be appended when the call has none (end of the last argument). */
  appendOptionsAt?: number;
  /** As for `KmsCall.identifiersInScope`: filled only when a fix may complete the call. */
  identifiersInScope: string[];
}

/** An S3 call carrying `SSEKMSEncryptionContext` (a base64 JSON string). */
export interface S3SseCall {
  kind: "s3";
  operation: string;
  start: number;
  end: number;
  /** The member's value, when present. */
  value?: StaticValue;
  valueStart?: number;
  valueEnd?: number;
}

/** A CDK `key.grantXxx(...)` call on an `aws-cdk-lib/aws-kms` key. */
export interface CdkGrantCall {
  kind: "cdk-grant";
  method: string;
  /** The KMS actions the grant adds, when known. */
  actions: string[];
  /** False when some actions of `grant(principal, ...actions)` are not literal strings. */
  actionsComplete?: boolean;
  start: number;
  end: number;
}

/** Everything the extractor found in one TypeScript/JavaScript document. */
export interface CodeModel {
  kmsCalls: KmsCall[];
  esdkCalls: EsdkCall[];
  s3Calls: S3SseCall[];
  cdkGrants: CdkGrantCall[];
}
