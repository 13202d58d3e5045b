import ts from "typescript";
import type { Binding, ClassInfo, Scope } from "./scope";

/** Small syntax helpers of the collecting walk, kept apart so the walk itself stays readable. */

const REQUIRE = "require";

export function declareImport(
  declaration: ts.ImportDeclaration,
  fileScope: Scope,
  declare: (target: Scope, name: string, binding: Binding) => void,
): void {
  if (!ts.isStringLiteral(declaration.moduleSpecifier) || !declaration.importClause) {
    return;
  }
  const module = declaration.moduleSpecifier.text;
  const clause = declaration.importClause;
  const declStart = declaration.pos;
  if (clause.name) {
    declare(fileScope, clause.name.text, { kind: "import", module, path: [], declStart });
  }
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) {
    declare(fileScope, bindings.name.text, { kind: "import", module, path: [], declStart });
  } else if (bindings) {
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text;
      const path = imported === "default" ? [] : [imported];
      declare(fileScope, element.name.text, { kind: "import", module, path, declStart });
    }
  }
}

/** `require("m")` or `require("m").a.b`, as a module and member path. */
export function requiredModule(
  expression: ts.Expression,
): { module: string; path: string[] } | undefined {
  const path: string[] = [];
  let current = expression;
  while (ts.isPropertyAccessExpression(current)) {
    path.unshift(current.name.text);
    current = current.expression;
  }
  if (
    ts.isCallExpression(current) &&
    ts.isIdentifier(current.expression) &&
    current.expression.text === REQUIRE &&
    current.arguments.length === 1 &&
    ts.isStringLiteralLike(current.arguments[0])
  ) {
    const filtered = path[0] === "default" ? path.slice(1) : path;
    return { module: current.arguments[0].text, path: filtered };
  }
  return undefined;
}

export function classMember(
  cls: ClassInfo,
  name: string,
): { type?: ts.TypeNode; initializers: ts.Expression[] } {
  let member = cls.members.get(name);
  if (!member) {
    member = { initializers: [] };
    cls.members.set(name, member);
  }
  return member;
}

export function bindingIdentifiers(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) {
    return [name.text];
  }
  return name.elements.flatMap((element) =>
    ts.isOmittedExpression(element) ? [] : bindingIdentifiers(element.name),
  );
}

/** The last name of `a.b.C` or `C`, the cheap filter applied during the walk. */
export function lastName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) {
    return expression.text;
  }
  if (ts.isPropertyAccessExpression(expression)) {
    return expression.name.text;
  }
  return undefined;
}

/** `messageHeader`, `result.messageHeader`, `header`: where the SDK returns the context. */
export function isHeaderExpression(expression: ts.Expression): boolean {
  const name = lastName(expression);
  return name !== undefined && /header$/i.test(name);
}

export function unwrapForReturn(expression: ts.Expression): ts.Expression {
  let current = expression;
  for (;;) {
    if (ts.isAwaitExpression(current) || ts.isParenthesizedExpression(current)) {
      current = current.expression;
    } else if (ts.isAsExpression(current) || ts.isNonNullExpression(current)) {
      current = current.expression;
    } else {
      return current;
    }
  }
}
