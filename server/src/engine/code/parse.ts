import ts from "typescript";
import type { AnalyzedDocument } from "../rule-context";

/**
 * One parse per document: the code extractor and any other reader of the same analysis (the
 * CDK policy extractor, for instance) share the tree through this cache instead of each calling
 * `ts.createSourceFile`. The cache is keyed by the document object, so a tree lives only as
 * long as the analysis that made it. Parent pointers are not set; walkers keep their own context.
 */
const parsed = new WeakMap<AnalyzedDocument, ts.SourceFile>();

/** The syntax tree of a TypeScript/JavaScript document, parsed on first use. */
export function sourceFileOf(document: AnalyzedDocument): ts.SourceFile {
  let sourceFile = parsed.get(document);
  if (!sourceFile) {
    sourceFile = ts.createSourceFile(
      document.fileName,
      document.text,
      ts.ScriptTarget.Latest,
      false,
      scriptKindOf(document.fileName, document.kind),
    );
    parsed.set(document, sourceFile);
  }
  return sourceFile;
}

/** TSX and JSX by extension (JSX syntax must be enabled explicitly), else by document kind. */
export function scriptKindOf(fileName: string, kind: AnalyzedDocument["kind"]): ts.ScriptKind {
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
