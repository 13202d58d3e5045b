import type { DocumentKind } from "./types";

const TYPESCRIPT_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts"];
const JAVASCRIPT_EXTENSIONS = [".js", ".jsx", ".mjs", ".cjs"];
const JSON_EXTENSIONS = [".json", ".jsonc", ".json.tpl"];
const YAML_EXTENSIONS = [".yaml", ".yml"];

const LANGUAGE_IDS: Record<string, DocumentKind> = {
  typescript: "typescript",
  typescriptreact: "typescript",
  javascript: "javascript",
  javascriptreact: "javascript",
  json: "json",
  jsonc: "json",
  yaml: "yaml",
};

/** True for TypeScript declaration files, which hold no calls worth analysing. */
export function isDeclarationFile(fileName: string): boolean {
  return /\.d\.[cm]?ts$/i.test(fileName);
}

/**
 * Decides which parser a document goes to: the editor's language id first, then the file
 * extension, then a look at the content (for `.template` files and names given explicitly
 * to the CLI). Returns undefined when the document is none of the supported kinds.
 */
export function detectDocumentKind(
  fileName: string,
  text: string,
  languageId?: string,
): DocumentKind | undefined {
  if (languageId && LANGUAGE_IDS[languageId]) {
    return LANGUAGE_IDS[languageId];
  }

  const lower = fileName.toLowerCase();
  if (TYPESCRIPT_EXTENSIONS.some((extension) => lower.endsWith(extension))) {
    return "typescript";
  }
  if (JAVASCRIPT_EXTENSIONS.some((extension) => lower.endsWith(extension))) {
    return "javascript";
  }
  if (JSON_EXTENSIONS.some((extension) => lower.endsWith(extension))) {
    return "json";
  }
  if (YAML_EXTENSIONS.some((extension) => lower.endsWith(extension))) {
    return "yaml";
  }

  return sniffDocumentKind(text);
}

/** Guesses JSON or YAML from the first meaningful characters; other text is not ours. */
export function sniffDocumentKind(text: string): DocumentKind | undefined {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, "");
  const firstCharacter = head.trimStart().charAt(0);
  if (firstCharacter === "{" || firstCharacter === "[") {
    return "json";
  }
  if (/^\s*(AWSTemplateFormatVersion|Resources|Transform|Version|Statement)\s*:/m.test(head)) {
    return "yaml";
  }
  if (/^\s*(import|export|const|let|var|function|class|async|"use strict")\b/m.test(head)) {
    return "javascript";
  }
  return undefined;
}
