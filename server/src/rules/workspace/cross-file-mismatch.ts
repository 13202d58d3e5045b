import type { RuleContext } from "../../engine/rule-context";
import type {
  ResolvedContext,
  ResolvedUse,
  ResolvedUseContext,
} from "../../engine/workspace/resolved";
import type { WorkspaceIndex } from "../../engine/workspace/workspace-index";
import type { DocumentModels } from "../rule";
import {
  describeKeys,
  describeLocation,
  describeUse,
  MAX_RELATED,
  relatedAt,
  wrapperRelated,
} from "./workspace-helpers";

/** An encrypt-side context somewhere in the workspace, with the use that sends it. */
interface EncryptSide {
  use: ResolvedUse;
  side: ResolvedUseContext;
}

/**
 * KMS006 across files: a decrypt whose context can never equal any context the workspace
 * encrypts with under the same key (or through the same wrapper). Single-file analysis already
 * compares a decrypt written in place with the encrypts of its own file, so those are left to it.
 */
export function checkCrossFileMismatch(
  _models: DocumentModels,
  index: WorkspaceIndex,
  context: RuleContext,
): void {
  const fileName = context.document.fileName;
  const encryptSides = collectEncryptSides(index.uses());

  const sameFileUses = index.usesIn(fileName);
  for (const use of sameFileUses) {
    if (use.via === "esdk") {
      continue;
    }
    for (const side of use.contexts) {
      if (side.role !== "decrypt" || side.keyGroup === undefined) {
        continue;
      }
      const decrypt = side.context;
      if (decrypt.kind !== "known" || decrypt.entries.length === 0) {
        continue;
      }
      const candidates = encryptSides.get(side.keyGroup) ?? [];
      if (candidates.length === 0 || leftToSingleFile(use, side, sameFileUses)) {
        continue;
      }
      if (candidates.some((candidate) => canEqual(decrypt, candidate.side.context))) {
        continue;
      }
      report(index, context, use, decrypt, candidates);
    }
  }
}

function collectEncryptSides(uses: ResolvedUse[]): Map<string, EncryptSide[]> {
  const byGroup = new Map<string, EncryptSide[]>();
  for (const use of uses) {
    // The Encryption SDK's data never goes through a plain KMS Decrypt with a context.
    if (use.via === "esdk") {
      continue;
    }
    for (const side of use.contexts) {
      if (side.role === "encrypt" && side.keyGroup !== undefined) {
        const list = byGroup.get(side.keyGroup) ?? [];
        list.push({ use, side });
        byGroup.set(side.keyGroup, list);
      }
    }
  }
  return byGroup;
}

/**
 * A decrypt written in place in a file that also encrypts under a key single-file analysis
 * cannot tell apart: that analysis pairs the two and reports there, so this check stays out.
 */
function leftToSingleFile(
  use: ResolvedUse,
  side: ResolvedUseContext,
  sameFileUses: ResolvedUse[],
): boolean {
  if (use.via !== "sdk" || side.context.kind !== "known" || side.context.through !== "local") {
    return false;
  }
  return sameFileUses.some(
    (other) =>
      other.via === "sdk" &&
      other.contexts.some(
        (candidate) =>
          candidate.role === "encrypt" &&
          (candidate.keyGroup === undefined ||
            side.keyGroup === undefined ||
            candidate.keyGroup === side.keyGroup),
      ),
  );
}

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

function sharedKeys(a: ResolvedContext, b: ResolvedContext): number {
  const keysOf = (context: ResolvedContext) =>
    context.kind === "known" ? context.entries.map((entry) => (entry.key ?? "").toLowerCase()) : [];
  const other = new Set(keysOf(b));
  return keysOf(a).filter((key) => other.has(key)).length;
}

function report(
  index: WorkspaceIndex,
  context: RuleContext,
  use: ResolvedUse,
  decrypt: ResolvedContext,
  candidates: EncryptSide[],
): void {
  // The closest encrypt differs least; on a tie, the one sharing more keys (ignoring case).
  const ranked = candidates
    .map((candidate) => ({
      candidate,
      why: differences(decrypt, candidate.side.context),
      shared: sharedKeys(decrypt, candidate.side.context),
    }))
    .sort((a, b) => a.why.length - b.why.length || b.shared - a.shared);
  const closest = ranked[0];
  const where = describeLocation(index, closest.candidate.use);
  const related = [
    ...ranked
      .slice(0, MAX_RELATED)
      .map(({ candidate }) =>
        relatedAt(
          index,
          context,
          candidate.use,
          `${describeUse(candidate.use)} with ${describeKeys(candidate.side.context)}`,
        ),
      ),
    ...wrapperRelated(index, context, use),
  ];

  context.report({
    start: use.start,
    end: use.end,
    message:
      `This ${describeUse(use)} can never match the encryption context used with ` +
      `${use.keyLabel} (closest: ${where}): ${closest.why.join("; ")}. ` +
      "KMS will reject it with InvalidCiphertextException.",
    related,
    data: { crossFile: true },
  });
}
