import type { Range } from "../types";
import { canEqual, closestEncrypt } from "./context-compare";
import { partitionByResources } from "./key-groups";
import type { ResolvedContext, ResolvedUse, ResolvedUseContext } from "./resolved";
import type { IndexedStatement } from "./types";
import type { LocatedStatement, WorkspaceIndex } from "./workspace-index";

/**
 * The encryption context map: per KMS key reference, the contexts the code encrypts and
 * decrypts with, where, and the policy statements that constrain that key. Built from the
 * workspace index; the server sends it to the editor's "Encryption Context Map" view.
 */

/** A place in a file, zero-based like every engine range. */
export interface MapLocation {
  fileName: string;
  range: Range;
}

/** One context sent to KMS by one call. */
export interface MapUse {
  role: "encrypt" | "decrypt";
  /** The KMS or Encryption SDK operation, e.g. `Encrypt`, `encrypt`. */
  operation: string;
  /** `Box.seal` when the call goes through a wrapper. */
  wrapper?: string;
  /** The context as text: `{ purpose: "order", tenant: tenantId }`, `none`, `unknown (…)`. */
  context: string;
  location: MapLocation;
  /** For a decrypt that can never equal any encrypt under the key: why. */
  mismatch?: string;
  /** True when no policy statement in the workspace puts a context condition on this key. */
  unconstrained: boolean;
}

/** A policy statement with a context condition that governs a key. */
export interface MapStatement {
  /** `Sid` or `Statement #n`. */
  label: string;
  /** True when the statement does not name its keys (`"Resource": "*"`, a key policy). */
  anyKey: boolean;
  /** The conditions in short: `purpose = "archive"`, `keys ⊆ {purpose, app}`. */
  requires: string[];
  location: MapLocation;
}

/** Everything known about one KMS key reference. */
export interface MapKey {
  /** Stable id: the key group (`alias/orders`, `env:KEY`…) or `unknown`. */
  id: string;
  /** How the code names it. */
  label: string;
  uses: MapUse[];
  statements: MapStatement[];
  /** Uses with a mismatch or no constraining statement. */
  problemCount: number;
}

/** The whole map. */
export interface ContextMap {
  keys: MapKey[];
  fileCount: number;
}

const UNKNOWN_KEY = "unknown";

/** Builds the map from the index; keys with problems come first, then by label. */
export function buildContextMap(index: WorkspaceIndex): ContextMap {
  const uses = index.uses();
  const statements = index.statements().filter(hasContextCondition);
  const groups = new Map<string, { label: string; sides: Side[] }>();

  for (const use of uses) {
    for (const side of use.contexts) {
      const id = side.keyGroup ?? UNKNOWN_KEY;
      const group = groups.get(id) ?? {
        label: id === UNKNOWN_KEY ? "Key not known statically" : use.keyLabel,
        sides: [],
      };
      group.sides.push({ use, side });
      groups.set(id, group);
    }
  }

  const keys: MapKey[] = [...groups.entries()].map(([id, group]) => {
    const constraining = id === UNKNOWN_KEY ? [] : statementsGoverning(id, statements);
    const mapUses = group.sides.map((side) =>
      mapUse(index, side, group.sides, constraining.length === 0),
    );
    return {
      id,
      label: group.label,
      uses: mapUses,
      statements: constraining.map((located) => mapStatement(index, located)),
      problemCount: mapUses.filter((use) => use.mismatch || use.unconstrained).length,
    };
  });

  keys.sort((a, b) => b.problemCount - a.problemCount || a.label.localeCompare(b.label));
  return { keys, fileCount: index.size };
}

interface Side {
  use: ResolvedUse;
  side: ResolvedUseContext;
}

function hasContextCondition(located: LocatedStatement): boolean {
  const statement = located.statement;
  return (
    statement.effect === "Allow" &&
    (statement.requiredPairs.length > 0 || statement.keyAllowList !== undefined)
  );
}

function statementsGoverning(group: string, statements: LocatedStatement[]): LocatedStatement[] {
  return statements.filter(
    (located) =>
      partitionByResources(located.statement.resources, [{ keyGroup: group }]).certain.length > 0,
  );
}

function mapUse(index: WorkspaceIndex, entry: Side, all: Side[], unconstrained: boolean): MapUse {
  const { use, side } = entry;
  return {
    role: side.role,
    operation: use.operation,
    wrapper: use.wrapper?.label,
    context: describeContext(side.context),
    location: { fileName: use.fileName, range: index.rangeOf(use.fileName, use.start, use.end) },
    mismatch: side.role === "decrypt" ? mismatchOf(side, all) : undefined,
    unconstrained,
  };
}

function mismatchOf(decrypt: ResolvedUseContext, all: Side[]): string | undefined {
  if (decrypt.context.kind !== "known" || decrypt.keyGroup === undefined) {
    return undefined;
  }
  const encrypts = all.filter(
    (candidate) => candidate.side.role === "encrypt" && candidate.use.via !== "esdk",
  );
  if (encrypts.length === 0 || encrypts.some((e) => canEqual(decrypt.context, e.side.context))) {
    return undefined;
  }
  const closest = closestEncrypt(
    decrypt.context,
    encrypts.map((candidate) => candidate.side.context),
  );
  return closest?.differences.join("; ");
}

/** `{ purpose: "order", tenant: tenantId }` — literals quoted, expressions as written. */
export function describeContext(context: ResolvedContext): string {
  if (context.kind === "absent") {
    return "none";
  }
  if (context.kind === "unknown") {
    return `unknown (${context.reason})`;
  }
  const pairs = context.entries.map((entry) => {
    const value =
      entry.value.kind === "string" ? JSON.stringify(entry.value.value) : entry.value.text;
    return `${entry.key ?? "[computed]"}: ${value}`;
  });
  if (!context.complete) {
    pairs.push("…");
  }
  return pairs.length === 0 ? "{}" : `{ ${pairs.join(", ")} }`;
}

function mapStatement(index: WorkspaceIndex, located: LocatedStatement): MapStatement {
  const statement = located.statement;
  const label = statement.sid ?? `Statement #${statement.index + 1}`;
  // A key policy's `"Resource": "*"` means "the key this policy is attached to", which the
  // index cannot name; the map shows such statements under every key, marked as such.
  const anyKey =
    partitionByResources(statement.resources, [{ keyGroup: "\u0000" }]).certain.length > 0;
  return {
    label: anyKey ? `${label} (any key)` : label,
    anyKey,
    requires: describeConditions(statement),
    location: {
      fileName: located.fileName,
      range: index.rangeOf(located.fileName, statement.start, statement.end),
    },
  };
}

function describeConditions(statement: IndexedStatement): string[] {
  const requires = statement.requiredPairs.map((pair) => {
    const operator = pair.match === "like" ? "like" : pair.match === "ignore-case" ? "≈" : "=";
    const values = pair.values?.map((value) => JSON.stringify(value)).join(" | ") ?? "(any)";
    return `${pair.key} ${operator} ${values}`;
  });
  const list = statement.keyAllowList;
  if (list) {
    requires.push(`keys ⊆ {${(list.values ?? ["…"]).join(", ")}}`);
  }
  return requires;
}
