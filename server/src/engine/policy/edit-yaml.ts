import { isMap, isPair, isScalar, parseDocument, stringify, type Pair, type YAMLMap } from "yaml";
import type { StatementEdit } from "./edit-types";
import { CLOUDFORMATION_TAGS } from "./yaml-tags";

/**
 * Applies one statement edit to the text of a YAML statement (the mapping, at its original
 * indentation). The `yaml` library locates the nodes; the edit itself is a text insertion or
 * removal at those ranges, so comments, quoting, tags and flow/block style elsewhere stay as
 * the author wrote them. Returns undefined when the edit does not apply to this text.
 */
export function applyYamlEdit(text: string, edit: StatementEdit, eol: string): string | undefined {
  const document = parseDocument(text, { customTags: CLOUDFORMATION_TAGS, uniqueKeys: false });
  if (document.errors.length > 0 || !isMap(document.contents)) {
    return undefined;
  }
  const root = document.contents;
  switch (edit.kind) {
    case "set":
      return setValue(text, root, edit.path, edit.value, eol);
    case "remove":
      return removePair(text, root, edit.path, eol);
    case "rename":
      return renamePair(text, root, edit.path, edit.newKey);
  }
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find(
    (pair): pair is Pair => isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key,
  );
}

function setValue(
  text: string,
  root: YAMLMap,
  path: string[],
  value: unknown,
  eol: string,
): string | undefined {
  let map = root;
  for (let index = 0; index < path.length; index++) {
    const pair = findPair(map, path[index]);
    if (!pair) {
      const nested = path
        .slice(index + 1)
        .reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
      return insertPair(text, map, path[index], nested, eol);
    }
    if (index === path.length - 1) {
      return replaceValue(text, pair, value, eol);
    }
    if (!isMap(pair.value)) {
      return undefined;
    }
    map = pair.value;
  }
  return undefined;
}

/**
 * Replaces a pair's value. A block collection is replaced by a block collection at the same
 * column (or by a scalar on the key's line); anything else by its flow rendering in place.
 */
function replaceValue(text: string, pair: Pair, value: unknown, eol: string): string | undefined {
  const node = pair.value as { range?: number[]; flow?: boolean; items?: unknown[] } | null;
  const range = node?.range;
  const keyEnd = (pair.key as { range?: number[] } | null)?.range?.[1];
  if (!range || keyEnd === undefined) {
    return undefined;
  }
  const end = trimEnd(text, range[1]);
  const isBlockCollection = node.items !== undefined && !node.flow;
  if (!isBlockCollection) {
    return text.slice(0, range[0]) + renderFlow(value) + text.slice(end);
  }
  if (typeof value !== "object" || value === null) {
    const colon = text.indexOf(":", keyEnd);
    return text.slice(0, colon + 1) + " " + renderFlow(value) + text.slice(end);
  }
  const column = range[0] - lineStartOf(text, range[0]);
  const lines = stringify(value, { indent: 2, lineWidth: 0 }).trimEnd().split("\n");
  return text.slice(0, range[0]) + lines.join(eol + " ".repeat(column)) + text.slice(end);
}

/** Backs up over trailing whitespace and line breaks. */
function trimEnd(text: string, end: number): number {
  let trimmed = end;
  while (trimmed > 0 && /\s/.test(text.charAt(trimmed - 1))) {
    trimmed--;
  }
  return trimmed;
}

/** Inserts `key: value` as the last member of a block or flow mapping. */
function insertPair(text: string, map: YAMLMap, key: string, value: unknown, eol: string): string {
  const last = map.items[map.items.length - 1] as Pair | undefined;
  const lastEnd = last ? nodeEnd(last) : undefined;

  if (map.flow) {
    const rendered = `${renderFlowKey(key)}: ${renderFlow(value)}`;
    if (lastEnd !== undefined) {
      return text.slice(0, lastEnd) + `, ${rendered}` + text.slice(lastEnd);
    }
    const open = text.indexOf("{", map.range?.[0] ?? 0);
    return text.slice(0, open + 1) + ` ${rendered} ` + text.slice(open + 1);
  }

  const firstKeyStart = (last?.key as { range?: number[] } | undefined)?.range?.[0] ?? 0;
  const column = firstKeyStart - lineStartOf(text, firstKeyStart);
  const lines = stringify({ [key]: value }, { indent: 2, lineWidth: 0 })
    .trimEnd()
    .split("\n");
  const block = lines.map((line) => " ".repeat(column) + line).join(eol);

  let insertAt = lastEnd ?? firstKeyStart;
  while (insertAt > 0 && /\s/.test(text.charAt(insertAt - 1))) {
    insertAt--;
  }
  const lineEnd = text.indexOf("\n", insertAt);
  insertAt = lineEnd < 0 ? text.length : text.charAt(lineEnd - 1) === "\r" ? lineEnd - 1 : lineEnd;
  return text.slice(0, insertAt) + eol + block + text.slice(insertAt);
}

/** Removes `path`'s pair, and the mappings on the way that it would leave empty. */
function removePair(text: string, root: YAMLMap, path: string[], eol: string): string | undefined {
  const chain: { map: YAMLMap; pair: Pair }[] = [];
  let map = root;
  for (const key of path) {
    const pair = findPair(map, key);
    if (!pair) {
      return undefined;
    }
    chain.push({ map, pair });
    if (isMap(pair.value)) {
      map = pair.value;
    }
  }

  let target = chain.length - 1;
  while (target > 0 && chain[target].map.items.length === 1) {
    target--;
  }
  const { map: owner, pair } = chain[target];
  const keyStart = (pair.key as { range?: number[] }).range?.[0] ?? 0;
  const end = nodeEnd(pair);

  if (owner.flow) {
    const index = owner.items.indexOf(pair);
    if (index > 0) {
      const previousEnd = nodeEnd(owner.items[index - 1] as Pair);
      return text.slice(0, previousEnd) + text.slice(end);
    }
    const next = owner.items[1] as Pair | undefined;
    const nextStart = next ? ((next.key as { range?: number[] }).range?.[0] ?? end) : end;
    return text.slice(0, keyStart) + text.slice(nextStart);
  }

  const from = lineStartOf(text, keyStart);
  const lineEnd = text.indexOf("\n", Math.max(end - 1, keyStart));
  const to = lineEnd < 0 ? text.length : lineEnd + 1;
  const removed = text.slice(0, from) + text.slice(to);
  // Removing the last member must not leave the line break that preceded it behind.
  return to >= text.length ? removed.trimEnd() : removed;
}

function renamePair(
  text: string,
  root: YAMLMap,
  path: string[],
  newKey: string,
): string | undefined {
  let map = root;
  for (let index = 0; index < path.length; index++) {
    const pair = findPair(map, path[index]);
    if (!pair) {
      return undefined;
    }
    if (index === path.length - 1) {
      const range = (pair.key as { range?: number[] }).range;
      if (!range) {
        return undefined;
      }
      return (
        text.slice(0, range[0]) +
        renderKeyLike(text.charAt(range[0]), newKey) +
        text.slice(range[1])
      );
    }
    if (!isMap(pair.value)) {
      return undefined;
    }
    map = pair.value;
  }
  return undefined;
}

/** The new key in the quoting style of the old one. */
function renderKeyLike(firstCharacter: string, key: string): string {
  if (firstCharacter === '"') {
    return JSON.stringify(key);
  }
  if (firstCharacter === "'") {
    return `'${key.replace(/'/g, "''")}'`;
  }
  return renderFlowKey(key);
}

function renderFlowKey(key: string): string {
  return renderFlow(key);
}

/** A value in YAML flow style on one line (`{ StringEquals: { k: v } }`, `[a, b]`, `v`). */
function renderFlow(value: unknown): string {
  return stringify(value, { collectionStyle: "flow", lineWidth: 0 }).trimEnd();
}

/** Where a pair's value (or its key, when the value is empty) ends. */
function nodeEnd(pair: Pair): number {
  const valueRange = (pair.value as { range?: number[] } | null)?.range;
  const keyRange = (pair.key as { range?: number[] } | null)?.range;
  return valueRange?.[1] ?? keyRange?.[1] ?? 0;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}
