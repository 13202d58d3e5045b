/** One context key the workspace's code sends to KMS, with the literal values seen for it. */
export interface SentContextKey {
  key: string;
  /** Distinct literal values seen, most frequent first; empty when values are never literal. */
  values: string[];
  /** How many calls send this key. */
  count: number;
}

/**
 * Facts about the whole workspace that single-document analysis cannot see. The server and
 * the CLI provide them from the workspace index; single-file analysis works without them.
 */
export interface WorkspaceFacts {
  /** Context keys sent by code, most used first, optionally only those for `keyReference`. */
  sentContextKeys(keyReference?: string): SentContextKey[];
}
