import type {
  ContextMapKey,
  ContextMapResult,
  ContextMapStatement,
  ContextMapUse,
  MapLocation,
} from "../../../server/src/shared/protocol";

/**
 * The context map as a tree, independent of the editor API so it can be tested in Node:
 * keys at the top, then their encrypt uses, decrypt uses and constraining statements.
 */

/** Which codicon a node shows; `warning` and `error` draw the eye to problems. */
export type NodeIcon = "key" | "encrypt" | "decrypt" | "statement" | "warning" | "error" | "info";

export interface MapNode {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon: NodeIcon;
  /** Where a click goes. */
  location?: MapLocation;
  children: MapNode[];
  /** Expanded when first shown. */
  expanded: boolean;
}

function fileAndLine(location: MapLocation): string {
  const file = decodeURIComponent(location.uri.slice(location.uri.lastIndexOf("/") + 1));
  return `${file}:${location.range.start.line + 1}`;
}

function useNode(keyId: string, use: ContextMapUse, index: number): MapNode {
  const via = use.wrapper ? ` via ${use.wrapper}` : "";
  const notes: string[] = [];
  if (use.mismatch) {
    notes.push(`Can never match an encrypt: ${use.mismatch}`);
  }
  if (use.unconstrained) {
    notes.push("No policy statement in the workspace constrains this key's context.");
  }
  return {
    id: `${keyId}/${use.role}/${index}`,
    label: use.context,
    description: `${use.operation}${via} · ${fileAndLine(use.location)}${use.mismatch ? " · mismatch" : ""}`,
    tooltip: [`${use.operation}${via} at ${fileAndLine(use.location)}`, ...notes].join("\n"),
    icon: use.mismatch ? "error" : use.unconstrained ? "warning" : use.role,
    location: use.location,
    children: [],
    expanded: false,
  };
}

function statementNode(keyId: string, statement: ContextMapStatement, index: number): MapNode {
  return {
    id: `${keyId}/statement/${index}`,
    label: statement.label,
    description: statement.requires.join("; "),
    tooltip: `${statement.label} at ${fileAndLine(statement.location)}\n${statement.requires.join("\n")}`,
    icon: "statement",
    location: statement.location,
    children: [],
    expanded: false,
  };
}

function group(id: string, label: string, children: MapNode[], icon: NodeIcon): MapNode {
  return { id, label: `${label} (${children.length})`, icon, children, expanded: true };
}

function keyNode(key: ContextMapKey): MapNode {
  const uses = key.uses.map((use, index) => ({ use, index }));
  const encrypts = uses.filter(({ use }) => use.role === "encrypt");
  const decrypts = uses.filter(({ use }) => use.role === "decrypt");
  const children: MapNode[] = [];

  if (encrypts.length > 0) {
    const nodes = encrypts.map(({ use, index }) => useNode(key.id, use, index));
    children.push(group(`${key.id}/encrypt`, "Encrypt", nodes, "encrypt"));
  }
  if (decrypts.length > 0) {
    const nodes = decrypts.map(({ use, index }) => useNode(key.id, use, index));
    children.push(group(`${key.id}/decrypt`, "Decrypt", nodes, "decrypt"));
  }
  if (key.statements.length > 0) {
    const nodes = key.statements.map((statement, index) => statementNode(key.id, statement, index));
    children.push(group(`${key.id}/statements`, "Policy statements", nodes, "statement"));
  } else if (key.id !== "unknown") {
    children.push({
      id: `${key.id}/unconstrained`,
      label: "No policy statement constrains this key's encryption context",
      icon: "warning",
      children: [],
      expanded: false,
    });
  }

  const counts = [`${key.uses.length} use${key.uses.length === 1 ? "" : "s"}`];
  if (key.problemCount > 0) {
    counts.push(`${key.problemCount} to check`);
  }
  return {
    id: key.id,
    label: key.label,
    description: counts.join(" · "),
    icon: key.problemCount > 0 ? "warning" : "key",
    children,
    expanded: key.problemCount > 0,
  };
}

/** The tree's top level, and the message shown above it (undefined when none). */
export function buildTree(map: ContextMapResult | undefined): {
  roots: MapNode[];
  message?: string;
} {
  if (!map) {
    return { roots: [], message: "Run “KMS: Show Encryption Context Map” to fill this view." };
  }
  const roots = map.keys.map(keyNode);
  if (map.indexing) {
    return { roots, message: "Indexing the workspace…" };
  }
  if (roots.length === 0) {
    return { roots, message: `No KMS calls found in ${map.fileCount} indexed files.` };
  }
  return { roots, message: undefined };
}
