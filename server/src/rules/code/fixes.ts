import type { OffsetEdit } from "../../engine/code/fix-text";
import type { RuleContext } from "../../engine/rule-context";
import type { Fix } from "../../engine/types";

/** Builds a fix from offset edits of the document under analysis. */
export function offsetFix(
  context: RuleContext,
  title: string,
  edits: OffsetEdit[],
  options: { snippet?: boolean; isPreferred?: boolean } = {},
): Fix {
  return {
    title,
    edits: edits.map((edit) => context.edit(edit.start, edit.end, edit.newText)),
    ...options,
  };
}

/** `an` before a vowel sound, for messages like "without an EncryptionContext". */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}
