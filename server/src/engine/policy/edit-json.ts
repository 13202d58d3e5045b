import {
  applyEdits,
  findNodeAtLocation,
  format,
  modify,
  parseTree,
  type FormattingOptions,
  type Node as JsonNode,
} from "jsonc-parser";
import type { StatementEdit } from "./edit-types";

/**
 * Applies one statement edit to the text of a JSON statement (the statement object, indented
 * as in its document). jsonc-parser does the editing so the rest of the text is untouched.
 * Returns undefined when the edit does not apply to this text.
 */
export function applyJsonEdit(
  text: string,
  edit: StatementEdit,
  formatting: FormattingOptions | undefined,
): string | undefined {
  switch (edit.kind) {
    case "set":
      return setValue(text, edit.path, edit.value, formatting);
    case "remove":
      return removeProperty(text, edit.path, formatting);
    case "rename":
      return renameProperty(text, edit.path, edit.newKey);
  }
}

/**
 * Sets a value with jsonc-parser, then lays out only the inserted text: inline when it lands in
 * a one-line object or replaces a one-line value, indented like its neighbours otherwise.
 * Formatting the whole edit range instead would also reflow the sibling members around it.
 */
function setValue(
  text: string,
  path: readonly string[],
  value: unknown,
  formatting: FormattingOptions | undefined,
): string {
  const edits = modify(text, [...path], value, {});
  if (edits.length !== 1) {
    return applyEdits(text, edits);
  }
  const [edit] = edits;
  const replaced = text.slice(edit.offset, edit.offset + edit.length);
  const restOfLine = text.slice(edit.offset + edit.length).split("\n", 1)[0];
  const inline =
    !formatting || (edit.length > 0 ? !replaced.includes("\n") : /^\s*[}\]]/.test(restOfLine));

  if (inline) {
    return applyEdits(text, [{ ...edit, content: inlineContent(edit.content) }]);
  }
  const inserted = applyEdits(text, [edit]);
  return applyEdits(
    inserted,
    format(inserted, { offset: edit.offset, length: edit.content.length }, formatting),
  );
}

/** Re-renders jsonc-parser's compact insertion (`,"k": {"a":"b"}`) with spaces on one line. */
function inlineContent(content: string): string {
  const member = /^(,?)\s*("(?:[^"\\]|\\.)*"):\s*([\s\S]*)$/.exec(content);
  try {
    if (member) {
      const separator = member[1] ? ", " : "";
      return `${separator}${member[2]}: ${inlineJson(JSON.parse(member[3]))}`;
    }
    return inlineJson(JSON.parse(content));
  } catch {
    return content;
  }
}

/** JSON on one line with a space after colons and commas: `{ "k": ["a", "b"] }`. */
function inlineJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(inlineJson).join(", ")}]`;
  }
  if (value && typeof value === "object") {
    const members = Object.entries(value).map(
      ([key, member]) => `${JSON.stringify(key)}: ${inlineJson(member)}`,
    );
    return members.length === 0 ? "{}" : `{ ${members.join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** Removes a property, and its parent objects when they would be left empty. */
function removeProperty(
  text: string,
  path: readonly string[],
  formatting: FormattingOptions | undefined,
): string | undefined {
  const tree = parseTree(text);
  if (!tree || !findNodeAtLocation(tree, [...path])) {
    return undefined;
  }

  let target = [...path];
  while (target.length > 1) {
    const parent = findNodeAtLocation(tree, target.slice(0, -1));
    if (parent?.type !== "object" || (parent.children?.length ?? 0) > 1) {
      break;
    }
    target = target.slice(0, -1);
  }
  return applyEdits(text, modify(text, target, undefined, { formattingOptions: formatting }));
}

/** Replaces a property's key, keeping its value and position. */
function renameProperty(text: string, path: readonly string[], newKey: string): string | undefined {
  const tree = parseTree(text);
  const value = tree ? findNodeAtLocation(tree, [...path]) : undefined;
  const keyNode: JsonNode | undefined = value?.parent?.children?.[0];
  if (!keyNode || keyNode === value) {
    return undefined;
  }
  return (
    text.slice(0, keyNode.offset) +
    JSON.stringify(newKey) +
    text.slice(keyNode.offset + keyNode.length)
  );
}

/**
 * The indentation style of a JSON document, from its first indented lines; used so inserted
 * members look like the ones around them.
 */
export function detectJsonFormatting(documentText: string, eol: string): FormattingOptions {
  let tabSize = 0;
  let insertSpaces = true;
  const sample = documentText.slice(0, 20_000).split(/\r?\n/);
  for (const line of sample) {
    const indentation = /^[ \t]+/.exec(line)?.[0];
    if (!indentation) {
      continue;
    }
    if (indentation.startsWith("\t")) {
      insertSpaces = false;
      tabSize = 1;
      break;
    }
    tabSize = tabSize === 0 ? indentation.length : Math.min(tabSize, indentation.length);
  }
  return { insertSpaces, tabSize: tabSize || 2, eol };
}
