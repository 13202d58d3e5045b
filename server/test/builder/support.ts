import { placeContext, type PlacementInput } from "../../src/engine/builder/place";
import { applyOffsetEdits } from "../../src/engine/builder/text-edit";
import type { ContextPair } from "../../src/engine/builder/types";

export const literal = (key: string, text: string): ContextPair => ({
  key,
  value: { kind: "literal", text },
});
export const code = (key: string, text: string): ContextPair => ({
  key,
  value: { kind: "expression", text },
});

/**
 * Places a context at the first `|` of `marked` (which is removed) and returns the document
 * after the edit, or throws with the reason the placement gave.
 */
export function placeAtMarker(
  marked: string,
  fileName: string,
  input: Pick<PlacementInput, "pairs" | "target">,
): string {
  const offset = marked.indexOf("|");
  if (offset === -1) {
    throw new Error("no | cursor marker in the test document");
  }
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const result = placeContext({ text, fileName, offset, ...input });
  if (!result.ok) {
    throw new Error(result.reason);
  }
  return applyOffsetEdits(text, [result.edit]);
}

/** The reason a placement is refused, or throws when it succeeds. */
export function refusal(
  marked: string,
  fileName: string,
  input: Pick<PlacementInput, "pairs" | "target">,
): string {
  const offset = marked.indexOf("|");
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const result = placeContext({ text, fileName, offset, ...input });
  if (result.ok) {
    throw new Error("expected the placement to be refused");
  }
  return result.reason;
}
