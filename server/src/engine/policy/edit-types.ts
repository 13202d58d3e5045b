/**
 * A structural edit of one policy statement, addressed by the member path inside it (e.g.
 * `["Condition", "StringEquals", "kms:EncryptionContext:tenant"]`). The JSON and YAML editors
 * both understand these, so a rule describes its fix once for every format.
 */
export type StatementEdit =
  /** Sets a value, creating the maps on the way (`Condition`, the operator block). */
  | { kind: "set"; path: string[]; value: unknown }
  /** Removes a member, and the maps on the way that it leaves empty. */
  | { kind: "remove"; path: string[] }
  /** Renames a member's key in place. */
  | { kind: "rename"; path: string[]; newKey: string };
