import {
  applyEdits,
  findNodeAtLocation,
  findNodeAtOffset,
  getNodePath,
  modify,
  parseTree,
  type Edit,
  type FormattingOptions,
  type JSONPath,
  type Node,
  type ParseError,
} from "jsonc-parser";
import type { PlacementResult } from "./place-code";
import type { ConditionBlock } from "./render-policy";
import { detectEol, detectIndentUnit, singleEditBetween } from "./text-edit";

/**
 * Computes the single edit that merges a condition block into the policy statement holding the
 * cursor in a JSON document (an IAM or key policy, or a CloudFormation/SAM template). Operators
 * and condition keys already present are completed rather than duplicated; the rest of the file
 * is untouched, and the inserted JSON is formatted with the file's indentation.
 */
export function placeConditionInJson(
  text: string,
  offset: number,
  block: ConditionBlock,
): PlacementResult {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  if (!root || errors.length > 0) {
    return { ok: false, reason: "The JSON has syntax errors; fix them before inserting." };
  }

  const statement = statementAt(root, offset);
  if (!statement) {
    return {
      ok: false,
      reason: "Put the cursor inside a policy statement (an object with Effect and Action).",
    };
  }

  const path = getNodePath(statement);
  const condition = findNodeAtLocation(statement, ["Condition"]);
  if (condition && condition.type !== "object") {
    return { ok: false, reason: "The statement's Condition is not an object; edit it by hand." };
  }

  const formatting = formattingOf(text);
  let updated = text;
  const steps: Edit[][] = [];
  const set = (subPath: JSONPath, value: unknown) => {
    const edits = modify(updated, [...path, ...subPath], value, { formattingOptions: formatting });
    steps.push(edits);
    updated = applyEdits(updated, edits);
  };

  if (!condition) {
    set(["Condition"], block);
  } else {
    for (const [operator, entries] of Object.entries(block)) {
      const existing = findNodeAtLocation(condition, [operator]);
      if (!existing || existing.type !== "object") {
        set(["Condition", operator], entries);
        continue;
      }
      for (const [conditionKey, value] of Object.entries(entries)) {
        set(["Condition", operator, conditionKey], value);
      }
    }
  }

  // A single library edit is already minimal; several are merged into one undoable change.
  const only = steps.length === 1 && steps[0].length === 1 ? steps[0][0] : undefined;
  const edit = only
    ? { start: only.offset, end: only.offset + only.length, newText: only.content }
    : singleEditBetween(text, updated);
  return { ok: true, edit, description: "Add the context condition to the statement" };
}

/** The innermost object around the offset that looks like a policy statement. */
function statementAt(root: Node, offset: number): Node | undefined {
  let node: Node | undefined = findNodeAtOffset(root, offset, true);
  while (node) {
    if (node.type === "object" && isStatement(node)) {
      return node;
    }
    node = node.parent;
  }
  return undefined;
}

function isStatement(node: Node): boolean {
  const keys = new Set(
    (node.children ?? []).map((property) => property.children?.[0]?.value as string | undefined),
  );
  return keys.has("Effect") && (keys.has("Action") || keys.has("NotAction"));
}

function formattingOf(text: string): FormattingOptions {
  const unit = detectIndentUnit(text, "  ");
  return unit === "\t"
    ? { insertSpaces: false, tabSize: 4, eol: detectEol(text) }
    : { insertSpaces: true, tabSize: unit.length, eol: detectEol(text) };
}
