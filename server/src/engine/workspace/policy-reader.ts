import { parse as parseJsonc } from "jsonc-parser";
import { parse as parseYaml } from "yaml";
import type { ConditionEntry, PolicyModel, PolicyStatement } from "../policy/model";
import type { IndexedStatement, KeyAllowList, RequiredPair } from "./types";

const CONTEXT_PAIR_KEY = /^kms:encryptioncontext:(.+)$/i;
const CONTEXT_KEYS_KEY = /^kms:encryptioncontextkeys$/i;
const POLICY_VARIABLE = /\$\{[^}]*\}/;

/** Reads each statement's context requirements out of a document's policy model. */
export function readStatements(model: PolicyModel, text: string): IndexedStatement[] {
  return model.statements.map((statement) => readStatement(statement, text));
}

function readStatement(statement: PolicyStatement, text: string): IndexedStatement {
  const actions = statement.actions.every((action) => action.kind === "literal")
    ? statement.actions.map((action) => (action.kind === "literal" ? action.value : ""))
    : undefined;
  const principals = statement.principals ?? [];

  return {
    start: statement.start,
    end: statement.end,
    index: statement.index,
    sid: statement.sid,
    effect: statement.effect,
    actions: actions?.map((action) => action.toLowerCase()),
    notAction: statement.notAction,
    resources: readResources(statement, text),
    servicePrincipalOnly:
      principals.length > 0 && principals.every((principal) => principal.type === "Service"),
    viaService: statement.conditions.some((entry) => /^kms:viaservice$/i.test(entry.key)),
    requiredPairs: statement.conditions.flatMap(requiredPair),
    keyAllowList: statement.conditions.map(keyAllowList).find((list) => list !== undefined),
    conditionsComplete: statement.conditionsComplete,
  };
}

function matchKind(entry: ConditionEntry): "exact" | "ignore-case" | "like" | undefined {
  switch (entry.operator.base) {
    case "StringEquals":
      return "exact";
    case "StringEqualsIgnoreCase":
      return "ignore-case";
    case "StringLike":
      return "like";
    default:
      return undefined;
  }
}

function literalValues(entry: ConditionEntry): string[] | undefined {
  const values: string[] = [];
  for (const value of entry.values) {
    if (value.kind !== "literal" || POLICY_VARIABLE.test(value.value)) {
      return undefined;
    }
    values.push(value.value);
  }
  return values;
}

/** A context pair every allowed request must carry; `IfExists` and set operators opt out. */
function requiredPair(entry: ConditionEntry): RequiredPair[] {
  const key = CONTEXT_PAIR_KEY.exec(entry.key)?.[1];
  const match = matchKind(entry);
  if (
    key === undefined ||
    match === undefined ||
    entry.operator.negated ||
    entry.operator.ifExists ||
    entry.operator.setOperator
  ) {
    return [];
  }
  return [
    {
      key,
      values: literalValues(entry),
      match,
      conditionSpan: { start: entry.keyStart, end: entry.keyEnd },
    },
  ];
}

function keyAllowList(entry: ConditionEntry): KeyAllowList | undefined {
  const match = matchKind(entry);
  if (
    !CONTEXT_KEYS_KEY.test(entry.key) ||
    entry.operator.setOperator !== "ForAllValues" ||
    entry.operator.negated ||
    match === undefined
  ) {
    return undefined;
  }
  return {
    values: literalValues(entry),
    match,
    conditionSpan: { start: entry.keyStart, end: entry.keyEnd },
    valueSpans: entry.values.map((value) => ({ start: value.start, end: value.end })),
  };
}

/**
 * The statement's literal resources. `*`, an absent `Resource` (a key policy) and anything
 * not literal all mean "may govern any key".
 */
function readResources(statement: PolicyStatement, text: string): string[] {
  const resources = statement.resources ?? readResourcesFromText(statement, text);
  if (
    !resources ||
    resources.length === 0 ||
    statement.notResource ||
    resources.some((resource) => resource.kind !== "literal")
  ) {
    return ["*"];
  }
  return resources.map((resource) => (resource.kind === "literal" ? resource.value : "*"));
}

/**
 * Reads `Resource` from the statement's own text when the extractor did not provide it. The
 * statement is a JSON object or a YAML mapping; anything unreadable counts as "any key".
 */
function readResourcesFromText(
  statement: PolicyStatement,
  text: string,
): PolicyStatement["resources"] {
  if (statement.source === "cdk") {
    return undefined;
  }
  const slice = text.slice(statement.start, statement.end);
  let value: unknown;
  try {
    if (slice.trimStart().startsWith("{")) {
      value = parseJsonc(slice);
    } else {
      // Indent the first line like the rest so the mapping parses on its own.
      const lineStart = text.lastIndexOf("\n", statement.start - 1) + 1;
      const indent = " ".repeat(statement.start - lineStart);
      value = parseYaml(indent + slice, { customTags: IGNORED_TAGS, logLevel: "silent" });
    }
  } catch {
    return undefined;
  }
  if (!value || typeof value !== "object") {
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const resource = record.Resource ?? record.NotResource;
  const list = Array.isArray(resource) ? resource : resource === undefined ? [] : [resource];
  return list.map((item) =>
    typeof item === "string"
      ? { kind: "literal" as const, value: item, start: 0, end: 0 }
      : { kind: "unknown" as const, start: 0, end: 0 },
  );
}

/** CloudFormation short-form tags read as opaque values rather than failing the parse. */
const IGNORED_TAGS = [
  "!Ref",
  "!GetAtt",
  "!Sub",
  "!Join",
  "!If",
  "!Select",
  "!Split",
  "!FindInMap",
  "!ImportValue",
  "!Equals",
  "!Not",
  "!And",
  "!Or",
  "!Condition",
  "!Base64",
  "!Cidr",
  "!GetAZs",
].flatMap((tag) =>
  (["scalar", "seq", "map"] as const).map((collection) => ({
    tag,
    collection: collection === "scalar" ? undefined : collection,
    resolve: () => ({ intrinsic: tag }),
  })),
);
