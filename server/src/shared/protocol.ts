/**
 * Custom messages between the extension and the language server for workspace-wide features.
 * Both sides import this module; it holds plain constants and types only (no `vscode`, no LSP
 * library, no engine code), so it is safe in the extension bundle.
 *
 * Positions and ranges use the LSP convention: zero-based line, UTF-16 character.
 */

/**
 * Request, client → server: the encryption context map of the workspace. Parameters:
 * {@link ContextMapParams}; result: {@link ContextMapResult}.
 */
export const CONTEXT_MAP_REQUEST = "kmsContextGuard/contextMap";

/**
 * Notification, server → client: the workspace index changed (a file was edited, created,
 * deleted or renamed, or indexing finished), so a context map on screen is out of date. No
 * parameters; the client asks for the map again when it is visible.
 */
export const CONTEXT_MAP_CHANGED_NOTIFICATION = "kmsContextGuard/contextMapChanged";

/** Parameters of {@link CONTEXT_MAP_REQUEST}; reserved for filters, empty today. */
export type ContextMapParams = Record<string, never>;

/** A zero-based LSP position. */
export interface MapPosition {
  line: number;
  character: number;
}

/** A place in a workspace file. */
export interface MapLocation {
  uri: string;
  range: { start: MapPosition; end: MapPosition };
}

/** One context one call sends to KMS. */
export interface ContextMapUse {
  role: "encrypt" | "decrypt";
  /** The KMS or Encryption SDK operation, e.g. `Encrypt`, `encrypt`. */
  operation: string;
  /** `SecretBox.seal` when the call goes through a wrapper. */
  wrapper?: string;
  /** The context as text: `{ purpose: "order", tenant: tenantId }`, `none`, `unknown (…)`. */
  context: string;
  location: MapLocation;
  /** Set on a decrypt whose context can never equal any encrypt's under the key: why not. */
  mismatch?: string;
  /** True when no policy statement in the workspace puts a context condition on this key. */
  unconstrained: boolean;
}

/** A policy statement with a context condition that governs a key. */
export interface ContextMapStatement {
  /** `Sid` or `Statement #n`, with ` (any key)` for `"Resource": "*"`. */
  label: string;
  /** True when the statement does not name its keys (`"Resource": "*"`, a key policy). */
  anyKey: boolean;
  /** The conditions in short: `purpose = "archive"`, `keys ⊆ {purpose, app}`. */
  requires: string[];
  location: MapLocation;
}

/** One KMS key reference and everything known about it. */
export interface ContextMapKey {
  /** Stable id: `alias/orders`, `key/<id>`, `env:KEY_ARN`, … or `unknown`. */
  id: string;
  /** How the code names the key. */
  label: string;
  uses: ContextMapUse[];
  statements: ContextMapStatement[];
  /** Uses with a mismatch or without any constraining statement. */
  problemCount: number;
}

/** Result of {@link CONTEXT_MAP_REQUEST}. */
export interface ContextMapResult {
  keys: ContextMapKey[];
  /** How many files the index holds. */
  fileCount: number;
  /** True while the first indexing of the workspace is still running. */
  indexing: boolean;
}
