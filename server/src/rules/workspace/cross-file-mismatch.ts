import type { RuleContext } from "../../engine/rule-context";
import type {
  ResolvedContext,
  ResolvedUse,
  ResolvedUseContext,
} from "../../engine/workspace/resolved";
import { canEqual, closestEncrypt } from "../../engine/workspace/context-compare";
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

function report(
  index: WorkspaceIndex,
  context: RuleContext,
  use: ResolvedUse,
  decrypt: ResolvedContext,
  candidates: EncryptSide[],
): void {
  const closest = closestEncrypt(
    decrypt,
    candidates.map((candidate) => candidate.side.context),
  );
  if (!closest) {
    return;
  }
  const nearest = candidates[closest.index];
  const ranked = [nearest, ...candidates.filter((candidate) => candidate !== nearest)];
  const where = describeLocation(index, nearest.use);
  const related = [
    ...ranked
      .slice(0, MAX_RELATED)
      .map((candidate) =>
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
      `${use.keyLabel} (closest: ${where}): ${closest.differences.join("; ")}. ` +
      "KMS will reject it with InvalidCiphertextException.",
    related,
    data: { crossFile: true },
  });
}
