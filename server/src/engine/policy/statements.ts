import { parseOperator } from "./actions";
import type {
  ConditionEntry,
  PolicyContainer,
  PolicySource,
  PolicyStatement,
  PolicyString,
} from "./model";
import { entryOf, stringOf, valueOf, type TreeNode } from "./tree";

/** What the fix builders need to edit a statement in place; rules never read it. */
export interface StatementHandle {
  format: "json" | "yaml" | "cdk";
  /** True when the statement sits in a `Statement` list (false for a lone statement object). */
  inList: boolean;
  /** False when offsets point into an escaped string, where no edit can be made safely. */
  editable: boolean;
}

/** Where the policy document came from and how its statements may be edited. */
export interface PolicyOrigin {
  source: PolicySource;
  format: StatementHandle["format"];
  container?: PolicyContainer;
  editable: boolean;
}

/**
 * True when a map looks like a policy document: it has a `Statement` whose entries look like
 * statements. Used where a policy may or may not be present (SAM `Policies`, dumps).
 */
export function looksLikePolicyDocument(node: TreeNode | undefined): boolean {
  const statement = valueOf(node, "Statement");
  if (!statement) {
    return false;
  }
  const items = statement.type === "seq" ? statement.items : [statement];
  return items.some(
    (item) =>
      item.type === "map" &&
      item.entries.some((entry) => STATEMENT_MEMBERS.has(entry.key) && entry.key !== "Sid"),
  );
}

const STATEMENT_MEMBERS = new Set([
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
]);

/** Reads every statement of one policy document into `out`. */
export function readPolicyDocument(
  document: TreeNode,
  origin: PolicyOrigin,
  out: PolicyStatement[],
): void {
  const statement = valueOf(document, "Statement");
  if (!statement) {
    return;
  }
  // Every statement of one list shares one handle: fixes only need the format and the shape.
  const handle = (inList: boolean): StatementHandle => ({
    format: origin.format,
    inList,
    editable: origin.editable,
  });
  if (statement.type === "map") {
    out.push(readStatement(statement, 0, handle(false), origin));
    return;
  }
  if (statement.type !== "seq") {
    return;
  }
  const listHandle = handle(true);
  statement.items.forEach((item, index) => {
    if (item.type === "map") {
      out.push(readStatement(item, index, listHandle, origin));
    }
  });
}

function readStatement(
  node: TreeNode & { type: "map" },
  index: number,
  handle: StatementHandle,
  origin: PolicyOrigin,
): PolicyStatement {
  // One pass over the members into locals, without a lookup table per statement: a large policy
  // has thousands of statements. The first occurrence of a member wins, as in the other readers.
  let sidNode: TreeNode | undefined;
  let effectNode: TreeNode | undefined;
  let principalNode: TreeNode | undefined;
  let notPrincipalNode: TreeNode | undefined;
  let actionNode: TreeNode | undefined;
  let notActionNode: TreeNode | undefined;
  let resourceNode: TreeNode | undefined;
  let notResourceNode: TreeNode | undefined;
  let conditionNode: TreeNode | undefined;
  for (const entry of node.entries) {
    switch (entry.key) {
      case "Sid":
        sidNode ??= entry.value;
        break;
      case "Effect":
        effectNode ??= entry.value;
        break;
      case "Principal":
        principalNode ??= entry.value;
        break;
      case "NotPrincipal":
        notPrincipalNode ??= entry.value;
        break;
      case "Action":
        actionNode ??= entry.value;
        break;
      case "NotAction":
        notActionNode ??= entry.value;
        break;
      case "Resource":
        resourceNode ??= entry.value;
        break;
      case "NotResource":
        notResourceNode ??= entry.value;
        break;
      case "Condition":
        conditionNode ??= entry.value;
        break;
    }
  }

  const effectText = stringOf(effectNode);
  const effect = effectText === "Allow" || effectText === "Deny" ? effectText : "unknown";
  const actions = notActionNode ?? actionNode;
  const resources = notResourceNode ?? resourceNode;
  const { conditions, complete } = readConditions(conditionNode);

  return {
    source: origin.source,
    index,
    sid: stringOf(sidNode),
    effect,
    actions: actions ? toPolicyStrings(actions) : [],
    notAction: notActionNode !== undefined,
    principals: readPrincipals(principalNode, notPrincipalNode),
    resources: resources ? toPolicyStrings(resources) : [],
    notResource: notResourceNode !== undefined,
    container: origin.container,
    conditions,
    hasConditionBlock: conditionNode !== undefined,
    conditionsComplete: complete,
    start: node.start,
    end: node.end,
    handle,
  };
}

function readPrincipals(
  principal: TreeNode | undefined,
  notPrincipal: TreeNode | undefined,
): PolicyStatement["principals"] {
  if (!principal) {
    return notPrincipal
      ? [{ type: "NotPrincipal", value: unknownString(notPrincipal) }]
      : undefined;
  }
  const principals: NonNullable<PolicyStatement["principals"]> = [];
  if (principal.type === "map") {
    for (const entry of principal.entries) {
      for (const value of toPolicyStrings(entry.value)) {
        principals.push({ type: entry.key, value });
      }
    }
    return principals;
  }
  for (const value of toPolicyStrings(principal)) {
    principals.push({
      type: value.kind === "literal" && value.value === "*" ? "*" : "unknown",
      value,
    });
  }
  return principals;
}

function readConditions(node: TreeNode | undefined): {
  conditions: ConditionEntry[];
  complete: boolean;
} {
  if (!node) {
    return { conditions: [], complete: true };
  }
  if (node.type !== "map") {
    return { conditions: [], complete: false };
  }

  const conditions: ConditionEntry[] = [];
  let complete = true;
  for (const operatorEntry of node.entries) {
    const operator = parseOperator(operatorEntry.key);
    const block = operatorEntry.value;
    if (block.type !== "map") {
      complete = false;
      continue;
    }
    for (const keyEntry of block.entries) {
      const values = toPolicyStrings(keyEntry.value);
      const valuesComplete = values.every((value) => value.kind === "literal");
      conditions.push({
        operator,
        operatorStart: operatorEntry.keyStart,
        operatorEnd: operatorEntry.keyEnd,
        key: keyEntry.key,
        keyStart: keyEntry.keyStart,
        keyEnd: keyEntry.keyEnd,
        values,
        valuesComplete,
      });
    }
  }
  return { conditions, complete };
}

/**
 * A string or list of strings as policy strings; anything else is one unknown value. A list of
 * JSON strings is returned as it is (its items already are policy strings): the result is
 * shared with the tree, so callers must not modify it.
 */
export function toPolicyStrings(node: TreeNode): PolicyString[] {
  if (node.type === "seq") {
    return node.items.every(isLiteralString)
      ? (node.items as PolicyString[])
      : node.items.map(toPolicyString);
  }
  return [toPolicyString(node)];
}

function isLiteralString(node: TreeNode): boolean {
  return node.type === "scalar" && node.kind === "literal" && typeof node.value === "string";
}

function toPolicyString(node: TreeNode): PolicyString {
  if (isLiteralString(node)) {
    return node as PolicyString;
  }
  if (node.type === "scalar" && node.value !== null) {
    return { kind: "literal", value: String(node.value), start: node.start, end: node.end };
  }
  return unknownString(node);
}

function unknownString(node: TreeNode): PolicyString {
  return {
    kind: "unknown",
    start: node.start,
    end: node.end,
    template: node.type === "unknown" ? node.template : undefined,
  };
}
