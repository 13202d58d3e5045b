/**
 * The custom requests behind the "Build Encryption Context…" command. The client's builder asks
 * the server to judge pairs and to place the result, so the builder and the rules never
 * disagree. Both sides import these types; nothing here depends on `vscode` or on an LSP
 * library, so the module is safe in the engine's build and in the extension bundle.
 *
 * Positions and ranges use the LSP convention (zero-based line, UTF-16 character).
 */
import type { BuilderTarget, ContextPair, PairField, PairProblem } from "../engine/builder/types";
import type { ConditionOptions } from "../engine/builder/render-policy";
import type { ContextMemberName, GrantConstraintKind } from "../engine/builder/render-code";
import type { Position, Range } from "../engine/types";
import type { SentContextKey } from "../engine/workspace-facts";

export type { BuilderTarget, ContextPair, PairField, PairProblem, SentContextKey };

/**
 * Client → server request: validate a whole context (so case twins and duplicates are seen)
 * for an optional target. Answers with the problems the rules would report, plus builder-only
 * checks, each with a reason and a suggested fix.
 */
export const VALIDATE_CONTEXT_METHOD = "kmsContextGuard/validateContext";

export interface ValidateContextParams {
  pairs: ContextPair[];
  target?: BuilderTarget;
  /** The document the builder was started from; its workspace's configuration applies. */
  uri?: string;
}

export interface ValidateContextResult {
  problems: PairProblem[];
}

/**
 * Client → server request: the context keys the workspace's code already sends to KMS (from the
 * open documents and, when built, the workspace index), most used first.
 */
export const WORKSPACE_CONTEXT_KEYS_METHOD = "kmsContextGuard/workspaceContextKeys";

export interface WorkspaceContextKeysParams {
  uri?: string;
}

export interface WorkspaceContextKeysResult {
  keys: SentContextKey[];
}

/** Where the builder writes into the document at the cursor. */
export type PlacementTarget =
  | { kind: "code"; member?: ContextMemberName }
  | { kind: "grant"; constraint: GrantConstraintKind }
  | { kind: "policy"; options?: ConditionOptions };

/**
 * Client → server request: compute the one edit that writes the context into an open document
 * at a position. The server answers with the edit and the document version it was computed
 * for; the client applies it only if the document has not changed since.
 */
export const PLACE_CONTEXT_METHOD = "kmsContextGuard/placeContext";

export interface PlaceContextParams {
  uri: string;
  position: Position;
  pairs: ContextPair[];
  target: PlacementTarget;
}

/** Either an edit (with `ok` true) or the reason there is nowhere to put the context. */
export interface PlaceContextResult {
  ok: boolean;
  /** The document version the edit was computed for. */
  version?: number;
  edit?: { range: Range; newText: string };
  description?: string;
  /** Things to tell the user before they accept (e.g. why Subset is risky). */
  warnings?: string[];
  /** Why nothing can be placed, when `ok` is false. */
  reason?: string;
}

/** Text renderings for the clipboard. */
export type RenderFormat =
  | {
      kind: "cli-context";
      flag?:
        "--encryption-context" | "--source-encryption-context" | "--destination-encryption-context";
    }
  | { kind: "cli-constraints"; constraint: GrantConstraintKind }
  | { kind: "policy-json"; options?: ConditionOptions }
  | { kind: "policy-yaml"; options?: ConditionOptions }
  | { kind: "grant-json"; constraint: GrantConstraintKind }
  | { kind: "code"; member: ContextMemberName };

/** Client → server request: render a context as text, for targets that go to the clipboard. */
export const RENDER_CONTEXT_METHOD = "kmsContextGuard/renderContext";

export interface RenderContextParams {
  pairs: ContextPair[];
  format: RenderFormat;
}

export interface RenderContextResult {
  text: string;
  warnings: string[];
}

/** The command the client registers; the server's code actions invoke it with arguments. */
export const BUILD_CONTEXT_COMMAND = "kmsContextGuard.buildEncryptionContext";

/**
 * Arguments of the command when a code action starts it from a finding: the document and the
 * finding's start, the target that fixes the finding, and the pairs to start from.
 */
export interface BuildContextCommandArgs {
  uri: string;
  position: Position;
  /** The rule code the builder was started from, e.g. `KMS001`. */
  code: string;
  target: PlacementTarget;
  pairs: ContextPair[];
}
