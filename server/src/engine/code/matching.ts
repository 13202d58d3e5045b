import type { CodeModel, ContextInfo, KeyReference, KmsCall } from "./model";

/**
 * Pairs the two sides of KMS encryption within one file: the context a ciphertext (or data key)
 * was produced with, and the context its decrypt presents. Shared by the decrypt fix, which
 * copies the encrypt side, and the mismatch rule, which compares them.
 */

/** One context-producing member of a call: Encrypt, GenerateDataKey*, ReEncrypt's destination. */
export interface ContextSide {
  call: KmsCall;
  member: string;
  context: ContextInfo;
  keyReference: KeyReference;
}

const ENCRYPT_SIDE_OPERATIONS = new Set([
  "Encrypt",
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
]);

/** Every encrypt-side context of the file, in source order. */
export function encryptSides(model: CodeModel): ContextSide[] {
  const sides: ContextSide[] = [];
  for (const call of model.kmsCalls) {
    if (ENCRYPT_SIDE_OPERATIONS.has(call.operation)) {
      sides.push({
        call,
        member: "EncryptionContext",
        context: call.contexts.EncryptionContext,
        keyReference: call.keyReference,
      });
    } else if (call.operation === "ReEncrypt") {
      sides.push({
        call,
        member: "DestinationEncryptionContext",
        context: call.contexts.DestinationEncryptionContext,
        keyReference: call.keyReference,
      });
    }
  }
  return sides;
}

/** The decrypt-side context of a call: Decrypt's context or ReEncrypt's source context. */
export function decryptSide(call: KmsCall): ContextSide | undefined {
  if (call.operation === "Decrypt") {
    return {
      call,
      member: "EncryptionContext",
      context: call.contexts.EncryptionContext,
      keyReference: call.keyReference,
    };
  }
  if (call.operation === "ReEncrypt") {
    return {
      call,
      member: "SourceEncryptionContext",
      context: call.contexts.SourceEncryptionContext,
      keyReference: call.sourceKeyReference ?? { kind: "unknown" },
    };
  }
  return undefined;
}

/** True, false, or undefined when either side's key is not known. */
export function sameKey(a: KeyReference, b: KeyReference): boolean | undefined {
  if (a.kind === "unknown" || b.kind === "unknown") {
    return undefined;
  }
  if (a.kind !== b.kind) {
    return false;
  }
  if (a.kind === "literal" && b.kind === "literal") {
    return a.value === b.value;
  }
  return (a as { name: string }).name === (b as { name: string }).name;
}

/**
 * The encrypt sides that may have produced what `decrypt` decrypts: those under the same key
 * when both keys are known, otherwise every encrypt side whose key cannot be told apart.
 */
export function matchingEncryptSides(model: CodeModel, decrypt: ContextSide): ContextSide[] {
  return encryptSides(model).filter(
    (side) =>
      side.call !== decrypt.call && sameKey(side.keyReference, decrypt.keyReference) !== false,
  );
}

/**
 * The encrypt side whose context a decrypt fix should copy: the nearest matching one before
 * the decrypt, else the first after it; only sides with a fully known, non-empty context count.
 */
export function contextSourceFor(model: CodeModel, decrypt: ContextSide): ContextSide | undefined {
  const usable = matchingEncryptSides(model, decrypt).filter(
    (side) =>
      side.context.kind === "object" && side.context.complete && side.context.entries.length > 0,
  );
  const before = usable.filter((side) => side.call.start < decrypt.call.start);
  return before[before.length - 1] ?? usable[0];
}
