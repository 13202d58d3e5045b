import ts from "typescript";
import { unwrap } from "../code/resolve";
import type {
  ArgExpr,
  ContextExpr,
  EntryExpr,
  ImportBinding,
  KeyExpr,
  SymbolRef,
  ValueExpr,
} from "./types";

/**
 * What a reader knows around an expression: the module's imports and top-level names, and the
 * parameters and `const` locals of the function it sits in. Enough to tell a parameter from an
 * import from a local helper without a type checker.
 */
export interface Scope {
  sourceFile: ts.SourceFile;
  imports: Map<string, ImportBinding>;
  /** Names declared at the top level of the module. */
  topLevel: Set<string>;
  /** Parameters of the enclosing function, by name. */
  params: Map<string, number>;
  /** `const` locals of the enclosing function, by name. */
  locals: Map<string, ts.Expression>;
  /** Top-level `const` initialisers, to follow local aliases. */
  topLevelConsts: Map<string, ts.Expression>;
}

/** How deep one expression may chase `const` aliases before giving up (cycles, huge chains). */
const MAX_ALIAS_DEPTH = 8;

// The same unwrapping as the code extractor, so both read casts and parentheses alike.
export { unwrap };

/** The text of a property name when it is static (`a`, `"a"`, `1`), else undefined. */
export function staticPropertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) {
    return name.text;
  }
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name)) {
    return name.text;
  }
  if (ts.isNoSubstitutionTemplateLiteral(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name)) {
    const inner = unwrap(name.expression);
    if (ts.isStringLiteralLike(inner)) {
      return inner.text;
    }
  }
  return undefined;
}

/** `a.b.c` as a dotted path when the expression is only identifiers and property names. */
export function dottedPath(expression: ts.Expression): string | undefined {
  const inner = unwrap(expression);
  if (ts.isIdentifier(inner)) {
    return inner.text;
  }
  if (inner.kind === ts.SyntaxKind.ThisKeyword) {
    return "this";
  }
  if (ts.isPropertyAccessExpression(inner) || ts.isPropertyAccessChain(inner)) {
    const head = dottedPath(inner.expression);
    return head === undefined ? undefined : `${head}.${inner.name.text}`;
  }
  return undefined;
}

/** The name of the `process.env` variable an expression reads, if it reads one. */
export function envVariableName(expression: ts.Expression): string | undefined {
  const inner = unwrap(expression);
  if (ts.isBinaryExpression(inner)) {
    const operator = inner.operatorToken.kind;
    if (
      operator === ts.SyntaxKind.QuestionQuestionToken ||
      operator === ts.SyntaxKind.BarBarToken
    ) {
      return envVariableName(inner.left);
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(inner) && dottedPath(inner.expression) === "process.env") {
    return inner.name.text;
  }
  if (ts.isElementAccessExpression(inner) && dottedPath(inner.expression) === "process.env") {
    const argument = unwrap(inner.argumentExpression);
    return ts.isStringLiteralLike(argument) ? argument.text : undefined;
  }
  return undefined;
}

/** A reference to a name, in this module or imported. Undefined for an unknown global. */
export function symbolFor(name: string, scope: Scope, member?: string): SymbolRef | undefined {
  const binding = scope.imports.get(name);
  if (binding) {
    if (binding.imported === "*") {
      return member === undefined
        ? undefined
        : { kind: "import", specifier: binding.specifier, imported: member };
    }
    return { kind: "import", specifier: binding.specifier, imported: binding.imported, member };
  }
  if (scope.topLevel.has(name)) {
    return { kind: "local", name, member };
  }
  return undefined;
}

function spanOf(node: ts.Node, scope: Scope): { start: number; end: number } {
  return { start: node.getStart(scope.sourceFile), end: node.getEnd() };
}

/** Reads an expression used as an encryption context. */
export function readContextExpr(expression: ts.Expression, scope: Scope, depth = 0): ContextExpr {
  const node = unwrap(expression);
  const span = spanOf(node, scope);

  if (depth > MAX_ALIAS_DEPTH) {
    return { kind: "unknown", reason: "too many indirections", ...span };
  }
  if (ts.isObjectLiteralExpression(node)) {
    return readObjectLiteral(node, scope, depth);
  }
  if (ts.isIdentifier(node)) {
    return readIdentifierContext(node, scope, depth);
  }
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
    const ref = symbolFor(node.expression.text, scope, node.name.text);
    if (ref) {
      return { kind: "symbol", ref, ...span };
    }
  }
  if (ts.isCallExpression(node)) {
    const callee = calleeSymbol(node.expression, scope);
    if (callee) {
      const args = node.arguments.map((argument) => readArgument(argument, scope, depth + 1));
      return { kind: "call", callee, args, ...span };
    }
  }
  return { kind: "unknown", reason: "an expression the analysis cannot follow", ...span };
}

function readIdentifierContext(node: ts.Identifier, scope: Scope, depth: number): ContextExpr {
  const span = spanOf(node, scope);
  const name = node.text;

  if (name === "undefined") {
    return { kind: "absent" };
  }
  const param = scope.params.get(name);
  if (param !== undefined) {
    return { kind: "param", index: param, name, ...span };
  }
  const local = scope.locals.get(name);
  if (local) {
    return readContextExpr(local, scope, depth + 1);
  }
  const ref = symbolFor(name, scope);
  if (ref) {
    return { kind: "symbol", ref, ...span };
  }
  return { kind: "unknown", reason: `\`${name}\` is not declared in this module`, ...span };
}

/** The helper a call names: `contextFor(...)`, `contexts.forTenant(...)`. */
export function calleeSymbol(callee: ts.Expression, scope: Scope): SymbolRef | undefined {
  const node = unwrap(callee);
  if (ts.isIdentifier(node)) {
    return symbolFor(node.text, scope);
  }
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
    return symbolFor(node.expression.text, scope, node.name.text);
  }
  return undefined;
}

function readObjectLiteral(
  node: ts.ObjectLiteralExpression,
  scope: Scope,
  depth: number,
): ContextExpr {
  const entries: EntryExpr[] = [];
  const spreads: ContextExpr[] = [];
  let complete = true;

  for (const property of node.properties) {
    if (ts.isPropertyAssignment(property)) {
      const key = staticPropertyName(property.name);
      if (key === undefined) {
        complete = false;
      }
      entries.push({
        key,
        keySpan: spanOf(property.name, scope),
        value: readValueExpr(property.initializer, scope, depth + 1),
        valueSpan: spanOf(property.initializer, scope),
      });
    } else if (ts.isShorthandPropertyAssignment(property)) {
      const span = spanOf(property.name, scope);
      entries.push({
        key: property.name.text,
        keySpan: span,
        value: readValueExpr(property.name, scope, depth + 1),
        valueSpan: span,
      });
    } else if (ts.isSpreadAssignment(property)) {
      spreads.push(readContextExpr(property.expression, scope, depth + 1));
    } else {
      // Methods and accessors have no place in a context; the key set is no longer plain.
      complete = false;
    }
  }

  return { kind: "object", entries, spreads, complete, ...spanOf(node, scope) };
}

/** Reads an expression used as a context value (or any plain value passed to a helper). */
export function readValueExpr(expression: ts.Expression, scope: Scope, depth = 0): ValueExpr {
  const node = unwrap(expression);
  const text = node.getText(scope.sourceFile);

  if (ts.isStringLiteralLike(node)) {
    return { kind: "string", value: node.text };
  }
  if (
    ts.isNumericLiteral(node) ||
    ts.isBigIntLiteral(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword ||
    ts.isArrayLiteralExpression(node)
  ) {
    return { kind: "other", text, nonString: true };
  }
  if (ts.isObjectLiteralExpression(node)) {
    const object = depth < MAX_ALIAS_DEPTH ? readContextExpr(node, scope, depth + 1) : undefined;
    return { kind: "other", text, nonString: true, object };
  }

  const path = dottedPath(node);
  if (path !== undefined) {
    const root = path.split(".")[0];
    const param = scope.params.get(root);
    if (param !== undefined) {
      return { kind: "param", index: param, name: root, path };
    }
    const local = root === path ? scope.locals.get(root) : undefined;
    if (local && depth < MAX_ALIAS_DEPTH) {
      const aliased = readValueExpr(local, scope, depth + 1);
      return aliased.kind === "string" ? aliased : { ...aliased, path: aliased.path ?? path };
    }
    const topLevel = root === path ? scope.topLevelConsts.get(root) : undefined;
    if (topLevel && ts.isStringLiteralLike(unwrap(topLevel))) {
      return { kind: "string", value: (unwrap(topLevel) as ts.StringLiteralLike).text };
    }
  }
  return { kind: "other", text, path };
}

/** Reads the expression naming a KMS key (`KeyId`, `generatorKeyId`). */
export function readKeyExpr(expression: ts.Expression, scope: Scope, depth = 0): KeyExpr {
  const node = unwrap(expression);

  if (ts.isStringLiteralLike(node)) {
    return { kind: "literal", value: node.text };
  }
  const env = envVariableName(node);
  if (env !== undefined) {
    return { kind: "env", name: env };
  }
  if (ts.isIdentifier(node)) {
    const param = scope.params.get(node.text);
    if (param !== undefined) {
      return { kind: "param", index: param, name: node.text };
    }
    const local = scope.locals.get(node.text) ?? scope.topLevelConsts.get(node.text);
    if (local && depth < MAX_ALIAS_DEPTH && !scope.imports.has(node.text)) {
      const aliased = readKeyExpr(local, scope, depth + 1);
      if (aliased.kind !== "unknown") {
        return aliased;
      }
    }
    const ref = symbolFor(node.text, scope);
    return ref ? { kind: "symbol", ref } : { kind: "unknown" };
  }
  if (ts.isPropertyAccessExpression(node)) {
    if (node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      return { kind: "member", name: node.name.text };
    }
    if (ts.isIdentifier(node.expression)) {
      const ref = symbolFor(node.expression.text, scope, node.name.text);
      if (ref) {
        return { kind: "symbol", ref };
      }
    }
  }
  if (ts.isNewExpression(node)) {
    return readKeyringKey(node, scope, depth);
  }
  return { kind: "unknown" };
}

/** The key of an Encryption SDK keyring: `new KmsKeyringNode({ generatorKeyId })`. */
export function readKeyringKey(node: ts.NewExpression, scope: Scope, depth: number): KeyExpr {
  const options = node.arguments?.[0];
  if (!options) {
    return { kind: "unknown" };
  }
  const member = objectMember(options, "generatorKeyId", scope);
  if (member) {
    return readKeyExpr(member, scope, depth + 1);
  }
  const keyIds = objectMember(options, "keyIds", scope);
  const first =
    keyIds && ts.isArrayLiteralExpression(unwrap(keyIds))
      ? (unwrap(keyIds) as ts.ArrayLiteralExpression).elements[0]
      : undefined;
  return first ? readKeyExpr(first, scope, depth + 1) : { kind: "unknown" };
}

/**
 * The initialiser of member `name` in an object literal (following one `const` alias), or
 * undefined when the member is not written there.
 */
export function objectMember(
  expression: ts.Expression,
  name: string,
  scope: Scope,
): ts.Expression | undefined {
  const object = resolveObjectLiteral(expression, scope);
  if (!object) {
    return undefined;
  }
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && staticPropertyName(property.name) === name) {
      return property.initializer;
    }
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) {
      return property.name;
    }
  }
  for (const property of object.properties) {
    if (ts.isSpreadAssignment(property)) {
      const spread = objectMember(property.expression, name, scope);
      if (spread) {
        return spread;
      }
    }
  }
  return undefined;
}

/** The object literal an expression stands for, through `const` aliases in this module. */
export function resolveObjectLiteral(
  expression: ts.Expression,
  scope: Scope,
  depth = 0,
): ts.ObjectLiteralExpression | undefined {
  const node = unwrap(expression);
  if (ts.isObjectLiteralExpression(node)) {
    return node;
  }
  if (ts.isIdentifier(node) && depth < MAX_ALIAS_DEPTH) {
    const local = scope.locals.get(node.text) ?? scope.topLevelConsts.get(node.text);
    return local ? resolveObjectLiteral(local, scope, depth + 1) : undefined;
  }
  return undefined;
}

/** Whether an object literal (through aliases) has a spread the reader cannot see into. */
export function hasOpaqueSpread(expression: ts.Expression, scope: Scope): boolean {
  const object = resolveObjectLiteral(expression, scope);
  if (!object) {
    return true;
  }
  return object.properties.some(
    (property) => ts.isSpreadAssignment(property) && hasOpaqueSpread(property.expression, scope),
  );
}

/** Reads one argument of a helper or wrapper call, both as a context and as a value. */
export function readArgument(argument: ts.Expression, scope: Scope, depth = 0): ArgExpr {
  return {
    ...spanOf(unwrap(argument), scope),
    context: readContextExpr(argument, scope, depth),
    value: readValueExpr(argument, scope, depth),
    key: readKeyExpr(argument, scope, depth),
  };
}
