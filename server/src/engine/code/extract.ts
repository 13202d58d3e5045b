import type { AnalyzedDocument } from "../rule-context";
import type { CodeModel } from "./model";

/** Extracts the KMS model of a TypeScript/JavaScript document. */
export function extractCodeModel(_document: AnalyzedDocument): CodeModel {
  return { kmsCalls: [], esdkCalls: [], s3Calls: [], cdkGrants: [] };
}
