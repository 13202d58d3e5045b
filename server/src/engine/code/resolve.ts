import ts from "typescript";
import type { Collected } from "./collect";
import { requiredModule } from "./syntax-helpers";
import { CDK_KEY_FACTORIES, classifyEntity, isCdkKeyClass, type Origin } from "./known-apis";
import type { ClassInfo, Scope } from "./scope";

/** Where a name is looked up: the scope of the expression and its enclosing class. */
export interface Place {
  scope: Scope;
  cls: ClassInfo | undefined;
}

/** Alias chains and initializer chains longer than this are given up as unknown. */
const MAX_DEPTH = 8;

/** Strips parentheses, casts, `satisfies` and non-null assertions, which change no value. */
export function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isTypeAssertionExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/**
 * Follows a name or member chain to the module member it denotes: `AWS.KMS` with
 * `import AWS from "aws-sdk"` is `aws-sdk` / `["KMS"]`.
 */
export function resolveEntity(
  node: ts.Expression | ts.EntityName,
  place: Place,
  depth = 0,
): { module: string; path: string[] } | undefined {
  if (depth > MAX_DEPTH) {
    return undefined;
  }
  if (ts.isIdentifier(node)) {
    const binding = place.scope.lookup(node.text);
    if (binding?.kind === "import") {
      return { module: binding.module, path: binding.path };
    }
    if (binding?.kind === "variable" && binding.constant && binding.initializer) {
      return resolveEntity(binding.initializer, { ...place, scope: binding.scope }, depth + 1);
    }
    if (binding?.kind === "destructured") {
      const source = resolveEntity(binding.source, { ...place, scope: binding.scope }, depth + 1);
      return source && { module: source.module, path: [...source.path, ...binding.path] };
    }
    return undefined;
  }
  if (ts.isQualifiedName(node)) {
    const left = resolveEntity(node.left, place, depth + 1);
    return left && { module: left.module, path: [...left.path, node.right.text] };
  }
  const expression = unwrap(node as ts.Expression);
  if (ts.isPropertyAccessExpression(expression)) {
    const required = requiredModule(expression);
    if (required) {
      return required;
    }
    const left = resolveEntity(expression.expression, place, depth + 1);
    return left && { module: left.module, path: [...left.path, expression.name.text] };
  }
  if (ts.isCallExpression(expression)) {
    return requiredModule(expression);
  }
  return expression === node ? undefined : resolveEntity(expression, place, depth + 1);
}

/**
 * Decides what an expression holds when the file shows it: a `new` of a known class, a known
 * factory call, or a variable, parameter, class field or property declared or typed as one.
 */
export function originOf(
  node: ts.Expression,
  place: Place,
  collected: Collected,
  depth = 0,
): Origin | undefined {
  if (depth > MAX_DEPTH) {
    return undefined;
  }
  const expression = unwrap(node);

  if (ts.isNewExpression(expression)) {
    return constructedOrigin(resolveEntity(expression.expression, place));
  }

  if (ts.isCallExpression(expression)) {
    const callee = unwrap(expression.expression);
    const entity = resolveEntity(callee, place);
    if (entity && classifyEntity(entity.module, entity.path) === "esdk-build-client") {
      return "esdk-client";
    }
    if (ts.isPropertyAccessExpression(callee) && CDK_KEY_FACTORIES.has(callee.name.text)) {
      const owner = resolveEntity(callee.expression, place);
      return owner && classifyEntity(owner.module, owner.path) === "cdk-key"
        ? "cdk-key"
        : undefined;
    }
    return undefined;
  }

  if (ts.isIdentifier(expression)) {
    const binding = place.scope.lookup(expression.text);
    if (binding?.kind === "parameter") {
      return binding.type && typeOrigin(binding.type, place, collected, depth + 1);
    }
    if (binding?.kind === "variable") {
      const inner = { ...place, scope: binding.scope };
      if (binding.type) {
        return typeOrigin(binding.type, inner, collected, depth + 1);
      }
      const values = binding.initializer
        ? [binding.initializer, ...binding.assignments]
        : binding.assignments;
      return firstOrigin(values, inner, collected, depth);
    }
    if (binding?.kind === "destructured") {
      return undefined;
    }
    return undefined;
  }

  if (ts.isPropertyAccessExpression(expression)) {
    const type = typeOfExpression(expression, place, collected, depth + 1);
    if (type) {
      return typeOrigin(type, place, collected, depth + 1);
    }
    if (expression.expression.kind === ts.SyntaxKind.ThisKeyword && place.cls) {
      const member = place.cls.members.get(expression.name.text);
      return member ? firstOrigin(member.initializers, place, collected, depth) : undefined;
    }
  }
  return undefined;
}

function firstOrigin(
  values: ts.Expression[],
  place: Place,
  collected: Collected,
  depth: number,
): Origin | undefined {
  for (const value of values) {
    const origin = originOf(value, place, collected, depth + 1);
    if (origin) {
      return origin;
    }
  }
  return undefined;
}

function constructedOrigin(
  entity: { module: string; path: string[] } | undefined,
): Origin | undefined {
  if (!entity) {
    return undefined;
  }
  const origin = classifyEntity(entity.module, entity.path);
  // `new kms.Key(...)` builds a key; `IKey` is an interface and cannot be constructed.
  if (origin === "cdk-key" && !isCdkKeyClass(entity.path[entity.path.length - 1])) {
    return undefined;
  }
  return origin === "esdk-build-client" ? undefined : origin;
}

/** The origin a type annotation promises: `KMSClient`, `AWS.KMS`, `kms.IKey`, `X | undefined`. */
export function typeOrigin(
  type: ts.TypeNode,
  place: Place,
  collected: Collected,
  depth = 0,
): Origin | undefined {
  if (depth > MAX_DEPTH) {
    return undefined;
  }
  if (ts.isTypeReferenceNode(type)) {
    const entity = resolveEntity(type.typeName, place);
    const origin = entity && classifyEntity(entity.module, entity.path);
    return origin === "esdk-build-client" ? undefined : origin;
  }
  if (ts.isUnionTypeNode(type)) {
    for (const member of type.types) {
      const origin = typeOrigin(member, place, collected, depth + 1);
      if (origin) {
        return origin;
      }
    }
  }
  if (ts.isParenthesizedTypeNode(type)) {
    return typeOrigin(type.type, place, collected, depth + 1);
  }
  return undefined;
}

/**
 * The declared type of an expression, from annotations only: a typed parameter or variable, a
 * typed class field (`this.kms`), or a member of a locally declared interface (`props.key`).
 */
function typeOfExpression(
  expression: ts.Expression,
  place: Place,
  collected: Collected,
  depth: number,
): ts.TypeNode | undefined {
  if (depth > MAX_DEPTH) {
    return undefined;
  }
  const node = unwrap(expression);
  if (ts.isIdentifier(node)) {
    const binding = place.scope.lookup(node.text);
    return binding?.kind === "parameter" || binding?.kind === "variable" ? binding.type : undefined;
  }
  if (!ts.isPropertyAccessExpression(node)) {
    return undefined;
  }
  const name = node.name.text;
  if (node.expression.kind === ts.SyntaxKind.ThisKeyword) {
    return place.cls?.members.get(name)?.type;
  }
  const ownerType = typeOfExpression(node.expression, place, collected, depth + 1);
  return ownerType && memberType(ownerType, name, collected, depth + 1);
}

function memberType(
  type: ts.TypeNode,
  name: string,
  collected: Collected,
  depth: number,
): ts.TypeNode | undefined {
  if (depth > MAX_DEPTH) {
    return undefined;
  }
  if (ts.isTypeLiteralNode(type)) {
    return memberOfElements(type.members, name);
  }
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const declaration = collected.typeDeclarations.get(type.typeName.text);
    if (declaration && ts.isInterfaceDeclaration(declaration)) {
      return memberOfElements(declaration.members, name);
    }
    if (declaration && ts.isTypeAliasDeclaration(declaration)) {
      return memberType(declaration.type, name, collected, depth + 1);
    }
  }
  return undefined;
}

function memberOfElements(
  members: ts.NodeArray<ts.TypeElement>,
  name: string,
): ts.TypeNode | undefined {
  for (const member of members) {
    if (
      ts.isPropertySignature(member) &&
      (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) &&
      member.name.text === name
    ) {
      return member.type;
    }
  }
  return undefined;
}
