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
  /** The algorithm of this side, as `KmsCall.encryptionAlgorithm` reads it. */
  algorithm: string | undefined;
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
        algorithm: call.encryptionAlgorithm,
      });
    } else if (call.operation === "ReEncrypt") {
      sides.push({
        call,
        member: "DestinationEncryptionContext",
        context: call.contexts.DestinationEncryptionContext,
        keyReference: call.keyReference,
        algorithm: call.encryptionAlgorithm,
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
      algorithm: call.encryptionAlgorithm,
    };
  }
  if (call.operation === "ReEncrypt") {
    return {
      call,
      member: "SourceEncryptionContext",
      context: call.contexts.SourceEncryptionContext,
      keyReference: call.sourceKeyReference ?? { kind: "unknown" },
      algorithm: call.sourceEncryptionAlgorithm,
    };
  }
  return undefined;
}

/**
 * True when the side's algorithm accepts an encryption context: the symmetric default, whether
 * named or implied. Asymmetric algorithms (RSAES_OAEP_*, SM2PKE) take none, and an algorithm
 * computed at run time might be one of them.
 */
export function takesContext(algorithm: string | undefined): boolean {
  return algorithm === undefined || algorithm === "SYMMETRIC_DEFAULT";
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
      side.call !== decrypt.call &&
      takesContext(side.algorithm) &&
      sameKey(side.keyReference, decrypt.keyReference) !== false,
  );
}

/**
 * The encrypt side whose context a decrypt fix should copy: the nearest matching one before
 * the decrypt, else the first after it; only sides with a fully known, non-empty context count.
 */
export function contextSourceFor(model: CodeModel, decrypt: ContextSide): ContextSide | undefined {
  const index = copyableSidesOf(model);
  if (!index.sorted) {
    return contextSourceByScan(index.all, decrypt);
  }

  // Every decrypt of a file asks this, so scanning every encrypt side per decrypt grew with
  // decrypts x encrypts. The copyable sides are grouped by key once; the candidates for a
  // decrypt are those under its key plus those whose key is unknown (or all, when its own key
  // is unknown), each list in source order, so the nearest one before it is a binary search.
  const key = keyString(decrypt.keyReference);
  const lists = key === undefined ? [index.all] : [index.byKey.get(key) ?? [], index.unknownKey];
  let nearestBefore: ContextSide | undefined;
  let first: ContextSide | undefined;
  for (const list of lists) {
    const before = lastBefore(list, decrypt.call.start);
    if (before && (!nearestBefore || before.call.start > nearestBefore.call.start)) {
      nearestBefore = before;
    }
    const head = list.find((side) => side.call !== decrypt.call);
    if (head && (!first || head.call.start < first.call.start)) {
      first = head;
    }
  }
  return nearestBefore ?? first;
}

/** The straightforward form of contextSourceFor, for sides not in source order. */
function contextSourceByScan(
  copyable: ContextSide[],
  decrypt: ContextSide,
): ContextSide | undefined {
  const usable = copyable.filter(
    (side) =>
      side.call !== decrypt.call && sameKey(side.keyReference, decrypt.keyReference) !== false,
  );
  const before = usable.filter((side) => side.call.start < decrypt.call.start);
  return before[before.length - 1] ?? usable[0];
}

/** The encrypt sides a decrypt fix may copy, grouped by key; built once per model. */
interface CopyableSides {
  all: ContextSide[];
  byKey: Map<string, ContextSide[]>;
  unknownKey: ContextSide[];
  /** True when `all` is in strictly increasing source order, which the binary search needs. */
  sorted: boolean;
}

const copyableSides = new WeakMap<CodeModel, CopyableSides>();

function copyableSidesOf(model: CodeModel): CopyableSides {
  let index = copyableSides.get(model);
  if (index) {
    return index;
  }
  const all = encryptSides(model).filter(
    (side) =>
      side.context.kind === "object" && side.context.complete && side.context.entries.length > 0,
  );
  index = { all, byKey: new Map(), unknownKey: [], sorted: true };
  for (let position = 0; position < all.length; position++) {
    const side = all[position];
    if (position > 0 && all[position - 1].call.start >= side.call.start) {
      index.sorted = false;
    }
    const key = keyString(side.keyReference);
    if (key === undefined) {
      index.unknownKey.push(side);
    } else {
      const list = index.byKey.get(key) ?? [];
      list.push(side);
      index.byKey.set(key, list);
    }
  }
  copyableSides.set(model, index);
  return index;
}

/** A string equal for two references exactly when sameKey says true; undefined if unknown. */
function keyString(reference: KeyReference): string | undefined {
  switch (reference.kind) {
    case "unknown":
      return undefined;
    case "literal":
      return `literal:${reference.value}`;
    default:
      return `${reference.kind}:${reference.name}`;
  }
}

/** The last side of a list in source order that starts before `offset`. */
function lastBefore(sides: ContextSide[], offset: number): ContextSide | undefined {
  let low = 0;
  let high = sides.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sides[middle].call.start < offset) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low > 0 ? sides[low - 1] : undefined;
}
