/**
 * The custom protocol between the VS Code client and the server, shared by both halves so the
 * names cannot drift. Plain constants and types only: the client bundles this file, so it must
 * not import the engine or any LSP library.
 */

/** The `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = "kms-context-guard";

/** The settings section the server asks for through `workspace/configuration`. */
export const SETTINGS_SECTION = "kmsContextGuard";

/** The code action kind of "fix every KMS Context Guard finding in this file". */
export const FIX_ALL_KIND = "source.fixAll.kms-context-guard";

/**
 * Server command (`workspace/executeCommand`, client → server) that opens a rule's page with
 * `window/showDocument`. Arguments: `[code: string, url: string]`. Used by clients that do not
 * name a command of their own in `initializationOptions.openRuleDocsCommand`.
 */
export const SHOW_RULE_DOCS_COMMAND = "kms-context-guard.showRuleDocs";

/**
 * Request, client → server: every registered rule, for the "open rule documentation" picker.
 * No parameters.
 */
export const LIST_RULES_REQUEST = "kmsContextGuard/listRules";

/** One entry of the `kmsContextGuard/listRules` response. */
export interface RuleSummary {
  code: string;
  name: string;
  summary: string;
  url: string;
  defaultSeverity: string;
}

/** What a client may pass as `initializationOptions`. */
export interface InitializationOptions {
  /**
   * A client-side command that opens a rule's documentation, called with `[code, url]`. When
   * absent, documentation actions use the server's `kms-context-guard.showRuleDocs`.
   */
  openRuleDocsCommand?: string;
  /** Settings to use when the client cannot answer `workspace/configuration`. */
  settings?: unknown;
  /**
   * False when the editor has not trusted the workspace: the server then runs in restricted
   * mode and ignores the workspace's own patterns, paths and limits (see
   * engine/workspace-trust.ts). Absent means trusted, for editors without the concept.
   */
  workspaceTrusted?: boolean;
}

/**
 * Notification, client → server, no parameters: the user has trusted the workspace, so the
 * server leaves restricted mode and analyses open documents again. Trust is never revoked
 * without restarting the editor, so there is no opposite notification.
 */
export const WORKSPACE_TRUST_GRANTED_NOTIFICATION = "kmsContextGuard/workspaceTrustGranted";

/** The settings a client sends under `kmsContextGuard` (`package.json` `contributes`). */
export interface ClientSettings {
  enable?: boolean;
  rules?: Record<string, string>;
  sensitiveKeyNames?: string[];
  maxFileSize?: number;
}

/**
 * Notification, server → client: a document was left unanalysed (too large, binary, nested too
 * deeply…) or is analysed again. Sent only when that changes, so typing in a skipped file does not
 * repeat it. `reason` is absent when the document is analysed again or was closed.
 */
export const DOCUMENT_SKIPPED_NOTIFICATION = "kmsContextGuard/documentSkipped";

/** Parameters of `kmsContextGuard/documentSkipped`. */
export interface DocumentSkippedParams {
  uri: string;
  /** Why the document is not analysed; absent when it is analysed again. */
  reason?: string;
}
