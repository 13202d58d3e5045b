import ts from "typescript";
import type { Scope } from "./ast-expressions";

// What a function body declares and returns, read without entering expressions or nested
// functions: the scope the module and use readers give to a function's own code.

/** The scope inside a function: its parameters and its `const` locals. */
export function functionScopeFor(node: ts.SignatureDeclaration, outer: Scope): Scope {
  const params = new Map<string, number>();
  node.parameters.forEach((parameter, index) => {
    if (ts.isIdentifier(parameter.name)) {
      params.set(parameter.name.text, index);
    }
  });
  const locals = new Map<string, ts.Expression>();
  const body = (node as ts.FunctionLikeDeclarationBase).body;
  if (body) {
    collectLocals(body, locals);
  }
  return { ...outer, params, locals };
}

/**
 * `const` declarations in a function body, not descending into nested functions. Declarations
 * are statements, and statements only sit inside other statements (or a function or class,
 * which this leaves alone), so the walk never enters an expression.
 */
export function collectLocals(node: ts.Node, locals: Map<string, ts.Expression>): void {
  ts.forEachChild(node, (child) => {
    if (ts.isVariableDeclarationList(child) && (child.flags & ts.NodeFlags.Const) !== 0) {
      for (const declaration of child.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer) {
          locals.set(declaration.name.text, declaration.initializer);
        }
      }
    } else if (mayHoldStatements(child)) {
      collectLocals(child, locals);
    }
  });
}

/**
 * Whether a node can have statements below it without a function or class in between: a block
 * or a statement that holds other statements. Expressions cannot, nor can declarations of
 * functions and classes (whose bodies are another scope).
 */
function mayHoldStatements(node: ts.Node): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.Block:
    case ts.SyntaxKind.VariableStatement:
    case ts.SyntaxKind.IfStatement:
    case ts.SyntaxKind.DoStatement:
    case ts.SyntaxKind.WhileStatement:
    case ts.SyntaxKind.ForStatement:
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.ForOfStatement:
    case ts.SyntaxKind.LabeledStatement:
    case ts.SyntaxKind.TryStatement:
    case ts.SyntaxKind.CatchClause:
    case ts.SyntaxKind.SwitchStatement:
    case ts.SyntaxKind.CaseBlock:
    case ts.SyntaxKind.CaseClause:
    case ts.SyntaxKind.DefaultClause:
    case ts.SyntaxKind.WithStatement:
    case ts.SyntaxKind.ModuleDeclaration:
    case ts.SyntaxKind.ModuleBlock:
      return true;
    default:
      return false;
  }
}

/** The expression a function returns: its expression body or its first `return` value. */
export function returnedExpression(
  node: ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression,
): ts.Expression | undefined {
  if (!node.body) {
    return undefined;
  }
  if (!ts.isBlock(node.body)) {
    return node.body;
  }
  let found: ts.Expression | undefined;
  const visit = (child: ts.Node): void => {
    if (found) {
      return;
    }
    if (ts.isReturnStatement(child) && child.expression) {
      found = child.expression;
      return;
    }
    // A `return` is a statement, so only statements that hold statements can lead to one.
    if (mayHoldStatements(child)) {
      ts.forEachChild(child, visit);
    }
  };
  ts.forEachChild(node.body, visit);
  return found;
}
