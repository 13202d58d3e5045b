import { extractCodeModel } from "../code/extract";
import { sourceFileOf } from "../code/source-file";
import type { CodeModel } from "../code/model";
import { detectDocumentKind, isDeclarationFile } from "../document-kind";
import { MAX_NESTING_DEPTH, nestingDepth, skipReason } from "../input-limits";
import { LineIndex } from "../line-index";
import { extractPolicyModel } from "../policy/extract";
import type { PolicyModel } from "../policy/model";
import type { AnalyzedDocument } from "../rule-context";
import type { EngineLogger } from "../types";
import { readFileUses } from "./file-uses";
import { readModuleFacts } from "./module-facts";
import { readStatements } from "./policy-reader";
import type { IndexedFile } from "./types";

/** Models a caller already extracted, so the index does not extract them a second time. */
export interface KnownModels {
  codeModel?: CodeModel;
  policyModel?: PolicyModel;
}

/** Limits the index applies per file, from the resolved configuration. */
export interface EntryLimits {
  maxFileSize: number;
  logger: EngineLogger;
}

/**
 * Builds the index entry of one file: the code extractor's calls read as symbolic uses, the
 * module's declarations and imports, wrapper call candidates, and policy statements. Never
 * throws: a file that cannot be read becomes an empty entry.
 */
export function buildIndexedFile(
  fileName: string,
  text: string,
  limits: EntryLimits,
  known: KnownModels = {},
  languageId?: string,
): IndexedFile {
  const empty: IndexedFile = { fileName, text, uses: [], candidates: [], statements: [] };
  // The same limits as single-file analysis, so the index never reads what analysis skips.
  if (isDeclarationFile(fileName) || skipReason(text, limits.maxFileSize)) {
    return empty;
  }
  const kind = detectDocumentKind(fileName, text, languageId);
  if (!kind || nestingDepth(text, kind === "yaml") > MAX_NESTING_DEPTH) {
    return empty;
  }

  try {
    // The extractors read no ranges, so the line table is only built if something asks.
    let lines: LineIndex | undefined;
    const document: AnalyzedDocument = {
      fileName,
      text,
      kind,
      get lines() {
        lines ??= new LineIndex(text);
        return lines;
      },
    };
    const isCode = kind === "typescript" || kind === "javascript";
    const codeModel = isCode ? (known.codeModel ?? extractCodeModel(document)) : undefined;
    const policyModel = known.policyModel ?? extractPolicyModel(document, limits.logger);
    const entry: IndexedFile = {
      ...empty,
      statements: readStatements(policyModel, text),
    };
    if (codeModel) {
      // Usually the tree the code extractor just parsed for this same text.
      const sourceFile = sourceFileOf(document);
      const { facts, scope } = readModuleFacts(sourceFile);
      const { uses, candidates } = readFileUses(codeModel, scope);
      entry.module = facts;
      entry.uses = uses;
      entry.candidates = candidates;
    }
    return entry;
  } catch (error) {
    // A failure here is our bug, not the user's; the file simply contributes nothing.
    const reason = error instanceof Error ? error.message : String(error);
    limits.logger.warn(`${fileName}: not indexed: internal error (${reason})`);
    return empty;
  }
}
