import type { RuleContext } from "../../engine/rule-context";
import type {
  Location,
  ResolvedEntry,
  ResolvedUse,
  ResolvedUseContext,
} from "../../engine/workspace/resolved";
import type { WorkspaceIndex } from "../../engine/workspace/workspace-index";
import type { DocumentModels } from "../rule";
import {
  checkSensitiveKeyName,
  checkSensitivePath,
  checkSensitiveValue,
} from "../../engine/sensitive";
import {
  describeLocation,
  describeUse,
  relatedAt,
  sameFile,
  wrapperRelated,
} from "./workspace-helpers";

/**
 * KMS001, KMS002 and KMS004 for contexts that reach a KMS call through a helper, an imported
 * constant or a wrapper. The finding sits at the call the user can change; related information
 * points at the helper or the wrapper. Contexts written in place at a direct KMS call are
 * single-file findings and are skipped here, so the two never report the same thing.
 */

const ENCRYPT_OPERATIONS = new Set([
  "Encrypt",
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
  "ReEncrypt",
  "encrypt",
  "encryptStream",
]);
const DECRYPT_OPERATIONS = new Set(["Decrypt", "ReEncrypt"]);

/** Whether single-file analysis cannot see this context (so the workspace check reports it). */
function hiddenFromSingleFile(use: ResolvedUse, side: ResolvedUseContext): boolean {
  if (use.via === "wrapper") {
    return true;
  }
  const context = side.context;
  return context.kind !== "unknown" && context.through !== "local";
}

function isEmpty(side: ResolvedUseContext): boolean {
  const context = side.context;
  return (
    context.kind === "absent" ||
    (context.kind === "known" && context.complete && context.entries.length === 0)
  );
}

function originRelated(
  index: WorkspaceIndex,
  context: RuleContext,
  side: ResolvedUseContext,
): ReturnType<typeof relatedAt>[] {
  const origin = side.context.kind === "known" ? side.context.origins[0] : undefined;
  return origin ? [relatedAt(index, context, origin, "the context is built here")] : [];
}

function checkMissing(
  role: "encrypt" | "decrypt",
  index: WorkspaceIndex,
  context: RuleContext,
): void {
  const operations = role === "encrypt" ? ENCRYPT_OPERATIONS : DECRYPT_OPERATIONS;
  for (const use of index.usesIn(context.document.fileName)) {
    if (!operations.has(use.operation)) {
      continue;
    }
    for (const side of use.contexts) {
      if (side.role !== role || !hiddenFromSingleFile(use, side) || !isEmpty(side)) {
        continue;
      }
      const what = role === "encrypt" ? "encrypts" : "decrypts";
      const origin = side.context.kind === "known" ? side.context.origins[0] : undefined;
      const source =
        side.context.kind === "absent"
          ? "without an encryption context"
          : origin
            ? `with an empty encryption context (from ${describeLocation(index, origin)})`
            : "with an empty encryption context";
      context.report({
        start: use.start,
        end: use.end,
        message:
          `This call ${what} through ${use.wrapper?.label ?? "a shared helper"} ${source}: ` +
          `pass a context that describes the data so ${use.operation} binds the ciphertext to it.`,
        related: [...wrapperRelated(index, context, use), ...originRelated(index, context, side)],
        data: { crossFile: true },
      });
    }
  }
}

/** KMS001 through wrappers and helpers. */
export function checkMissingThroughHelpers(
  _models: DocumentModels,
  index: WorkspaceIndex,
  context: RuleContext,
): void {
  checkMissing("encrypt", index, context);
}

/** KMS002 through wrappers and helpers. */
export function checkDecryptMissingThroughHelpers(
  _models: DocumentModels,
  index: WorkspaceIndex,
  context: RuleContext,
): void {
  checkMissing("decrypt", index, context);
}

/** KMS004 through wrappers and helpers. */
export function checkSensitiveThroughHelpers(
  _models: DocumentModels,
  index: WorkspaceIndex,
  context: RuleContext,
): void {
  const extraNames = context.config.sensitiveKeyNames;
  const reported = new Set<string>();

  for (const use of index.usesIn(context.document.fileName)) {
    for (const side of use.contexts) {
      if (side.context.kind !== "known") {
        continue;
      }
      for (const entry of side.context.entries) {
        if (use.via !== "wrapper" && entry.through === "local") {
          continue;
        }
        const reason = sensitiveReason(entry, extraNames);
        if (!reason) {
          continue;
        }
        const at = placeAtCallSite(entry, reason.part, side, use, context.document.fileName);
        const dedupe = `${at.start}:${at.end}:${entry.key}`;
        if (reported.has(dedupe)) {
          continue;
        }
        reported.add(dedupe);
        reportSensitive(index, context, use, side, entry, reason.text, at);
      }
    }
  }
}

function sensitiveReason(
  entry: ResolvedEntry,
  extraNames: readonly string[],
): { part: "key" | "value"; text: string } | undefined {
  const keyMatch = entry.key !== undefined && checkSensitiveKeyName(entry.key, extraNames);
  if (keyMatch) {
    return { part: "key", text: `the key "${entry.key}" names ${keyMatch.description}` };
  }
  const value = entry.value;
  const valueMatch =
    value.kind === "string"
      ? checkSensitiveValue(value.value)
      : value.path !== undefined
        ? checkSensitivePath(value.path, extraNames)
        : undefined;
  if (!valueMatch) {
    return undefined;
  }
  // Never echo the literal itself: it is the sensitive thing.
  const source = value.kind === "dynamic" ? ` (from \`${value.path}\`)` : "";
  return {
    part: "value",
    text: `the value of "${entry.key ?? "?"}" looks like ${valueMatch.description}${source}`,
  };
}

/**
 * Where the user can change it: the key or value itself when it is written in this file (a
 * literal passed to a wrapper), else the context expression at the call (`contextFor(user)`),
 * else the call.
 */
function placeAtCallSite(
  entry: ResolvedEntry,
  part: "key" | "value",
  side: ResolvedUseContext,
  use: ResolvedUse,
  fileName: string,
): Location {
  const own = part === "key" ? entry.keyLocation : entry.valueLocation;
  if (sameFile(own.fileName, fileName)) {
    return own;
  }
  if (side.expression && sameFile(side.expression.fileName, fileName)) {
    return side.expression;
  }
  return use;
}

function reportSensitive(
  index: WorkspaceIndex,
  context: RuleContext,
  use: ResolvedUse,
  side: ResolvedUseContext,
  entry: ResolvedEntry,
  reason: string,
  at: Location,
): void {
  const elsewhere = !sameFile(entry.keyLocation.fileName, context.document.fileName);
  const where = elsewhere ? ` (set in ${describeLocation(index, entry.keyLocation)})` : "";
  const related = [
    ...(elsewhere
      ? [relatedAt(index, context, entry.keyLocation, `"${entry.key}" is set here`)]
      : []),
    ...wrapperRelated(index, context, use),
  ];
  context.report({
    start: at.start,
    end: at.end,
    message:
      `The encryption context this ${describeUse(use)} sends looks sensitive: ${reason}${where}. ` +
      "Contexts are logged in plaintext (CloudTrail); use an id instead.",
    related,
    data: { crossFile: true, member: side.member },
  });
}
