import ts from "typescript";
import type { AnalyzedDocument } from "../rule-context";

/**
 * One syntax tree per text. The KMS call extractor, the CDK policy extractor and the workspace
 * index all read TypeScript/JavaScript; parsing is most of their cost, so whichever needs the
 * tree first parses it and the others reuse it. In the server each keystroke analyses the
 * document and then updates the index with the same text, so the last few trees are kept,
 * keyed by file name and checked against the exact text. Only a couple are kept so a CLI run
 * over thousands of files holds no more.
 *
 * A new version of a kept file's text is parsed incrementally from the previous tree: only the
 * changed region is re-parsed, which for one keystroke in a large module is several times
 * cheaper than a fresh parse. TypeScript reuses (and moves) the old tree's nodes, so the old
 * tree is dropped from the cache and must not be read again; nothing keeps one past the
 * analysis of its version except findings of that version, which are consulted only while the
 * document is still at it.
 */
const RECENT_TREES = 2;

interface ParsedTree {
  fileName: string;
  text: string;
  scriptKind: ts.ScriptKind;
  sourceFile: ts.SourceFile;
  hasParents: boolean;
}

const recentTrees: ParsedTree[] = [];

/**
 * The document's syntax tree, parsed on first use. Parent pointers cost an extra pass, so they
 * are only set when a caller asks for them (`parents: true`), once per tree.
 */
export function sourceFileOf(
  document: Pick<AnalyzedDocument, "fileName" | "text" | "kind">,
  options: { parents?: boolean } = {},
): ts.SourceFile {
  const scriptKind = scriptKindOf(document.fileName, document.kind);
  let tree = recentTrees.find(
    (candidate) =>
      candidate.fileName === document.fileName &&
      candidate.scriptKind === scriptKind &&
      candidate.text === document.text,
  );
  if (!tree) {
    tree = {
      fileName: document.fileName,
      text: document.text,
      scriptKind,
      sourceFile: parse(document.fileName, document.text, scriptKind),
      hasParents: false,
    };
    recentTrees.unshift(tree);
    recentTrees.length = Math.min(recentTrees.length, RECENT_TREES);
  }
  if (options.parents && !tree.hasParents) {
    setParents(tree.sourceFile);
    tree.hasParents = true;
  }
  return tree.sourceFile;
}

/** Parses `text`, incrementally when the cache holds an earlier text of the same file. */
function parse(fileName: string, text: string, scriptKind: ts.ScriptKind): ts.SourceFile {
  const previousAt = recentTrees.findIndex(
    (candidate) => candidate.fileName === fileName && candidate.scriptKind === scriptKind,
  );
  if (previousAt >= 0) {
    const [previous] = recentTrees.splice(previousAt, 1);
    try {
      return ts.updateSourceFile(previous.sourceFile, text, changeRange(previous.text, text));
    } catch (error) {
      // The incremental parser recurses over the old tree, so a tree the fresh parser could
      // build (a chain of 30,000 `+`) can overflow the stack there. Parse from scratch instead.
      if (!(error instanceof RangeError)) {
        throw error;
      }
    }
  }
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKind);
}

/** The smallest single span that turns `before` into `after`: common prefix and suffix kept. */
export function changeRange(before: string, after: string): ts.TextChangeRange {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) {
    prefix += 1;
  }
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix += 1;
  }
  return {
    span: { start: prefix, length: before.length - prefix - suffix },
    newLength: after.length - prefix - suffix,
  };
}

/**
 * Sets `parent` on every node below `root`, as `createSourceFile(..., setParentNodes: true)`
 * would have; TypeScript does not export its own helper for an existing tree.
 */
function setParents(root: ts.Node): void {
  // An explicit stack rather than recursion: a hostile file nests thousands of levels deep.
  const pending: ts.Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    ts.forEachChild(node, (child) => {
      (child as { parent: ts.Node }).parent = node;
      pending.push(child);
    });
  }
}

function scriptKindOf(fileName: string, kind: AnalyzedDocument["kind"]): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".tsx")) {
    return ts.ScriptKind.TSX;
  }
  if (lower.endsWith(".jsx")) {
    return ts.ScriptKind.JSX;
  }
  if (/\.[cm]?ts$/.test(lower)) {
    return ts.ScriptKind.TS;
  }
  if (/\.[cm]?js$/.test(lower)) {
    return ts.ScriptKind.JS;
  }
  return kind === "typescript" ? ts.ScriptKind.TS : ts.ScriptKind.JS;
}
