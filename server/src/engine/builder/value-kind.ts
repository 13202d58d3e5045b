import * as ts from "typescript";

/**
 * What a value written as code evaluates to, as far as its syntax shows. Used to warn about
 * context values that are not strings (KMS005) and to find property paths such as `user.email`
 * that the sensitive-data check inspects.
 */
export type ExpressionShape =
  | { kind: "string" }
  | { kind: "number" | "boolean" | "null" | "undefined" | "bigint"; literal: string }
  | { kind: "object" | "array" | "date" | "function" }
  /** A name or property path; its type is unknown, so it is given the benefit of the doubt. */
  | { kind: "path"; path: string }
  | { kind: "unknown" };

/** Classifies one expression's source text; never throws, whatever the text. */
export function classifyExpression(text: string): ExpressionShape {
  const source = ts.createSourceFile("value.ts", `(${text});`, ts.ScriptTarget.Latest, false);
  const statement = source.statements[0];
  if (
    source.statements.length !== 1 ||
    !statement ||
    !ts.isExpressionStatement(statement) ||
    !ts.isParenthesizedExpression(statement.expression) ||
    (source as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length
  ) {
    return { kind: "unknown" };
  }
  return classifyNode(statement.expression.expression);
}

function classifyNode(node: ts.Expression): ExpressionShape {
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isSatisfiesExpression(node)
  ) {
    node = node.expression;
  }

  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return { kind: "string" };
  }
  if (ts.isTemplateExpression(node)) {
    return { kind: "string" };
  }
  if (ts.isNumericLiteral(node)) {
    return { kind: "number", literal: node.text };
  }
  if (
    ts.isPrefixUnaryExpression(node) &&
    node.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(node.operand)
  ) {
    return { kind: "number", literal: `-${node.operand.text}` };
  }
  if (ts.isBigIntLiteral(node)) {
    return { kind: "bigint", literal: node.text.replace(/n$/, "") };
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
    return { kind: "boolean", literal: node.kind === ts.SyntaxKind.TrueKeyword ? "true" : "false" };
  }
  if (node.kind === ts.SyntaxKind.NullKeyword) {
    return { kind: "null", literal: "null" };
  }
  if (ts.isIdentifier(node) && node.text === "undefined") {
    return { kind: "undefined", literal: "undefined" };
  }
  if (ts.isObjectLiteralExpression(node)) {
    return { kind: "object" };
  }
  if (ts.isArrayLiteralExpression(node)) {
    return { kind: "array" };
  }
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    return { kind: "function" };
  }
  if (isDateExpression(node)) {
    return { kind: "date" };
  }
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
    // String(x) is the usual way to make a value a string; anything else is unknown.
    return node.expression.text === "String" ? { kind: "string" } : { kind: "unknown" };
  }
  const path = propertyPath(node);
  return path ? { kind: "path", path } : { kind: "unknown" };
}

function isDateExpression(node: ts.Expression): boolean {
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
    return node.expression.text === "Date";
  }
  // Date.now() is a number; treating it as a date gives the same advice (make it a string).
  return (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    ts.isIdentifier(node.expression.expression) &&
    node.expression.expression.text === "Date" &&
    node.expression.name.text === "now"
  );
}

function propertyPath(node: ts.Expression): string | undefined {
  if (ts.isIdentifier(node)) {
    return node.text;
  }
  if (node.kind === ts.SyntaxKind.ThisKeyword) {
    return "this";
  }
  if (ts.isPropertyAccessExpression(node)) {
    const base = propertyPath(node.expression);
    return base ? `${base}.${node.name.text}` : undefined;
  }
  return undefined;
}
