import { isAlias, isMap, isPair, isScalar, isSeq, type Node as YamlNode } from "yaml";

/**
 * A format-neutral view of a parsed document, so one statement reader serves JSON, YAML and
 * CDK object literals. Every node keeps its string offsets into the original text.
 *
 * Anything the reader cannot know for sure becomes `unknown`: CloudFormation intrinsics (short
 * or long form), TypeScript expressions, and the parts of a broken document the parser had to
 * guess at. Rules treat `unknown` as "some value", which is how they avoid inventing findings.
 */
export type TreeNode =
  | { type: "map"; start: number; end: number; entries: TreeEntry[] }
  | { type: "seq"; start: number; end: number; items: TreeNode[] }
  | {
      type: "scalar";
      start: number;
      end: number;
      value: string | number | boolean | null;
      /**
       * Set on string scalars by the JSON reader, so the node is also a literal `PolicyString`
       * and the statement reader can use it as one instead of copying it (large policies hold
       * tens of thousands of them).
       */
      kind?: "literal";
    }
  | { type: "unknown"; start: number; end: number; template?: string };

/** One `key: value` of a map. */
export interface TreeEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: TreeNode;
}

/**
 * Nesting beyond this depth is read as unknown. Real policies nest five or six levels; the limit
 * keeps hostile input (thousands of nested brackets) from exhausting the stack.
 */
export const MAX_DEPTH = 64;

/** The value of `key` in a map node (first match), compared exactly. */
export function entryOf(node: TreeNode | undefined, key: string): TreeEntry | undefined {
  if (node?.type !== "map") {
    return undefined;
  }
  return node.entries.find((entry) => entry.key === key);
}

/** Shorthand for `entryOf(node, key)?.value`. */
export function valueOf(node: TreeNode | undefined, key: string): TreeNode | undefined {
  return entryOf(node, key)?.value;
}

/** The string of a scalar node, or undefined. */
export function stringOf(node: TreeNode | undefined): string | undefined {
  return node?.type === "scalar" && typeof node.value === "string" ? node.value : undefined;
}

/**
 * Recognises a long-form CloudFormation intrinsic (`{ "Ref": … }`, `{ "Fn::Sub": … }`) and
 * returns it as an unknown node; `Fn::Sub` and `Fn::Join` of literal parts keep a template.
 */
export function asLongFormIntrinsic(node: TreeNode & { type: "map" }): TreeNode | undefined {
  if (node.entries.length !== 1) {
    return undefined;
  }
  const [entry] = node.entries;
  if (entry.key !== "Ref" && !entry.key.startsWith("Fn::") && entry.key !== "Condition") {
    return undefined;
  }
  if (entry.key === "Condition" && entry.value.type !== "scalar") {
    return undefined;
  }
  return {
    type: "unknown",
    start: node.start,
    end: node.end,
    template: intrinsicTemplate(entry.key, entry.value),
  };
}

/** The `${...}` template of a `Sub` or `Join` whose parts are known enough, else undefined. */
export function intrinsicTemplate(name: string, argument: TreeNode): string | undefined {
  if (name === "Fn::Sub" || name === "!Sub") {
    if (argument.type === "scalar" && typeof argument.value === "string") {
      return argument.value;
    }
    if (argument.type === "seq" && argument.items[0]?.type === "scalar") {
      return String(argument.items[0].value);
    }
    return undefined;
  }
  if ((name === "Fn::Join" || name === "!Join") && argument.type === "seq") {
    const [separator, parts] = argument.items;
    if (separator?.type !== "scalar" || parts?.type !== "seq") {
      return undefined;
    }
    return parts.items
      .map((part) =>
        part.type === "scalar"
          ? String(part.value)
          : (part.type === "unknown" && part.template) || "${?}",
      )
      .join(String(separator.value ?? ""));
  }
  if (name === "Ref" || name === "!Ref") {
    return argument.type === "scalar" ? `\${${String(argument.value)}}` : undefined;
  }
  return undefined;
}

/**
 * Converts a `yaml` document node. Tagged nodes (`!Ref`, `!Sub`…) are unknown; aliases are
 * unknown too rather than followed, which keeps alias bombs from multiplying the work.
 */
export function fromYamlNode(
  node: YamlNode | null | undefined,
  fallbackOffset: number,
  text: string,
  depth = 0,
): TreeNode {
  if (!node) {
    return { type: "scalar", start: fallbackOffset, end: fallbackOffset, value: null };
  }
  const { start, end } = yamlRange(node, fallbackOffset, text);
  if (isAlias(node) || depth > MAX_DEPTH) {
    return { type: "unknown", start, end };
  }

  const tag = node.tag;
  if (tag && tag.startsWith("!") && !tag.startsWith("!!")) {
    const argument = stripTag(node, text, depth);
    return { type: "unknown", start, end, template: intrinsicTemplate(tag, argument) };
  }

  return stripTag(node, text, depth);
}

/**
 * A YAML node's range without the line breaks and indentation a block collection's range
 * carries at its end, so a statement's range ends at its last character.
 */
function yamlRange(
  node: YamlNode,
  fallbackOffset: number,
  text: string,
): { start: number; end: number } {
  const [start, rawEnd] = node.range ?? [fallbackOffset, fallbackOffset];
  let end = rawEnd;
  while (end > start && /\s/.test(text.charAt(end - 1))) {
    end--;
  }
  return { start, end };
}

function stripTag(node: YamlNode, text: string, depth: number): TreeNode {
  const { start, end } = yamlRange(node, 0, text);
  if (isMap(node)) {
    const entries: TreeEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) {
        continue;
      }
      const key = pair.key.value;
      if (typeof key !== "string" && typeof key !== "number") {
        continue;
      }
      const [keyStart, keyEnd] = pair.key.range ?? [start, start];
      const value = fromYamlNode(pair.value as YamlNode | null, keyEnd, text, depth + 1);
      entries.push({ key: String(key), keyStart, keyEnd, value });
    }
    const map: TreeNode = { type: "map", start, end, entries };
    return asLongFormIntrinsic(map) ?? map;
  }
  if (isSeq(node)) {
    const items = node.items.map((item) =>
      fromYamlNode(item as YamlNode | null, end, text, depth + 1),
    );
    return { type: "seq", start, end, items };
  }
  if (isScalar(node)) {
    const value = node.value;
    if (
      typeof value === "string" ||
      typeof value === "number" ||
      typeof value === "boolean" ||
      value === null
    ) {
      return { type: "scalar", start, end, value };
    }
    if (typeof value === "bigint") {
      return { type: "scalar", start, end, value: value.toString() };
    }
  }
  return { type: "unknown", start, end };
}
