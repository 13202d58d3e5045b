import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  stringify,
  visit,
  type Document,
  type Pair,
  type YAMLMap,
} from "yaml";
import type { PlacementResult } from "./place-code";
import type { ConditionBlock } from "./render-policy";
import { detectEol, singleEditBetween } from "./text-edit";

interface Insertion {
  start: number;
  end: number;
  newText: string;
  /** Insertions at the same offset keep the order they were planned in. */
  order: number;
}

interface YamlLayout {
  indent: number;
  indentSeq: boolean;
  eol: string;
}

/**
 * Computes the single edit that merges a condition block into the policy statement mapping at
 * the cursor in a YAML document (typically a CloudFormation or SAM template). Only text is
 * inserted next to existing entries, so comments, tags such as `!Sub` and the author's quoting
 * stay exactly as they were.
 */
export function placeConditionInYaml(
  text: string,
  offset: number,
  block: ConditionBlock,
): PlacementResult {
  const documents = parseAllDocuments(text, { keepSourceTokens: true });
  if (!Array.isArray(documents)) {
    return { ok: false, reason: "The file holds no YAML document." };
  }
  const document = documents.find(
    (candidate) => candidate.range[0] <= offset && offset <= candidate.range[2],
  );
  if (!document || document.errors.length > 0) {
    return { ok: false, reason: "The YAML has syntax errors; fix them before inserting." };
  }

  const statement = statementAt(document, offset);
  if (!statement) {
    return {
      ok: false,
      reason: "Put the cursor inside a policy statement (a mapping with Effect and Action).",
    };
  }
  if (statement.flow) {
    return {
      ok: false,
      reason: "The statement is written in flow style ({ … }); edit it by hand.",
    };
  }

  const layout = layoutOf(text, document);
  const insertions: Insertion[] = [];
  const conditionPair = statement.items.find((item) => scalarKey(item) === "Condition");

  if (!conditionPair) {
    insertions.push(appendToMap(text, statement, { Condition: block }, layout, 0));
  } else if (!isMap(conditionPair.value) || conditionPair.value.flow) {
    return {
      ok: false,
      reason: "The statement's Condition is not a block mapping; edit it by hand.",
    };
  } else {
    const condition = conditionPair.value;
    const newOperators: ConditionBlock = {};
    for (const [operator, entries] of Object.entries(block)) {
      const existing = condition.items.find((item) => scalarKey(item) === operator);
      if (!existing) {
        newOperators[operator] = entries;
        continue;
      }
      if (!isMap(existing.value) || existing.value.flow) {
        return {
          ok: false,
          reason: `Condition.${operator} is not a block mapping; edit it by hand.`,
        };
      }
      const added: Record<string, string | string[]> = {};
      for (const [conditionKey, value] of Object.entries(entries)) {
        const current = existing.value.items.find((item) => scalarKey(item) === conditionKey);
        if (
          current &&
          isScalar(current.value) &&
          current.value.range &&
          typeof value === "string"
        ) {
          const [start, end] = current.value.range;
          insertions.push({ start, end, newText: scalarText(value), order: insertions.length });
        } else if (!current) {
          added[conditionKey] = value;
        }
      }
      if (Object.keys(added).length > 0) {
        insertions.push(appendToMap(text, existing.value, added, layout, insertions.length));
      }
    }
    if (Object.keys(newOperators).length > 0) {
      insertions.push(appendToMap(text, condition, newOperators, layout, insertions.length));
    }
  }

  const updated = applyInsertions(text, insertions);
  const reparsed = parseAllDocuments(updated);
  if (!Array.isArray(reparsed) || reparsed.some((candidate) => candidate.errors.length > 0)) {
    return {
      ok: false,
      reason: "Inserting here would break the YAML; place the cursor elsewhere.",
    };
  }
  // One planned insertion is already a minimal edit; several are merged into one.
  const only = insertions.length === 1 ? insertions[0] : undefined;
  return {
    ok: true,
    edit: only
      ? { start: only.start, end: only.end, newText: only.newText }
      : singleEditBetween(text, updated),
    description: "Add the context condition to the statement",
  };
}

function statementAt(document: Document, offset: number): YAMLMap | undefined {
  let found: YAMLMap | undefined;
  visit(document, {
    Map(_key, node) {
      const range = node.range;
      if (!range || offset < range[0] || offset > range[2]) {
        return visit.SKIP;
      }
      if (isStatement(node)) {
        found = node;
      }
      return undefined;
    },
    Seq(_key, node) {
      const range = node.range;
      return !range || offset < range[0] || offset > range[2] ? visit.SKIP : undefined;
    },
  });
  return found;
}

function isStatement(map: YAMLMap): boolean {
  const keys = new Set(map.items.map(scalarKey));
  return keys.has("Effect") && (keys.has("Action") || keys.has("NotAction"));
}

function scalarKey(item: unknown): string | undefined {
  return isPair(item) && isScalar(item.key) ? String(item.key.value) : undefined;
}

/**
 * Inserts new entries after the last entry of a block mapping, at the column of its keys. The
 * insertion goes after any comment on the last entry's line, never inside a following comment
 * block that belongs to the next item.
 */
function appendToMap(
  text: string,
  map: YAMLMap,
  entries: Record<string, unknown>,
  layout: YamlLayout,
  order: number,
): Insertion {
  const first = map.items[0] as Pair<{ range?: [number, number, number] }>;
  const keyStart = first.key?.range?.[0] ?? map.range![0];
  const column = keyStart - (text.lastIndexOf("\n", keyStart - 1) + 1);
  const last = map.items[map.items.length - 1] as Pair<
    { range?: [number, number, number] },
    { range?: [number, number, number] } | null
  >;
  const lastEnd = last.value?.range?.[1] ?? last.key?.range?.[1] ?? map.range![1];

  const rendered = stringify(entries, {
    indent: layout.indent,
    indentSeq: layout.indentSeq,
    lineWidth: 0,
  }).replace(/\n$/, "");
  const lines = rendered.split("\n").map((line) => " ".repeat(column) + line);

  if (text[lastEnd - 1] === "\n") {
    return { start: lastEnd, end: lastEnd, newText: lines.join(layout.eol) + layout.eol, order };
  }
  const lineEnd = text.indexOf("\n", lastEnd);
  const at = lineEnd === -1 ? text.length : text[lineEnd - 1] === "\r" ? lineEnd - 1 : lineEnd;
  return { start: at, end: at, newText: layout.eol + lines.join(layout.eol), order };
}

function scalarText(value: string): string {
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, "");
}

function applyInsertions(text: string, insertions: Insertion[]): string {
  const sorted = [...insertions].sort((a, b) => b.start - a.start || b.order - a.order);
  let result = text;
  for (const insertion of sorted) {
    result = result.slice(0, insertion.start) + insertion.newText + result.slice(insertion.end);
  }
  return result;
}

/**
 * The document's indentation step and whether its sequences are indented under their key
 * (`Action:\n  - kms:Decrypt`) or not (`Action:\n- kms:Decrypt`), read from its own mappings.
 */
function layoutOf(text: string, document: Document): YamlLayout {
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  const columnOf = (offset: number) => offset - (text.lastIndexOf("\n", offset - 1) + 1);
  visit(document, {
    Pair(_key, pair) {
      const keyRange = (pair.key as { range?: number[] } | null)?.range;
      const value = pair.value;
      if (!keyRange || !value || typeof value !== "object" || !("range" in value)) {
        return;
      }
      const valueRange = (value as { range?: number[] }).range;
      if (!valueRange) {
        return;
      }
      const sameLine = !text.slice(keyRange[0], valueRange[0]).includes("\n");
      if (sameLine) {
        return;
      }
      const step = columnOf(valueRange[0]) - columnOf(keyRange[0]);
      if (isMap(value) && !value.flow && indent === undefined && step > 0) {
        indent = step;
      }
      if (isSeq(value) && !value.flow && indentSeq === undefined) {
        indentSeq = step > 0;
      }
    },
  });
  return { indent: indent ?? 2, indentSeq: indentSeq ?? true, eol: detectEol(text) };
}
