import ts from "typescript";
import type {
  ContextEntry,
  ContextInfo,
  KeyReference,
  MemberInfo,
  ObjectLayout,
  RequestInfo,
  StaticValue,
} from "./model";
import { unwrap } from "./resolve";
import type { Scope } from "./scope";

/** Const chains and spreads deeper than this are treated as unknown. */
const MAX_DEPTH = 8;

/** One member of a resolved object: where its name is and which expression gives its value. */
export interface MemberRef {
  nameNode: ts.Node;
  /** Undefined for methods and accessors. */
  value: ts.Expression | undefined;
  /** The scope the value expression must be resolved in. */
  scope: Scope;
}

/** An object whose members are known, through consts, shorthands and known spreads. */
export interface ResolvedObject {
  members: Map<string, MemberRef>;
  /** False when an unknown spread or computed name leaves members unknown. */
  complete: boolean;
  /** The outermost object literal, where a fix can insert a member. */
  literal: ts.ObjectLiteralExpression;
}

/** Reads values out of one source file. */
export class ValueReader {
  constructor(
    readonly sourceFile: ts.SourceFile,
    private readonly text: string,
  ) {}

  /** Resolves an expression to an object literal, or undefined when it is not known. */
  resolveObject(node: ts.Expression, scope: Scope, depth = 0): ResolvedObject | undefined {
    if (depth > MAX_DEPTH) {
      return undefined;
    }
    const expression = unwrap(node);
    if (ts.isIdentifier(expression)) {
      const binding = scope.lookup(expression.text);
      if (binding?.kind === "variable" && binding.constant && binding.initializer) {
        return this.resolveObject(binding.initializer, binding.scope, depth + 1);
      }
      return undefined;
    }
    if (!ts.isObjectLiteralExpression(expression)) {
      return undefined;
    }

    // An object literal the parser had to close itself (a stray character, half-typed code)
    // holds only what it could recover; nothing proves a member of it absent.
    const closed = this.text.charCodeAt(expression.end - 1) === 125; /* } */
    const resolved: ResolvedObject = {
      members: new Map(),
      complete: closed,
      literal: expression,
    };
    for (const property of expression.properties) {
      if (ts.isSpreadAssignment(property)) {
        const spread = this.resolveObject(property.expression, scope, depth + 1);
        if (!spread) {
          resolved.complete = false;
          continue;
        }
        resolved.complete &&= spread.complete;
        for (const [name, member] of spread.members) {
          resolved.members.set(name, member);
        }
        continue;
      }
      const name = this.propertyName(property.name, scope);
      if (name === undefined) {
        resolved.complete = false;
        continue;
      }
      const value = ts.isPropertyAssignment(property)
        ? property.initializer
        : ts.isShorthandPropertyAssignment(property)
          ? property.name
          : undefined;
      resolved.members.set(name, { nameNode: property.name, value, scope });
    }
    return resolved;
  }

  private propertyName(name: ts.PropertyName | undefined, scope: Scope): string | undefined {
    if (!name) {
      return undefined;
    }
    if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) {
      return name.text;
    }
    if (ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) {
      return name.text;
    }
    if (ts.isComputedPropertyName(name)) {
      const value = this.staticValue(name.expression, scope);
      return value.kind === "string" ? value.value : undefined;
    }
    return undefined;
  }

  /** The request argument of a call, as far as it is known. */
  request(
    argument: ts.Expression | undefined,
    scope: Scope,
  ): {
    info: RequestInfo;
    resolved?: ResolvedObject;
  } {
    if (!argument) {
      return { info: { complete: true, members: [] } };
    }
    const resolved = this.resolveObject(argument, scope);
    if (!resolved) {
      return { info: { complete: false, members: [] } };
    }
    return {
      info: {
        complete: resolved.complete,
        members: [...resolved.members.keys()],
        objectStart: resolved.literal.getStart(this.sourceFile),
        objectEnd: resolved.literal.end,
        layout: this.layout(resolved.literal),
      },
      resolved,
    };
  }

  /** A context member: absent, unknown, or an object whose entries are listed. */
  context(member: MemberRef | undefined, containerComplete: boolean): ContextInfo {
    if (!member) {
      return containerComplete
        ? { kind: "absent" }
        : { kind: "unknown", reason: "the request is not fully known" };
    }
    if (!member.value) {
      return { kind: "unknown", reason: "it is computed by a method" };
    }
    const resolved = this.resolveObject(member.value, member.scope);
    if (!resolved) {
      return { kind: "unknown", reason: this.unknownReason(member.value, member.scope) };
    }

    const entries: ContextEntry[] = [];
    for (const [key, entry] of resolved.members) {
      const valueNode = entry.value ?? entry.nameNode;
      entries.push({
        key,
        keyStart: entry.nameNode.getStart(this.sourceFile),
        keyEnd: entry.nameNode.end,
        value: entry.value
          ? this.staticValue(entry.value, entry.scope)
          : { kind: "function", text: "" },
        valueStart: valueNode.getStart(this.sourceFile),
        valueEnd: valueNode.end,
      });
    }
    return {
      kind: "object",
      entries,
      complete: resolved.complete,
      start: resolved.literal.getStart(this.sourceFile),
      end: resolved.literal.end,
      layout: this.layout(resolved.literal),
    };
  }

  /** A non-context object member such as `Constraints`. */
  member(member: MemberRef | undefined, containerComplete: boolean): MemberInfo {
    if (!member) {
      return containerComplete
        ? { kind: "absent" }
        : { kind: "unknown", reason: "the request is not fully known" };
    }
    const resolved = member.value && this.resolveObject(member.value, member.scope);
    if (!resolved) {
      return { kind: "unknown", reason: "it is not an object literal" };
    }
    return {
      kind: "object",
      members: [...resolved.members.keys()],
      complete: resolved.complete,
      layout: this.layout(resolved.literal),
    };
  }

  private unknownReason(value: ts.Expression, scope: Scope): string {
    const expression = unwrap(value);
    if (ts.isIdentifier(expression)) {
      const binding = scope.lookup(expression.text);
      if (binding?.kind === "parameter") {
        return "it comes from a parameter";
      }
    }
    return "it is computed at run time";
  }

  /** What is statically known about a context key's value. */
  staticValue(node: ts.Expression, scope: Scope, depth = 0): StaticValue {
    const expression = unwrap(node);
    const text = this.textOf(expression);
    switch (expression.kind) {
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        return { kind: "string", value: (expression as ts.StringLiteralLike).text };
      case ts.SyntaxKind.TemplateExpression: {
        const spans = (expression as ts.TemplateExpression).templateSpans;
        const identifiers = spans.flatMap((span) => {
          const path = dottedPath(unwrap(span.expression));
          return path ? [path] : [];
        });
        return { kind: "template", text, identifiers };
      }
      case ts.SyntaxKind.NumericLiteral:
        return { kind: "number", text };
      case ts.SyntaxKind.BigIntLiteral:
        return { kind: "bigint", text };
      case ts.SyntaxKind.TrueKeyword:
      case ts.SyntaxKind.FalseKeyword:
        return { kind: "boolean", text };
      case ts.SyntaxKind.NullKeyword:
        return { kind: "null", text };
      case ts.SyntaxKind.ObjectLiteralExpression:
        return { kind: "object", text };
      case ts.SyntaxKind.ArrayLiteralExpression:
        return { kind: "array", text };
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
        return { kind: "function", text };
    }
    if (
      ts.isPrefixUnaryExpression(expression) &&
      ts.isNumericLiteral(expression.operand) &&
      (expression.operator === ts.SyntaxKind.MinusToken ||
        expression.operator === ts.SyntaxKind.PlusToken)
    ) {
      return { kind: "number", text };
    }
    if (
      ts.isNewExpression(expression) &&
      ts.isIdentifier(expression.expression) &&
      expression.expression.text === "Date"
    ) {
      return { kind: "date", text };
    }
    if (ts.isIdentifier(expression)) {
      const binding = scope.lookup(expression.text);
      if (!binding && expression.text === "undefined") {
        return { kind: "undefined", text };
      }
      if (
        binding?.kind === "variable" &&
        binding.constant &&
        binding.initializer &&
        depth < MAX_DEPTH
      ) {
        const resolved = this.staticValue(binding.initializer, binding.scope, depth + 1);
        if (resolved.kind !== "expression" && resolved.kind !== "template") {
          return resolved;
        }
      }
    }
    return { kind: "expression", text, path: stringSourcePath(expression) };
  }

  /** How a KMS key is named in a request member such as `KeyId`. */
  keyReference(member: MemberRef | undefined): KeyReference {
    if (!member?.value) {
      return { kind: "unknown" };
    }
    const expression = unwrap(member.value);
    const value = this.staticValue(expression, member.scope);
    if (value.kind === "string") {
      return { kind: "literal", value: value.value };
    }
    if (
      ts.isPropertyAccessExpression(expression) &&
      dottedPath(expression.expression) === "process.env"
    ) {
      return { kind: "env", name: expression.name.text };
    }
    if (
      ts.isElementAccessExpression(expression) &&
      ts.isStringLiteralLike(expression.argumentExpression)
    ) {
      if (dottedPath(expression.expression) === "process.env") {
        return { kind: "env", name: expression.argumentExpression.text };
      }
    }
    const path = dottedPath(expression);
    return path ? { kind: "identifier", name: path } : { kind: "unknown" };
  }

  /** The string values of an array such as CreateGrant's `Operations`. */
  stringList(member: MemberRef | undefined): { values: string[]; complete: boolean } | undefined {
    if (!member?.value) {
      return undefined;
    }
    let expression = unwrap(member.value);
    let scope = member.scope;
    for (let depth = 0; ts.isIdentifier(expression) && depth < MAX_DEPTH; depth++) {
      const binding = scope.lookup(expression.text);
      if (binding?.kind !== "variable" || !binding.constant || !binding.initializer) {
        break;
      }
      expression = unwrap(binding.initializer);
      scope = binding.scope;
    }
    if (!ts.isArrayLiteralExpression(expression)) {
      return { values: [], complete: false };
    }
    const values: string[] = [];
    let complete = true;
    for (const element of expression.elements) {
      const item = unwrap(element);
      if (ts.isStringLiteralLike(item)) {
        values.push(item.text);
      } else if (ts.isPropertyAccessExpression(item)) {
        // `GrantOperation.Decrypt`: the enum member's name is the operation.
        values.push(item.name.text);
      } else {
        complete = false;
      }
    }
    return { values, complete };
  }

  /** How an object literal is laid out, for fixes that insert a member. */
  layout(literal: ts.ObjectLiteralExpression): ObjectLayout {
    const openBrace = literal.getStart(this.sourceFile);
    const closeBrace = literal.end - 1;
    const properties = literal.properties;
    const last = properties[properties.length - 1];
    const closingIndent = this.indentationAt(closeBrace);
    let memberIndent: string | undefined;
    if (last) {
      const firstStart = properties[0].getStart(this.sourceFile);
      if (this.text.slice(openBrace, firstStart).includes("\n")) {
        memberIndent = this.indentationAt(firstStart);
      }
    } else if (this.text.slice(openBrace, closeBrace).includes("\n")) {
      memberIndent = `${closingIndent}  `;
    }
    return {
      openBrace,
      closeBrace,
      lastMemberEnd: last?.end,
      trailingComma: properties.hasTrailingComma,
      memberIndent,
      closingIndent,
    };
  }

  /** The whitespace that starts the line holding `offset`. */
  indentationAt(offset: number): string {
    let lineStart = offset;
    while (
      lineStart > 0 &&
      this.text[lineStart - 1] !== "\n" &&
      this.text[lineStart - 1] !== "\r"
    ) {
      lineStart--;
    }
    let end = lineStart;
    while (end < this.text.length && (this.text[end] === " " || this.text[end] === "\t")) {
      end++;
    }
    return this.text.slice(lineStart, end);
  }

  textOf(node: ts.Node): string {
    return this.text.slice(node.getStart(this.sourceFile), node.end);
  }
}

/** `a.b.c`, `this.x` or `name` for a plain member chain; undefined for anything else. */
export function dottedPath(expression: ts.Expression): string | undefined {
  // A loop, not recursion: member chains in generated code can be thousands deep.
  const names: string[] = [];
  let current = expression;
  while (ts.isPropertyAccessExpression(current)) {
    names.push(current.name.text);
    current = unwrap(current.expression);
  }
  const base = ts.isIdentifier(current)
    ? current.text
    : current.kind === ts.SyntaxKind.ThisKeyword
      ? "this"
      : undefined;
  return base === undefined ? undefined : [base, ...names.reverse()].join(".");
}

/** The member chain a value comes from, also through `String(x)` and `x.toString()`. */
function stringSourcePath(expression: ts.Expression): string | undefined {
  if (ts.isCallExpression(expression)) {
    const callee = expression.expression;
    if (ts.isIdentifier(callee) && callee.text === "String" && expression.arguments.length === 1) {
      return dottedPath(unwrap(expression.arguments[0]));
    }
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === "toString") {
      return dottedPath(unwrap(callee.expression));
    }
    return undefined;
  }
  return dottedPath(expression);
}
