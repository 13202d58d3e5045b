import { parseAllDocuments } from "yaml";
import type { AnalyzedDocument } from "../rule-context";
import type { EngineLogger } from "../types";
import { sourceFileOf } from "../code/source-file";
import { extractCdkStatements } from "./cdk";
import { readDocumentPolicies } from "./documents";
import type { PolicyModel, PolicyStatement } from "./model";
import { parseJsonTree } from "./json-tree";
import { fromYamlNode } from "./tree";
import { CLOUDFORMATION_TAGS } from "./yaml-tags";

/** Extracts every policy statement of a document, whatever format holds it. */
export function extractPolicyModel(document: AnalyzedDocument, logger: EngineLogger): PolicyModel {
  switch (document.kind) {
    case "json":
      return { statements: extractJson(document.text) };
    case "yaml":
      return { statements: extractYaml(document.text, document.fileName, logger) };
    case "typescript":
    case "javascript":
      // The KMS call extractor has usually parsed this text already; share its tree.
      return {
        statements: extractCdkStatements(document.fileName, document.text, () =>
          sourceFileOf(document),
        ),
      };
    default:
      return { statements: [] };
  }
}

/**
 * Parses JSON (with comments and trailing commas tolerated). A document with syntax errors,
 * e.g. a `.json.tpl` with an unquoted `${var}`, still yields the statements jsonc-parser can
 * recover; the broken parts become unknown values so they never produce a finding.
 */
function extractJson(text: string): PolicyStatement[] {
  const tree = parseJsonTree(text);
  if (!tree) {
    return [];
  }
  const statements: PolicyStatement[] = [];
  readDocumentPolicies(tree, "json", text, statements);
  return statements;
}

/**
 * Parses YAML with the CloudFormation tags. Alias bombs cannot blow up here: the `yaml` library
 * only expands aliases when a document is converted to plain data (`toJS`, where its
 * `maxAliasCount` applies), and the extractor never converts; it reads an alias node as an
 * unknown value instead of following it.
 */
function extractYaml(text: string, fileName: string, logger: EngineLogger): PolicyStatement[] {
  const documents = parseAllDocuments(text, {
    customTags: CLOUDFORMATION_TAGS,
    prettyErrors: false,
    uniqueKeys: false,
    keepSourceTokens: false,
  });
  if (!Array.isArray(documents)) {
    return [];
  }

  const statements: PolicyStatement[] = [];
  for (const document of documents) {
    const found: PolicyStatement[] = [];
    const start = document.range?.[0] ?? 0;
    readDocumentPolicies(fromYamlNode(document.contents, start, text), "yaml", text, found);
    if (document.errors.length === 0) {
      statements.push(...found);
      continue;
    }
    logger.warn(`${fileName}: YAML errors; statements near them are skipped`);
    statements.push(
      ...withoutBrokenStatements(
        found,
        document.errors.map((error) => error.pos[0]),
        document.range?.[2] ?? text.length,
      ),
    );
  }
  return statements;
}

/**
 * Drops every statement that a YAML error could have changed: an error anywhere from a
 * statement's start up to the next statement's start may have moved its members elsewhere
 * (a mis-indented `Condition`), so reading it would invent findings.
 */
function withoutBrokenStatements(
  statements: PolicyStatement[],
  errorOffsets: number[],
  documentEnd: number,
): PolicyStatement[] {
  const sorted = [...statements].sort((a, b) => a.start - b.start);
  return sorted.filter((statement, index) => {
    const limit = index + 1 < sorted.length ? sorted[index + 1].start : documentEnd;
    return !errorOffsets.some((offset) => offset >= statement.start && offset < limit);
  });
}
