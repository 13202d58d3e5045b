import type { ResolvedUse } from "./resolved";

/**
 * How KMS keys named in code and in policies are compared. A key reference becomes a "group":
 * two uses in the same group are known to use the same KMS key.
 *
 * - `alias/<name>` for an alias name or alias ARN,
 * - `key/<id>` for a key id or key ARN,
 * - `env:<NAME>` for a key read from an environment variable,
 * - `symbol:<file>#<name>` for a constant the index could not reduce further,
 * - `class:<file>#<Class>` for `this.keyId` inside a wrapper class.
 */

const KEY_ARN = /^arn:aws[\w-]*:kms:[^:]*:[^:]*:(key|alias)\/(.+)$/;
const KEY_ID =
  /^(?:mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The group of a literal key reference (`alias/x`, an ARN, a key id). */
export function literalKeyGroup(value: string): string {
  const arn = KEY_ARN.exec(value);
  if (arn) {
    return `${arn[1]}/${arn[2]}`;
  }
  if (value.startsWith("alias/")) {
    return value;
  }
  if (KEY_ID.test(value)) {
    return `key/${value}`;
  }
  return `literal:${value}`;
}

/** Whether a group names a concrete key or alias, so policy resources can be matched to it. */
export function isConcreteGroup(group: string): boolean {
  return group.startsWith("alias/") || group.startsWith("key/");
}

/**
 * Splits the items (uses or use sides) a statement's resources may govern. `*`, wildcards and
 * anything that is not a KMS key ARN cover every item; concrete key and alias ARNs cover the
 * items in their group for certain, and possibly the items whose key the index cannot name.
 */
export function partitionByResources<T extends { keyGroup: string | undefined }>(
  resources: readonly string[],
  items: readonly T[],
): { certain: T[]; possible: T[] } {
  const groups = new Set<string>();
  for (const resource of resources) {
    const group = literalKeyGroup(resource);
    if (resource.includes("*") || resource.includes("?") || !isConcreteGroup(group)) {
      return { certain: [...items], possible: [] };
    }
    groups.add(group);
  }
  const certain: T[] = [];
  const possible: T[] = [];
  for (const item of items) {
    if (item.keyGroup !== undefined && groups.has(item.keyGroup)) {
      certain.push(item);
    } else if (item.keyGroup === undefined || !isConcreteGroup(item.keyGroup)) {
      possible.push(item);
    }
  }
  return { certain, possible };
}

/** The IAM actions a use needs, lower-cased, for matching statement actions. */
export function actionsOfUse(use: ResolvedUse, role: "encrypt" | "decrypt"): string[] {
  switch (use.operation) {
    case "ReEncrypt":
      return [role === "decrypt" ? "kms:reencryptfrom" : "kms:reencryptto"];
    case "encrypt":
    case "encryptStream":
      return ["kms:generatedatakey"];
    case "decrypt":
    case "decryptStream":
      return ["kms:decrypt"];
    default:
      return [`kms:${use.operation.toLowerCase()}`];
  }
}

/** Whether a statement's (lower-cased) actions cover `action`, with `*`/`?` wildcards. */
export function statementCoversAction(
  actions: readonly string[] | undefined,
  notAction: boolean,
  action: string,
): boolean {
  if (actions === undefined) {
    return true;
  }
  const matched = actions.some((pattern) => globMatches(pattern, action));
  return notAction ? !matched : matched;
}

/** IAM-style glob: `*` any run, `?` one character, case-insensitive. */
export function globMatches(pattern: string, value: string, ignoreCase = true): boolean {
  const escaped = pattern
    .split("")
    .map((char) =>
      char === "*" ? ".*" : char === "?" ? "." : char.replace(/[\\^$.|+()[\]{}]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${escaped}$`, ignoreCase ? "is" : "s").test(value);
}
