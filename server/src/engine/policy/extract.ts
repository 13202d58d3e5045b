import type { AnalyzedDocument } from "../rule-context";
import type { EngineLogger } from "../types";
import type { PolicyModel } from "./model";

/** Extracts every policy statement of a document, whatever format holds it. */
export function extractPolicyModel(
  _document: AnalyzedDocument,
  _logger: EngineLogger,
): PolicyModel {
  return { statements: [] };
}
