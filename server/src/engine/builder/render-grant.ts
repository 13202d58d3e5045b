import { grantConstraintMember, type GrantConstraintKind } from "./render-code";
import { literalOrPlaceholder } from "./render-policy";
import type { ContextPair } from "./types";

/** Shown whenever the builder writes an `EncryptionContextSubset` constraint. */
export const SUBSET_WARNING =
  "EncryptionContextSubset also allows requests with any extra pairs, which is harder to use " +
  "correctly; AWS recommends EncryptionContextEquals wherever the whole context is known.";

/** A CreateGrant `Constraints` value as data, for JSON and for the preview. */
export function buildGrantConstraints(
  kind: GrantConstraintKind,
  pairs: readonly ContextPair[],
): Record<string, Record<string, string>> {
  const map = Object.fromEntries(pairs.map((pair) => [pair.key, literalOrPlaceholder(pair.value)]));
  return { [grantConstraintMember(kind)]: map };
}

/** Warnings to show next to a grant constraint before it is written. */
export function grantConstraintWarnings(kind: GrantConstraintKind): string[] {
  return kind === "subset" ? [SUBSET_WARNING] : [];
}
