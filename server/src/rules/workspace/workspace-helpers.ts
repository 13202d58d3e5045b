import * as path from "node:path";
import type { RuleContext } from "../../engine/rule-context";
import type { RelatedLocation } from "../../engine/types";
import type { Location, ResolvedContext, ResolvedUse } from "../../engine/workspace/resolved";
import type { WorkspaceIndex } from "../../engine/workspace/workspace-index";

/** How many related locations a cross-file finding lists; more would bury the first ones. */
export const MAX_RELATED = 5;

/** Whether two file names denote the same file. */
export function sameFile(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

/** `context.ts:4` — a short, stable way to name a place in another file inside a message. */
export function describeLocation(index: WorkspaceIndex, location: Location): string {
  const line = index.rangeOf(location.fileName, location.start, location.end).start.line + 1;
  return `${path.basename(location.fileName)}:${line}`;
}

/** A related location; the file name is left out when it is the finding's own document. */
export function relatedAt(
  index: WorkspaceIndex,
  context: RuleContext,
  location: Location,
  message: string,
): RelatedLocation {
  const range = sameFile(location.fileName, context.document.fileName)
    ? context.document.lines.rangeOf(location.start, location.end)
    : index.rangeOf(location.fileName, location.start, location.end);
  return sameFile(location.fileName, context.document.fileName)
    ? { range, message }
    : { fileName: location.fileName, range, message };
}

/** `{ tenant, purpose }` — the keys of a known context, for messages. */
export function describeKeys(context: ResolvedContext): string {
  if (context.kind !== "known" || context.entries.length === 0) {
    return "{}";
  }
  const keys = context.entries.map((entry) => entry.key ?? "[computed]");
  return `{ ${keys.join(", ")}${context.complete ? "" : ", ..."} }`;
}

/** How a use is named in messages: the operation, and the wrapper it goes through. */
export function describeUse(use: ResolvedUse): string {
  return use.wrapper ? `${use.operation} through ${use.wrapper.label}` : use.operation;
}

/** The related location pointing at the KMS call inside a wrapper. */
export function wrapperRelated(
  index: WorkspaceIndex,
  context: RuleContext,
  use: ResolvedUse,
): RelatedLocation[] {
  return use.wrapper
    ? [
        relatedAt(
          index,
          context,
          use.wrapper,
          `the ${use.operation} call inside ${use.wrapper.label}`,
        ),
      ]
    : [];
}
