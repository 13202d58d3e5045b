import type { AnalyzedDocument } from "../rule-context";
import type { Fix, TextEdit } from "../types";
import { CONTEXT_CONDITION_ACTIONS, kmsActionsMatching } from "./actions";
import { applyJsonEdit, detectJsonFormatting } from "./edit-json";
import type { FormattingOptions } from "jsonc-parser";
import type { StatementEdit } from "./edit-types";
import { applyYamlEdit } from "./edit-yaml";
import type { ConditionEntry, PolicyStatement } from "./model";
import { statementFacts } from "./facts";
import type { StatementHandle } from "./statements";

export type { StatementEdit } from "./edit-types";

/**
 * Builds policy quick-fixes as engine `Fix` objects. A fix's edits are computed when first
 * read: analysing a 2,000-statement policy must not pay for fixes nobody asks for.
 */

/** A statement's text from the start of its line, with what precedes it on that line blanked. */
interface StatementSlice {
  /** Offset of the slice in the document (the start of the statement's line). */
  offset: number;
  /** Length of the blanked prefix. */
  prefixLength: number;
  text: string;
}

function sliceOf(document: AnalyzedDocument, statement: PolicyStatement): StatementSlice {
  const lineStart = document.text.lastIndexOf("\n", statement.start - 1) + 1;
  const prefixLength = statement.start - lineStart;
  return {
    offset: lineStart,
    prefixLength,
    text: " ".repeat(prefixLength) + document.text.slice(statement.start, statement.end),
  };
}

function editableHandle(statement: PolicyStatement): StatementHandle | undefined {
  const handle = statement.handle as StatementHandle | undefined;
  return handle?.editable && handle.format !== "cdk" ? handle : undefined;
}

function eolOf(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/**
 * The document's line ending and JSON indentation, read once per document. Every fix of every
 * statement needs them, and reading them scans the text: per fix, a 2,000-statement policy
 * spent most of its analysis re-reading the same 600 KB.
 */
const documentLayouts = new WeakMap<AnalyzedDocument, { eol: string; json?: FormattingOptions }>();

function layoutOf(document: AnalyzedDocument, needJson: boolean) {
  let layout = documentLayouts.get(document);
  if (!layout) {
    layout = { eol: eolOf(document.text) };
    documentLayouts.set(document, layout);
  }
  if (needJson && !layout.json) {
    layout.json = detectJsonFormatting(document.text, layout.eol);
  }
  return layout;
}

/** Applies edits one after the other to a statement slice; undefined when one does not apply. */
function applyStatementEdits(
  document: AnalyzedDocument,
  handle: StatementHandle,
  text: string,
  edits: readonly StatementEdit[],
): string | undefined {
  const multiLine = text.includes("\n");
  const { eol, json: formatting } = layoutOf(document, multiLine);
  let current: string | undefined = text;
  for (const edit of edits) {
    if (current === undefined) {
      return undefined;
    }
    current =
      handle.format === "json"
        ? applyJsonEdit(current, edit, formatting)
        : applyYamlEdit(current, edit, eol);
  }
  return current;
}

/** One minimal edit turning `before` (at `offset`) into `after`. */
function minimalEdit(
  document: AnalyzedDocument,
  offset: number,
  before: string,
  after: string,
): TextEdit[] {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) {
    prefix++;
  }
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix++;
  }
  const start = offset + prefix;
  const end = offset + before.length - suffix;
  return [
    {
      range: document.lines.rangeOf(start, end),
      newText: after.slice(prefix, after.length - suffix),
    },
  ];
}

function lazyFix(title: string, preferred: boolean, compute: () => TextEdit[] | undefined): Fix {
  let edits: TextEdit[] | undefined;
  const fix: Fix = {
    title,
    get edits(): TextEdit[] {
      if (!edits) {
        try {
          edits = compute() ?? [];
        } catch {
          // A fix that cannot be built offers nothing rather than break the analysis.
          edits = [];
        }
      }
      return edits;
    },
  };
  if (preferred) {
    fix.isPreferred = true;
  }
  return fix;
}

/**
 * A fix applying structural edits to one statement, or undefined when the statement cannot be
 * edited (a CDK statement, a policy inside a JSON string).
 */
export function editStatementFix(
  document: AnalyzedDocument,
  statement: PolicyStatement,
  title: string,
  edits: StatementEdit[],
  preferred = false,
): Fix | undefined {
  const handle = editableHandle(statement);
  if (!handle) {
    return undefined;
  }
  return lazyFix(title, preferred, () => {
    const slice = sliceOf(document, statement);
    const edited = applyStatementEdits(document, handle, slice.text, edits);
    return edited === undefined
      ? undefined
      : minimalEdit(document, slice.offset, slice.text, edited);
  });
}

/** Moves condition entries to another operator (drop a set prefix, drop IfExists, add one). */
export function moveConditionsFix(
  document: AnalyzedDocument,
  statement: PolicyStatement,
  title: string,
  moves: { entry: ConditionEntry; operator: string }[],
): Fix | undefined {
  const existing = new Set(statement.conditions.map((entry) => entry.operator.raw));
  const blockSizes = new Map<string, number>();
  for (const entry of statement.conditions) {
    blockSizes.set(entry.operator.raw, (blockSizes.get(entry.operator.raw) ?? 0) + 1);
  }
  const targetCounts = new Map<string, number>();
  for (const move of moves) {
    targetCounts.set(move.operator, (targetCounts.get(move.operator) ?? 0) + 1);
  }

  const edits: StatementEdit[] = [];
  for (const { entry, operator } of moves) {
    const canRename =
      blockSizes.get(entry.operator.raw) === 1 &&
      !existing.has(operator) &&
      targetCounts.get(operator) === 1;
    if (canRename) {
      edits.push({ kind: "rename", path: ["Condition", entry.operator.raw], newKey: operator });
      continue;
    }
    if (!entry.values.every((value) => value.kind === "literal")) {
      return undefined;
    }
    const values = entry.values.map((value) => (value.kind === "literal" ? value.value : ""));
    edits.push({ kind: "remove", path: ["Condition", entry.operator.raw, entry.key] });
    edits.push({
      kind: "set",
      path: ["Condition", operator, entry.key],
      value: values.length === 1 ? values[0] : values,
    });
  }
  return editStatementFix(document, statement, title, edits, true);
}

/**
 * Splits a statement in two: the context-capable actions keep the condition, the others go to
 * a copy without it (or are dropped when `keepOthers` is false, to narrow a Deny).
 */
export function splitStatementFix(
  document: AnalyzedDocument,
  statement: PolicyStatement,
  title: string,
  options: { keepOthers?: boolean } = {},
): Fix | undefined {
  const handle = editableHandle(statement);
  const keepOthers = options.keepOthers ?? true;
  if (!handle || !handle.inList || statement.notAction) {
    return undefined;
  }
  if (!statement.actions.every((action) => action.kind === "literal")) {
    return undefined;
  }
  // The partition itself waits until the fix is read; here only whether both halves exist.
  const facts = statementFacts(statement);
  if (facts.unsupportedActions.length === 0 || !hasCapableAction(facts.kmsActions)) {
    return undefined;
  }

  return lazyFix(title, !keepOthers || statement.effect === "Allow", () => {
    const partition = partitionActions(statement);
    const slice = sliceOf(document, statement);
    const withCondition = applyStatementEdits(document, handle, slice.text, [
      { kind: "set", path: ["Action"], value: single(partition.capable) },
    ]);
    if (withCondition === undefined) {
      return undefined;
    }
    let replacement = withCondition;
    if (keepOthers) {
      const sidEdit: StatementEdit[] = statement.sid
        ? [{ kind: "set", path: ["Sid"], value: `${statement.sid}WithoutContext` }]
        : [];
      const withoutCondition = applyStatementEdits(document, handle, slice.text, [
        { kind: "set", path: ["Action"], value: single(partition.others) },
        { kind: "remove", path: ["Condition"] },
        ...sidEdit,
      ]);
      if (withoutCondition === undefined) {
        return undefined;
      }
      replacement +=
        listSeparator(document, statement, handle, slice) +
        withoutCondition.slice(slice.prefixLength);
    }
    return minimalEdit(document, slice.offset, slice.text, replacement);
  });
}

function hasCapableAction(actions: ReadonlySet<string>): boolean {
  for (const action of actions) {
    if (CONTEXT_CONDITION_ACTIONS.has(action)) {
      return true;
    }
  }
  return false;
}

function single(values: string[]): string | string[] {
  return values.length === 1 ? values[0] : values;
}

/** What goes between two statements of the same list, in the list's own style. */
function listSeparator(
  document: AnalyzedDocument,
  statement: PolicyStatement,
  handle: StatementHandle,
  slice: StatementSlice,
): string {
  const { eol } = layoutOf(document, false);
  const before = document.text.slice(slice.offset, statement.start);
  const ownLine = /^\s*$/.test(before);
  if (handle.format === "json") {
    return ownLine ? `,${eol}${before}` : ", ";
  }
  const dash = /^(\s*)-(\s+)$/.exec(before);
  if (dash) {
    return `${eol}${dash[1]}-${dash[2]}`;
  }
  return ownLine ? `,${eol}${before}` : ", ";
}

/** Sorts a statement's literal actions into context-capable ones and the rest. */
function partitionActions(statement: PolicyStatement): { capable: string[]; others: string[] } {
  const capable: string[] = [];
  const others: string[] = [];
  for (const action of statement.actions) {
    if (action.kind !== "literal") {
      continue;
    }
    const matched = kmsActionsMatching(action.value);
    const supported = matched.filter((name) => CONTEXT_CONDITION_ACTIONS.has(name));
    if (matched.length > 0 && supported.length === matched.length) {
      capable.push(action.value);
    } else if (supported.length === 0) {
      others.push(action.value);
    } else {
      capable.push(...supported.map((name) => `kms:${name}`));
      others.push(
        ...matched
          .filter((name) => !CONTEXT_CONDITION_ACTIONS.has(name))
          .map((name) => `kms:${name}`),
      );
    }
  }
  return { capable: [...new Set(capable)], others: [...new Set(others)] };
}
