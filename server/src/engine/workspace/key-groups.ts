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
 * Splits the items (uses or use sides) a statement's resources may govern.
 *
 * Concrete key and alias ARNs govern the items in their group for certain, and possibly the
 * items whose key the index cannot name. `*`, wildcards and anything that is not a KMS key ARN
 * (a key policy's `"Resource": "*"` means "the key this policy is attached to") govern every
 * item, unless `workspaceGroups` is given: then they govern the workspace's key only when the
 * code uses exactly one, and nothing when which key is meant cannot be told.
 */
export function partitionByResources<T extends { keyGroup: string | undefined }>(
  resources: readonly string[],
  items: readonly T[],
  workspaceGroups?: ReadonlySet<string>,
): { certain: T[]; possible: T[] } {
  const groups = new Set<string>();
  for (const resource of resources) {
    const group = literalKeyGroup(resource);
    if (resource.includes("*") || resource.includes("?") || !isConcreteGroup(group)) {
      return anyKey(items, workspaceGroups);
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

function anyKey<T extends { keyGroup: string | undefined }>(
  items: readonly T[],
  workspaceGroups: ReadonlySet<string> | undefined,
): { certain: T[]; possible: T[] } {
  if (!workspaceGroups) {
    return { certain: [...items], possible: [] };
  }
  if (workspaceGroups.size !== 1) {
    return { certain: [], possible: [] };
  }
  const [only] = workspaceGroups;
  return {
    certain: items.filter((item) => item.keyGroup === only),
    possible: items.filter((item) => item.keyGroup === undefined),
  };
}

/**
 * The distinct known key groups of every use, for telling which key a key policy governs. The
 * result is kept per uses array: the index hands out one array per generation, and every
 * statement of a large policy asks for the same set.
 */
export function workspaceKeyGroups(uses: readonly ResolvedUse[]): ReadonlySet<string> {
  const cached = keyGroupsByUses.get(uses);
  if (cached) {
    return cached;
  }
  const groups = new Set<string>();
  for (const use of uses) {
    for (const side of use.contexts) {
      if (side.keyGroup !== undefined) {
        groups.add(side.keyGroup);
      }
    }
    if (use.keyGroup !== undefined) {
      groups.add(use.keyGroup);
    }
  }
  keyGroupsByUses.set(uses, groups);
  return groups;
}

const keyGroupsByUses = new WeakMap<readonly ResolvedUse[], ReadonlySet<string>>();

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

/** IAM-style glob: `*` any run, `?` one character, case-insensitive unless told otherwise. */
export function globMatches(pattern: string, value: string, ignoreCase = true): boolean {
  if (!pattern.includes("*") && !pattern.includes("?")) {
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  return globRegExp(pattern, ignoreCase).test(value);
}

/**
 * Compiled globs, kept because a large policy matches the same few action patterns against every
 * use of the workspace. Bounded so that a workspace full of distinct patterns cannot grow it.
 */
const compiledGlobs = new Map<string, RegExp>();
const MAX_COMPILED_GLOBS = 1_000;

function globRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const cacheKey = `${ignoreCase ? "i" : "s"}:${pattern}`;
  let compiled = compiledGlobs.get(cacheKey);
  if (compiled === undefined) {
    const escaped = pattern
      .split("")
      .map((char) =>
        char === "*" ? ".*" : char === "?" ? "." : char.replace(/[\\^$.|+()[\]{}]/g, "\\$&"),
      )
      .join("");
    compiled = new RegExp(`^${escaped}$`, ignoreCase ? "is" : "s");
    if (compiledGlobs.size >= MAX_COMPILED_GLOBS) {
      compiledGlobs.clear();
    }
    compiledGlobs.set(cacheKey, compiled);
  }
  return compiled;
}
