import * as ts from "typescript";
import { DEFAULT_CODE_STYLE, type CodeStyle } from "./render-code";
import { detectIndentUnit } from "./text-edit";

/**
 * Syntax lookups for placing a context in TypeScript/JavaScript: which object literal or call
 * the cursor is in, the names of its members, and how the file is formatted.
 */

export function objectAtOffset(
  source: ts.SourceFile,
  offset: number,
): ts.ObjectLiteralExpression | undefined {
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (offset < node.getStart(source) || offset > node.end) {
      return;
    }
    if (ts.isObjectLiteralExpression(node) && offset > node.getStart(source) && offset < node.end) {
      found = node;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The request argument of the innermost call with an object argument at the cursor: the last
 * object argument, which is the options of an Encryption SDK call and the request elsewhere.
 */
export function requestOfCallAt(
  source: ts.SourceFile,
  offset: number,
): ts.ObjectLiteralExpression | undefined {
  let call: ts.CallExpression | ts.NewExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (offset < node.getStart(source) || offset > node.end) {
      return;
    }
    if (
      (ts.isCallExpression(node) || ts.isNewExpression(node)) &&
      node.arguments?.some(ts.isObjectLiteralExpression)
    ) {
      call = node;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  // The assignment happens inside the closure, which control-flow narrowing does not see.
  const found = call as ts.CallExpression | ts.NewExpression | undefined;
  const objects: ts.ObjectLiteralExpression[] = [];
  for (const argument of found?.arguments ?? []) {
    if (ts.isObjectLiteralExpression(argument)) {
      objects.push(argument);
    }
  }
  return objects[objects.length - 1];
}

/** An Encryption SDK `encrypt(keyring, plaintext)` call at the cursor, which has no options yet. */
export function esdkCallWithoutOptions(
  source: ts.SourceFile,
  offset: number,
): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (offset < node.getStart(source) || offset > node.end) {
      return;
    }
    if (ts.isCallExpression(node) && node.arguments.length === 2) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : "";
      if (name === "encrypt" || name === "encryptStream") {
        found = node;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export function memberNameHoldingObject(object: ts.ObjectLiteralExpression): string | undefined {
  const parent = object.parent;
  return parent && ts.isPropertyAssignment(parent) && parent.initializer === object
    ? staticPropertyName(parent.name)
    : undefined;
}

export function findProperty(
  object: ts.ObjectLiteralExpression,
  name: string,
): ts.PropertyAssignment | undefined {
  return object.properties.find(
    (property): property is ts.PropertyAssignment =>
      ts.isPropertyAssignment(property) && staticPropertyName(property.name) === name,
  );
}

export function staticPropertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) {
    return name.expression.text;
  }
  return undefined;
}

export function lineOf(source: ts.SourceFile, offset: number): number {
  return source.getLineAndCharacterOfPosition(offset).line;
}

export function scriptKind(fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (lower.endsWith(".jsx")) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(lower)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/**
 * The file's quote style (the more common quote among string literals), indentation unit and
 * trailing-comma habit (taken from its multi-line object literals), so inserted code reads as
 * if the user wrote it.
 */
export function detectCodeStyle(text: string, source: ts.SourceFile): CodeStyle {
  let double = 0;
  let single = 0;
  let withTrailing = 0;
  let withoutTrailing = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node)) {
      if (text[node.getStart(source)] === "'") single++;
      else double++;
    } else if (ts.isObjectLiteralExpression(node) && node.properties.length > 0) {
      const last = node.properties[node.properties.length - 1];
      if (lineOf(source, last.end) !== lineOf(source, node.end)) {
        if (node.properties.hasTrailingComma) withTrailing++;
        else withoutTrailing++;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return {
    quote: single > double ? "'" : double > 0 ? '"' : DEFAULT_CODE_STYLE.quote,
    indentUnit: detectIndentUnit(text, DEFAULT_CODE_STYLE.indentUnit),
    trailingComma:
      withTrailing + withoutTrailing === 0
        ? DEFAULT_CODE_STYLE.trailingComma
        : withTrailing >= withoutTrailing,
  };
}
