import { visit } from "jsonc-parser";
import { asLongFormIntrinsic, MAX_DEPTH, type TreeEntry, type TreeNode } from "./tree";

/** An open object or array while the visitor walks the text. */
interface Frame {
  type: "map" | "seq";
  start: number;
  depth: number;
  /** `TreeEntry` objects for a map, `TreeNode` objects for a sequence. */
  children: (TreeEntry | TreeNode)[];
  /** The property whose value comes next (objects only); undefined when none is pending. */
  key: string | undefined;
  keyStart: number;
  keyEnd: number;
  /** A syntax error came between the pending key and its value: the value is unknown. */
  keyBroken: boolean;
  /** A syntax error inside this container, outside any child: the container is unknown. */
  broken: boolean;
}

/**
 * Parses JSON (comments and trailing commas tolerated) straight into the format-neutral tree
 * with jsonc-parser's visitor, so the document is walked once and no second tree is built.
 *
 * jsonc-parser recovers from syntax errors, e.g. an unquoted `${var}` in a `.json.tpl`. A value
 * the error touched, and any container with an error among its own members, becomes unknown,
 * so a broken part is never read as a real (and possibly finding-worthy) value.
 */
export function parseJsonTree(text: string): TreeNode | undefined {
  // The open containers, innermost last. Frames are reused by depth rather than allocated per
  // container: a large policy has tens of thousands of containers.
  const frames: Frame[] = [];
  let open = 0;
  let root: TreeNode | undefined;

  const attach = (node: TreeNode): void => {
    const frame = open > 0 ? frames[open - 1] : undefined;
    if (!frame) {
      root ??= node;
      return;
    }
    if (frame.type === "seq") {
      frame.children.push(node);
      return;
    }
    if (frame.key !== undefined) {
      const value: TreeNode = frame.keyBroken
        ? { type: "unknown", start: node.start, end: node.end }
        : node;
      frame.children.push({
        key: frame.key,
        keyStart: frame.keyStart,
        keyEnd: frame.keyEnd,
        value,
      });
      frame.key = undefined;
      frame.keyBroken = false;
    }
  };

  const begin = (type: Frame["type"], offset: number): void => {
    const frame = frames[open];
    if (frame === undefined) {
      frames.push({
        type,
        start: offset,
        depth: open,
        children: [],
        key: undefined,
        keyStart: 0,
        keyEnd: 0,
        keyBroken: false,
        broken: false,
      });
    } else {
      frame.type = type;
      frame.start = offset;
      frame.children = [];
      frame.key = undefined;
      frame.keyBroken = false;
      frame.broken = false;
    }
    open++;
  };

  const close = (offset: number, length: number): void => {
    if (open === 0) {
      return;
    }
    open--;
    const frame = frames[open];
    const end = offset + length;
    if (frame.key !== undefined) {
      // A key whose value never came (`"Condition": ` then a broken token) is an unknown value.
      frame.children.push({
        key: frame.key,
        keyStart: frame.keyStart,
        keyEnd: frame.keyEnd,
        value: { type: "unknown", start: frame.keyEnd, end: offset },
      });
    }
    if (frame.broken || frame.depth > MAX_DEPTH) {
      attach({ type: "unknown", start: frame.start, end });
    } else if (frame.type === "map") {
      const entries = frame.children as TreeEntry[];
      const map: TreeNode = { type: "map", start: frame.start, end, entries };
      attach(asLongFormIntrinsic(map) ?? map);
    } else {
      attach({ type: "seq", start: frame.start, end, items: frame.children as TreeNode[] });
    }
  };

  visit(
    text,
    {
      onObjectBegin: (offset) => begin("map", offset),
      onObjectEnd: close,
      onArrayBegin: (offset) => begin("seq", offset),
      onArrayEnd: close,
      onObjectProperty: (key, offset, length) => {
        const frame = open > 0 ? frames[open - 1] : undefined;
        if (frame) {
          frame.key = key;
          frame.keyStart = offset;
          frame.keyEnd = offset + length;
          frame.keyBroken = false;
        }
      },
      onLiteralValue: (value, offset, length) => {
        const end = offset + length;
        attach(
          typeof value === "string"
            ? { type: "scalar", kind: "literal", start: offset, end, value }
            : { type: "scalar", start: offset, end, value: value as number | boolean | null },
        );
      },
      onError: () => {
        const frame = open > 0 ? frames[open - 1] : undefined;
        if (!frame) {
          return;
        }
        if (frame.key !== undefined) {
          frame.keyBroken = true;
        } else {
          frame.broken = true;
        }
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );

  // Containers left open by a truncated document are unknown as a whole.
  while (open > 0) {
    frames[open - 1].broken = true;
    close(text.length, 0);
  }
  return root;
}
