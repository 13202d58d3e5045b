import ts from "typescript";
import type { AnalyzedDocument } from "../rule-context";

/**
 * One syntax tree per analysed document. The KMS call extractor and the CDK policy extractor
 * both read TypeScript/JavaScript; parsing is most of their cost, so whichever needs the tree
 * first parses it and the other reuses it. Keyed by the document object, so a new version of
 * the text (a new AnalyzedDocument) is always parsed afresh and nothing outlives an analysis.
 */
const parsedTrees = new WeakMap<AnalyzedDocument, ts.SourceFile>();

/** The document's syntax tree (without parent pointers), parsed on first use. */
export function sourceFileOf(document: AnalyzedDocument): ts.SourceFile {
  let sourceFile = parsedTrees.get(document);
  if (!sourceFile) {
    sourceFile = ts.createSourceFile(
      document.fileName,
      document.text,
      ts.ScriptTarget.Latest,
      false,
      scriptKindOf(document.fileName, document.kind),
    );
    parsedTrees.set(document, sourceFile);
  }
  return sourceFile;
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
