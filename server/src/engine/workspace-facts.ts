import type { CodeModel } from "./code/model";
import type { PolicyModel } from "./policy/model";
import type { DocumentInput } from "./types";
import type { WorkspaceIndex } from "./workspace/workspace-index";

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
  /**
   * Brings the workspace's copy of the document under analysis up to date before rules run,
   * reusing the models the engine just extracted: the text being analysed wins over what was
   * indexed from disk. Provided by the workspace index only.
   */
  syncDocument?(
    document: DocumentInput,
    models: { codeModel?: CodeModel; policyModel?: PolicyModel },
  ): void;
  /** The workspace index, for rules that need other files; absent for simple facts. */
  index?: WorkspaceIndex;
}
