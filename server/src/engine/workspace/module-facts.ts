import ts from "typescript";
import {
  calleeSymbol,
  envVariableName,
  readContextExpr,
  readKeyringKey,
  staticPropertyName,
  symbolFor,
  unwrap,
  type Scope,
} from "./ast-expressions";
import { functionScopeFor, returnedExpression } from "./function-scope";
import type { ContextExpr, ExportedValue, ImportBinding, ModuleFacts } from "./types";

/**
 * Reads what a module declares at its top level and what it imports: the facts other modules
 * need to resolve an imported context, helper, key or wrapper class. Only the top level is
 * read; function bodies are left to the use reader.
 */
export function readModuleFacts(sourceFile: ts.SourceFile): { facts: ModuleFacts; scope: Scope } {
  const imports = new Map<string, ImportBinding>();
  const topLevel = new Set<string>();
  const topLevelConsts = new Map<string, ts.Expression>();
  collectBindings(sourceFile, imports, topLevel, topLevelConsts);

  const scope: Scope = {
    sourceFile,
    imports,
    topLevel,
    params: new Map(),
    locals: new Map(),
    topLevelConsts,
  };
  const facts: ModuleFacts = {
    imports,
    declarations: new Map(),
    exports: new Map(),
    starExports: [],
  };

  for (const statement of sourceFile.statements) {
    readTopLevelStatement(statement, scope, facts);
  }
  return { facts, scope };
}

/** First pass: every top-level name and import, so the second pass can classify references. */
function collectBindings(
  sourceFile: ts.SourceFile,
  imports: Map<string, ImportBinding>,
  topLevel: Set<string>,
  topLevelConsts: Map<string, ts.Expression>,
): void {
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const specifier = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (clause?.name) {
        imports.set(clause.name.text, { specifier, imported: "default" });
      }
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) {
        imports.set(bindings.name.text, { specifier, imported: "*" });
      } else if (bindings) {
        for (const element of bindings.elements) {
          const imported = (element.propertyName ?? element.name).text;
          imports.set(element.name.text, { specifier, imported });
        }
      }
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        collectVariable(declaration, statement, imports, topLevel, topLevelConsts);
      }
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) &&
      statement.name
    ) {
      topLevel.add(statement.name.text);
    }
  }
}

function collectVariable(
  declaration: ts.VariableDeclaration,
  statement: ts.VariableStatement,
  imports: Map<string, ImportBinding>,
  topLevel: Set<string>,
  topLevelConsts: Map<string, ts.Expression>,
): void {
  const specifier = declaration.initializer && requireSpecifier(declaration.initializer);
  if (specifier !== undefined && ts.isIdentifier(declaration.name)) {
    imports.set(declaration.name.text, { specifier, imported: "*" });
    return;
  }
  if (specifier !== undefined && ts.isObjectBindingPattern(declaration.name)) {
    for (const element of declaration.name.elements) {
      if (ts.isIdentifier(element.name)) {
        const imported = element.propertyName
          ? staticPropertyName(element.propertyName)
          : element.name.text;
        imports.set(element.name.text, { specifier, imported: imported ?? element.name.text });
      }
    }
    return;
  }
  if (ts.isIdentifier(declaration.name)) {
    topLevel.add(declaration.name.text);
    const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
    if (isConst && declaration.initializer) {
      topLevelConsts.set(declaration.name.text, declaration.initializer);
    }
  }
}

/** The module a `require("...")` call loads. */
function requireSpecifier(expression: ts.Expression): string | undefined {
  const node = unwrap(expression);
  if (
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === "require" &&
    node.arguments.length === 1 &&
    ts.isStringLiteralLike(node.arguments[0])
  ) {
    return node.arguments[0].text;
  }
  return undefined;
}

function hasExportModifier(node: ts.Node): boolean {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false;
}

function hasDefaultModifier(node: ts.Node): boolean {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword) ?? false;
}

function readTopLevelStatement(statement: ts.Statement, scope: Scope, facts: ModuleFacts): void {
  const span = { start: statement.getStart(scope.sourceFile), end: statement.getEnd() };

  if (ts.isVariableStatement(statement)) {
    const exported = hasExportModifier(statement);
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer) {
        continue;
      }
      const name = declaration.name.text;
      const value = classifyInitializer(declaration.initializer, scope, {
        start: declaration.getStart(scope.sourceFile),
        end: declaration.getEnd(),
      });
      if (value) {
        facts.declarations.set(name, value);
      }
      if (exported) {
        facts.exports.set(name, name);
      }
    }
    return;
  }

  if (ts.isFunctionDeclaration(statement) && statement.name) {
    const name = statement.name.text;
    facts.declarations.set(name, readFunctionLike(statement, scope, span));
    exportDeclared(statement, name, facts);
    return;
  }

  if (ts.isClassDeclaration(statement) && statement.name) {
    const name = statement.name.text;
    facts.declarations.set(name, { kind: "class", span });
    exportDeclared(statement, name, facts);
    return;
  }

  if (ts.isExportDeclaration(statement)) {
    readExportDeclaration(statement, scope, facts, span);
    return;
  }

  if (ts.isExportAssignment(statement)) {
    const target = unwrap(statement.expression);
    if (ts.isIdentifier(target)) {
      facts.exports.set("default", target.text);
    } else {
      const value = classifyInitializer(target, scope, span);
      if (value) {
        facts.declarations.set("default", value);
        facts.exports.set("default", "default");
      }
    }
    return;
  }

  if (ts.isExpressionStatement(statement)) {
    readCommonJsExport(statement.expression, scope, facts, span);
  }
}

function exportDeclared(
  statement: ts.FunctionDeclaration | ts.ClassDeclaration,
  name: string,
  facts: ModuleFacts,
): void {
  if (hasExportModifier(statement)) {
    facts.exports.set(hasDefaultModifier(statement) ? "default" : name, name);
  }
}

function readExportDeclaration(
  statement: ts.ExportDeclaration,
  scope: Scope,
  facts: ModuleFacts,
  span: { start: number; end: number },
): void {
  const from =
    statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
      ? statement.moduleSpecifier.text
      : undefined;
  const clause = statement.exportClause;

  if (!clause) {
    if (from !== undefined) {
      facts.starExports.push(from);
    }
    return;
  }
  if (!ts.isNamedExports(clause)) {
    return;
  }
  for (const element of clause.elements) {
    const local = (element.propertyName ?? element.name).text;
    const exported = element.name.text;
    if (from !== undefined) {
      // A re-export gets a synthetic local name so lookups stay one map away.
      const synthetic = `\u0000reexport:${exported}`;
      facts.declarations.set(synthetic, {
        kind: "reexport",
        ref: { kind: "import", specifier: from, imported: local },
        span,
      });
      facts.exports.set(exported, synthetic);
    } else {
      facts.exports.set(exported, local);
      const binding = scope.imports.get(local);
      if (binding && !facts.declarations.has(local)) {
        facts.declarations.set(local, {
          kind: "reexport",
          ref: { kind: "import", specifier: binding.specifier, imported: binding.imported },
          span,
        });
      }
    }
  }
}

/** `module.exports = { a, b }`, `module.exports = x`, `exports.a = ...`. */
function readCommonJsExport(
  expression: ts.Expression,
  scope: Scope,
  facts: ModuleFacts,
  span: { start: number; end: number },
): void {
  if (
    !ts.isBinaryExpression(expression) ||
    expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken
  ) {
    return;
  }
  const target = dottedTarget(expression.left);
  const value = unwrap(expression.right);

  if (target === "module.exports" && ts.isObjectLiteralExpression(value)) {
    for (const property of value.properties) {
      if (ts.isShorthandPropertyAssignment(property)) {
        facts.exports.set(property.name.text, property.name.text);
      } else if (ts.isPropertyAssignment(property)) {
        const name = staticPropertyName(property.name);
        const initializer = unwrap(property.initializer);
        if (name !== undefined && ts.isIdentifier(initializer)) {
          facts.exports.set(name, initializer.text);
        }
      }
    }
    return;
  }
  if (target === "module.exports" && ts.isIdentifier(value)) {
    facts.exports.set("default", value.text);
    return;
  }
  const named = target?.match(/^(?:module\.)?exports\.([\w$]+)$/);
  if (named) {
    if (ts.isIdentifier(value)) {
      facts.exports.set(named[1], value.text);
      return;
    }
    const classified = classifyInitializer(value, scope, span);
    if (classified) {
      facts.declarations.set(named[1], classified);
      facts.exports.set(named[1], named[1]);
    }
  }
}

function dottedTarget(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) {
    return expression.text;
  }
  if (ts.isPropertyAccessExpression(expression)) {
    const head = dottedTarget(expression.expression);
    return head === undefined ? undefined : `${head}.${expression.name.text}`;
  }
  return undefined;
}

/** What a top-level initialiser declares, when it is something the index can use. */
function classifyInitializer(
  initializer: ts.Expression,
  scope: Scope,
  span: { start: number; end: number },
): ExportedValue | undefined {
  const node = unwrap(initializer);

  if (ts.isObjectLiteralExpression(node) || ts.isCallExpression(node)) {
    const context = readContextExpr(node, scope);
    return context.kind === "unknown" ? undefined : { kind: "context", context, span };
  }
  if (ts.isStringLiteralLike(node)) {
    return { kind: "key", key: { kind: "literal", value: node.text }, span };
  }
  const env = envVariableName(node);
  if (env !== undefined) {
    return { kind: "key", key: { kind: "env", name: env }, span };
  }
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    return readFunctionLike(node, scope, span);
  }
  if (ts.isNewExpression(node)) {
    const className = calleeSymbol(node.expression, scope);
    const classText = node.expression.getText(scope.sourceFile);
    if (/Keyring/.test(classText)) {
      return { kind: "key", key: readKeyringKey(node, scope, 0), span };
    }
    return className ? { kind: "instance", className, span } : undefined;
  }
  if (ts.isIdentifier(node)) {
    const ref = symbolFor(node.text, scope);
    return ref ? { kind: "reexport", ref, span } : undefined;
  }
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
    const ref = symbolFor(node.expression.text, scope, node.name.text);
    return ref ? { kind: "reexport", ref, span } : undefined;
  }
  return undefined;
}

/** A function's parameters and, when it returns a context-like value, what it returns. */
function readFunctionLike(
  node: ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression,
  scope: Scope,
  span: { start: number; end: number },
): ExportedValue {
  const params = node.parameters.map((parameter) =>
    ts.isIdentifier(parameter.name) ? parameter.name.text : "",
  );
  const functionScope = functionScopeFor(node, scope);
  const returned = returnedExpression(node);
  const returns: ContextExpr = returned
    ? readContextExpr(returned, functionScope)
    : { kind: "unknown", reason: "returns nothing the analysis can read" };
  return { kind: "helper", params, returns, span };
}
