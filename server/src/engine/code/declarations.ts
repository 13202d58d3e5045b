import ts from "typescript";
import type { Binding, Scope } from "./scope";
import { requiredModule } from "./syntax-helpers";

/** Records a binding in a scope; the walk's version also tracks aliased command classes. */
export type Declare = (target: Scope, name: string, binding: Binding) => void;

/**
 * Declares the names a variable, parameter or catch clause introduces. Destructuring keeps the
 * property path it takes from the initializer (`const { encrypt } = buildClient()`), and a
 * `require("module")` initializer turns the names into imports of that module.
 */
export function declareBindingName(
  declare: Declare,
  name: ts.BindingName,
  target: Scope,
  constant: boolean,
  initializer: ts.Expression | undefined,
  type: ts.TypeNode | undefined,
  declaredAt: number,
  path: string[] = [],
): void {
  // A variable is usable after its declaration, not inside its own initializer.
  const declStart = declaredAt;
  if (ts.isIdentifier(name)) {
    if (path.length > 0 && initializer) {
      const required = requiredModule(initializer);
      declare(
        target,
        name.text,
        required !== undefined
          ? {
              kind: "import",
              module: required.module,
              path: [...required.path, ...path],
              declStart,
            }
          : { kind: "destructured", path, source: initializer, scope: target, declStart },
      );
      return;
    }
    const required = initializer ? requiredModule(initializer) : undefined;
    declare(
      target,
      name.text,
      required !== undefined
        ? { kind: "import", module: required.module, path: required.path, declStart }
        : {
            kind: "variable",
            constant,
            initializer,
            type,
            assignments: [],
            scope: target,
            declStart,
          },
    );
    return;
  }
  for (const element of name.elements) {
    if (ts.isOmittedExpression(element)) {
      continue;
    }
    if (ts.isObjectBindingPattern(name)) {
      const property = element.propertyName ?? element.name;
      const key =
        ts.isIdentifier(property) || ts.isStringLiteral(property) ? property.text : undefined;
      if (key !== undefined && !element.dotDotDotToken) {
        declareBindingName(
          declare,
          element.name,
          target,
          constant,
          initializer,
          undefined,
          declaredAt,
          [...path, key],
        );
        continue;
      }
    }
    declareBindingName(declare, element.name, target, constant, undefined, undefined, declaredAt);
  }
}
