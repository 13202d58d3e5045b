import { getLocation, type Segment } from "jsonc-parser";
import type { DocumentKind } from "../types";
import type { WorkspaceFacts } from "../workspace-facts";
import { CONDITION_OPERATORS, KMS_CONDITION_KEYS } from "./actions";

/**
 * Completion inside the `Condition` block of a policy, as pure functions: condition operators
 * where an operator goes, KMS condition keys (with the workspace's context keys after
 * `kms:EncryptionContext:`) where a key goes. The language server maps the result to LSP.
 */

/** One suggestion. */
export interface PolicyCompletionItem {
  label: string;
  kind: "operator" | "key";
  detail: string;
  /** Sort position among the items (lower first). */
  order: number;
}

/** The suggestions and the text range they replace (the partial word at the cursor). */
export interface PolicyCompletions {
  items: PolicyCompletionItem[];
  replaceStart: number;
  replaceEnd: number;
}

type Slot = "operator" | "key";

const KEY_DETAILS: Record<string, string> = {
  "kms:EncryptionContext:": "one encryption-context pair (single-valued)",
  "kms:EncryptionContextKeys": "the keys of the encryption context (multi-valued)",
  "kms:GrantConstraintType": "EncryptionContextEquals or EncryptionContextSubset (CreateGrant)",
  "kms:GrantIsForAWSResource": "true when an AWS service creates the grant",
  "kms:GrantOperations": "operations a grant allows (multi-valued)",
  "kms:ViaService": "the AWS service that called KMS on the principal's behalf",
  "kms:CallerAccount": "the calling principal's account",
};

/**
 * Completions at `offset`, or undefined when the cursor is not where a condition operator or
 * key goes inside a policy statement.
 */
export function policyCompletionsAt(
  text: string,
  kind: DocumentKind,
  offset: number,
  workspace?: WorkspaceFacts,
): PolicyCompletions | undefined {
  const place =
    kind === "json"
      ? jsonPlace(text, offset)
      : kind === "yaml"
        ? yamlPlace(text, offset)
        : undefined;
  if (!place) {
    return undefined;
  }
  const items = place.slot === "operator" ? operatorItems() : keyItems(workspace);
  return { items, replaceStart: place.wordStart, replaceEnd: offset };
}

function operatorItems(): PolicyCompletionItem[] {
  return CONDITION_OPERATORS.map((operator, order) => ({
    label: operator,
    kind: "operator",
    detail: "condition operator",
    order,
  }));
}

function keyItems(workspace?: WorkspaceFacts): PolicyCompletionItem[] {
  const sent = workspace?.sentContextKeys() ?? [];
  const items: PolicyCompletionItem[] = sent.map((key, order) => ({
    label: `kms:EncryptionContext:${key.key}`,
    kind: "key",
    detail: `context key sent by ${key.count} call(s) in the workspace`,
    order,
  }));
  for (const key of KMS_CONDITION_KEYS) {
    items.push({
      label: key,
      kind: "key",
      detail: KEY_DETAILS[key] ?? "KMS condition key",
      order: items.length,
    });
  }
  return items;
}

/** Where a `Condition` sits in a path: right after a statement (`Statement`, index?). */
function slotAfterCondition(path: Segment[]): Slot | undefined {
  const condition = path.lastIndexOf("Condition");
  if (condition < 1) {
    return undefined;
  }
  const before = path[condition - 1];
  const statementIndex = typeof before === "number" ? condition - 2 : condition - 1;
  if (path[statementIndex] !== "Statement") {
    return undefined;
  }
  const depth = path.length - condition;
  return depth === 2 ? "operator" : depth === 3 ? "key" : undefined;
}

function jsonPlace(text: string, offset: number): { slot: Slot; wordStart: number } | undefined {
  const location = getLocation(text, offset);
  if (!location.isAtPropertyKey) {
    return undefined;
  }
  const slot = slotAfterCondition(location.path);
  if (!slot) {
    return undefined;
  }
  const node = location.previousNode;
  const wordStart =
    node &&
    (node.type === "string" || node.type === "property") &&
    offset > node.offset &&
    offset <= node.offset + node.length
      ? node.offset + 1
      : offset;
  return { slot, wordStart };
}

/**
 * YAML documents are usually incomplete while a key is being typed, so the place is read from
 * indentation: the block keys above the cursor's line with smaller indentation form its path.
 * Only block style is understood; inside a flow mapping no completion is offered.
 */
function yamlPlace(text: string, offset: number): { slot: Slot; wordStart: number } | undefined {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const typed = text.slice(lineStart, offset);
  const word = /^(\s*)(-\s+)?(["']?)([^\s"']*)$/.exec(typed);
  if (!word) {
    return undefined;
  }
  let indentation = word[1].length + (word[2]?.length ?? 0);
  const path: Segment[] = [];
  let cursor = lineStart - 1;
  while (cursor > 0 && indentation > 0) {
    const previousStart = text.lastIndexOf("\n", cursor - 1) + 1;
    const line = text.slice(previousStart, cursor).replace(/\r$/, "");
    cursor = previousStart - 1;
    const match = /^(\s*)(-\s+)?(["']?)([^"'#]+?)\3\s*:(\s|$)/.exec(line);
    if (!match) {
      continue;
    }
    const lineIndentation = match[1].length;
    const keyIndentation = lineIndentation + (match[2]?.length ?? 0);
    if (keyIndentation < indentation) {
      path.unshift(match[4]);
      if (match[2]) {
        // The key opens a list item, which is one element of the list above it.
        path.unshift(0);
      }
      indentation = match[2] ? lineIndentation : keyIndentation;
    } else if (match[2] && lineIndentation < indentation) {
      // A sibling key of ours opens the list item: we are inside that item's mapping.
      path.unshift(0);
      indentation = lineIndentation;
    }
  }
  path.push("");
  const slot = slotAfterCondition(path);
  if (!slot) {
    return undefined;
  }
  return { slot, wordStart: offset - word[4].length };
}
