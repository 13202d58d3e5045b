import type { ResolvedContext } from "./resolved";

/**
 * Compares a decrypt-side context with an encrypt-side one the way KMS does: keys and values
 * must be exactly equal (case-sensitive), only the order may differ. Unknown parts might be
 * equal, so only what is certain counts as a difference.
 */

/** Whether a decrypt context could equal an encrypt context: same keys, no differing literal. */
export function canEqual(decrypt: ResolvedContext, encrypt: ResolvedContext): boolean {
  return differences(decrypt, encrypt).length === 0;
}

/** Why two contexts can never be equal; empty when they might be. */
export function differences(decrypt: ResolvedContext, encrypt: ResolvedContext): string[] {
  if (decrypt.kind === "unknown" || encrypt.kind === "unknown") {
    return [];
  }
  const decryptEntries = decrypt.kind === "known" ? decrypt.entries : [];
  const encryptEntries = encrypt.kind === "known" ? encrypt.entries : [];
  const open =
    (decrypt.kind === "known" && !decrypt.complete) ||
    (encrypt.kind === "known" && !encrypt.complete) ||
    [...decryptEntries, ...encryptEntries].some((entry) => entry.key === undefined);
  if (open) {
    return [];
  }

  const found: string[] = [];
  const encryptByKey = new Map(encryptEntries.map((entry) => [entry.key ?? "", entry]));
  const decryptKeys = new Set(decryptEntries.map((entry) => entry.key ?? ""));

  for (const entry of decryptEntries) {
    const key = entry.key ?? "";
    const match = encryptByKey.get(key);
    if (!match) {
      const caseTwin = [...encryptByKey.keys()].find(
        (other) => other.toLowerCase() === key.toLowerCase() && !decryptKeys.has(other),
      );
      found.push(
        caseTwin
          ? `key "${key}" is "${caseTwin}" when encrypting (keys are case-sensitive)`
          : `key "${key}" is not sent when encrypting`,
      );
    } else if (
      entry.value.kind === "string" &&
      match.value.kind === "string" &&
      entry.value.value !== match.value.value
    ) {
      found.push(
        `"${key}" is "${entry.value.value}" here but "${match.value.value}" when encrypting`,
      );
    }
  }
  for (const key of encryptByKey.keys()) {
    const caseTwinHere = [...decryptKeys].some(
      (other) => other !== key && other.toLowerCase() === key.toLowerCase(),
    );
    if (!decryptKeys.has(key) && !caseTwinHere) {
      found.push(`key "${key}" sent when encrypting is missing here`);
    }
  }
  return found;
}

/**
 * The encrypt context closest to a decrypt context: the fewest differences, then the most keys
 * in common (ignoring case), then the first. Returns its index and the differences.
 */
export function closestEncrypt(
  decrypt: ResolvedContext,
  encrypts: readonly ResolvedContext[],
): { index: number; differences: string[] } | undefined {
  let best: { index: number; differences: string[]; shared: number } | undefined;
  encrypts.forEach((encrypt, index) => {
    const found = differences(decrypt, encrypt);
    const shared = sharedKeys(decrypt, encrypt);
    if (
      !best ||
      found.length < best.differences.length ||
      (found.length === best.differences.length && shared > best.shared)
    ) {
      best = { index, differences: found, shared };
    }
  });
  return best && { index: best.index, differences: best.differences };
}

function sharedKeys(a: ResolvedContext, b: ResolvedContext): number {
  const keysOf = (context: ResolvedContext) =>
    context.kind === "known" ? context.entries.map((entry) => (entry.key ?? "").toLowerCase()) : [];
  const other = new Set(keysOf(b));
  return keysOf(a).filter((key) => other.has(key)).length;
}
