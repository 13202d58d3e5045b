import { detectDocumentKind } from "../document-kind";
import { placeInCode, type PlacementResult } from "./place-code";
import { placeConditionInJson } from "./place-json";
import { placeConditionInYaml } from "./place-yaml";
import type { ContextMemberName, GrantConstraintKind } from "./render-code";
import { buildConditionBlock, type ConditionOptions } from "./render-policy";
import type { ContextPair } from "./types";

/** Where in a document the builder writes, and in which form. */
export type DocumentTarget =
  /** The context member of the request at the cursor (TS/JS). */
  | { kind: "code"; member?: ContextMemberName }
  /** A CreateGrant `Constraints` member of the request at the cursor (TS/JS). */
  | { kind: "grant"; constraint: GrantConstraintKind }
  /** A `Condition` merged into the policy statement at the cursor (JSON or YAML). */
  | { kind: "policy"; options?: ConditionOptions };

/** A document and cursor to insert into. */
export interface PlacementInput {
  text: string;
  fileName: string;
  /** The editor's language id, when known; it wins over the file extension. */
  languageId?: string;
  /** The cursor, as a string offset into `text`. */
  offset: number;
  pairs: readonly ContextPair[];
  target: DocumentTarget;
}

/**
 * Computes the one edit that writes the context where it belongs in this document, formatted
 * like the file, or explains why it cannot. Never throws for malformed documents.
 */
export function placeContext(input: PlacementInput): PlacementResult {
  const kind = detectDocumentKind(input.fileName, input.text, input.languageId);
  const offset = Math.max(0, Math.min(input.offset, input.text.length));
  const target = input.target;
  try {
    if (target.kind === "policy") {
      const block = buildConditionBlock(input.pairs, target.options);
      if (kind === "json") {
        return placeConditionInJson(input.text, offset, block);
      }
      if (kind === "yaml") {
        return placeConditionInYaml(input.text, offset, block);
      }
      return { ok: false, reason: "A policy condition goes into a JSON or YAML policy document." };
    }
    if (kind !== "typescript" && kind !== "javascript") {
      return {
        ok: false,
        reason: "This target goes into TypeScript or JavaScript code; copy it instead.",
      };
    }
    const insertion =
      target.kind === "grant"
        ? ({ kind: "grant", constraint: target.constraint } as const)
        : ({ kind: "context", member: target.member } as const);
    return placeInCode(input.text, input.fileName, offset, input.pairs, insertion);
  } catch (error) {
    // A parser surprise must cost the user an explanation, never the editor session.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `Could not place the context here (${reason}).` };
  }
}
