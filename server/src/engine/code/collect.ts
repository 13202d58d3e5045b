import ts from "typescript";
import { CALL_METHOD_NAMES, COMMAND_CLASS_NAMES } from "./known-apis";
import { type Binding, type ClassInfo, type Collected, type FunctionInfo, Scope } from "./scope";
import {
  bindingIdentifiers,
  classMember,
  declareImport,
  isHeaderExpression,
  lastName,
  unwrapForReturn,
} from "./syntax-helpers";
import { declareBindingName } from "./declarations";

export type { Candidate, Collected } from "./scope";

// The compiler API exposes its members through getters; reading them once keeps the per-node
// cost of the walk down to plain property loads and calls. They are read on the first walk
// rather than at load, so that merely starting the server does not load the compiler.
let NodeFlags: typeof ts.NodeFlags,
  SyntaxKind: typeof ts.SyntaxKind,
  forEachChild: typeof ts.forEachChild,
  isBinaryExpression: typeof ts.isBinaryExpression,
  isBlock: typeof ts.isBlock,
  isCallExpression: typeof ts.isCallExpression,
  isClassDeclaration: typeof ts.isClassDeclaration,
  isComputedPropertyName: typeof ts.isComputedPropertyName,
  isElementAccessExpression: typeof ts.isElementAccessExpression,
  isExpressionWithTypeArguments: typeof ts.isExpressionWithTypeArguments,
  isExternalModuleReference: typeof ts.isExternalModuleReference,
  isIdentifier: typeof ts.isIdentifier,
  isNonNullExpression: typeof ts.isNonNullExpression,
  isPrivateIdentifier: typeof ts.isPrivateIdentifier,
  isPropertyAccessExpression: typeof ts.isPropertyAccessExpression,
  isStringLiteral: typeof ts.isStringLiteral,
  isStringLiteralLike: typeof ts.isStringLiteralLike,
  isTypeNode: typeof ts.isTypeNode;

function readCompilerApi(): void {
  ({
    NodeFlags,
    SyntaxKind,
    forEachChild,
    isBinaryExpression,
    isBlock,
    isCallExpression,
    isClassDeclaration,
    isComputedPropertyName,
    isElementAccessExpression,
    isExpressionWithTypeArguments,
    isExternalModuleReference,
    isIdentifier,
    isNonNullExpression,
    isPrivateIdentifier,
    isPropertyAccessExpression,
    isStringLiteral,
    isStringLiteralLike,
    isTypeNode,
  } = ts);
}

const REQUIRE = "require";

/**
 * Walks a source file once, collecting scopes and bindings, class members, local types and the
 * candidate calls. Nothing is resolved during the walk: a module-level client may be declared
 * after the function that uses it, so names are looked up once every declaration is known.
 */
export function collect(sourceFile: ts.SourceFile, withBareCalls: boolean): Collected {
  if (forEachChild === undefined) {
    readCompilerApi();
  }
  const fileScope = new Scope(undefined, true);
  const fileFunction: FunctionInfo = { isExpression: false, readsHeaderContext: false };
  const collected: Collected = {
    sourceFile,
    candidates: [],
    typeDeclarations: new Map(),
    returnedCalls: new Set(),
    partial: false,
  };
  const pendingAssignments: { scope: Scope; name: string; value: ts.Expression }[] = [];

  let scope = fileScope;
  let functionScope = fileScope;
  let fn = fileFunction;
  let cls: ClassInfo | undefined;
  const chainStack: ts.Expression[] = [];
  let chainTop = 0;

  // Local names of imported command classes, so an aliased `new Dec(...)` is still a candidate.
  const commandNames = new Set(COMMAND_CLASS_NAMES);
  const declare = (target: Scope, name: string, binding: Binding): void => {
    target.declare(name, binding);
    if (
      binding.kind === "import" &&
      COMMAND_CLASS_NAMES.has(binding.path[binding.path.length - 1])
    ) {
      commandNames.add(name);
    }
  };

  const declareNames = (
    name: ts.BindingName,
    target: Scope,
    constant: boolean,
    initializer: ts.Expression | undefined,
    type: ts.TypeNode | undefined,
    declaredAt: number,
  ): void => declareBindingName(declare, name, target, constant, initializer, type, declaredAt);

  const enterFunction = (node: ts.SignatureDeclaration, isExpression: boolean): void => {
    const savedScope = scope;
    const savedFunctionScope = functionScope;
    const savedFn = fn;
    scope = new Scope(scope, true);
    functionScope = scope;
    fn = { parent: fn, isExpression, readsHeaderContext: false };

    for (const parameter of node.parameters) {
      declareParameter(parameter);
    }
    const body = (node as ts.FunctionLikeDeclaration).body;
    if (body) {
      if (isBlock(body)) {
        body.statements.forEach(visit);
      } else {
        noteReturned(body);
        visit(body);
      }
    }
    for (const parameter of node.parameters) {
      if (parameter.initializer) {
        visit(parameter.initializer);
      }
    }

    scope = savedScope;
    functionScope = savedFunctionScope;
    fn = savedFn;
  };

  const declareParameter = (parameter: ts.ParameterDeclaration): void => {
    if (isIdentifier(parameter.name)) {
      declare(scope, parameter.name.text, {
        kind: "parameter",
        type: parameter.type,
        declStart: parameter.pos,
      });
      const isProperty = ts
        .getModifiers(parameter)
        ?.some((modifier) =>
          [
            SyntaxKind.PrivateKeyword,
            SyntaxKind.PublicKeyword,
            SyntaxKind.ProtectedKeyword,
            SyntaxKind.ReadonlyKeyword,
          ].includes(modifier.kind),
        );
      if (isProperty && cls) {
        classMember(cls, parameter.name.text).type ??= parameter.type;
      }
      return;
    }
    for (const name of bindingIdentifiers(parameter.name)) {
      declare(scope, name, { kind: "parameter", declStart: parameter.pos });
    }
  };

  const noteReturned = (expression: ts.Expression): void => {
    const inner = unwrapForReturn(expression);
    if (isCallExpression(inner)) {
      collected.returnedCalls.add(inner);
    }
  };

  const markHeaderContextRead = (): void => {
    for (let current: FunctionInfo | undefined = fn; current; current = current.parent) {
      if (current.readsHeaderContext) {
        break;
      }
      current.readsHeaderContext = true;
    }
  };

  const withScope = (node: ts.Node): void => {
    const saved = scope;
    scope = new Scope(scope, false);
    forEachChild(node, visit);
    scope = saved;
  };

  function visit(node: ts.Node): void {
    if (isTypeNode(node) && !isExpressionWithTypeArguments(node)) {
      return;
    }
    switch (node.kind) {
      case SyntaxKind.ImportDeclaration:
        declareImport(node as ts.ImportDeclaration, fileScope, declare);
        return;
      case SyntaxKind.ImportEqualsDeclaration: {
        const declaration = node as ts.ImportEqualsDeclaration;
        const reference = declaration.moduleReference;
        if (isExternalModuleReference(reference) && isStringLiteral(reference.expression)) {
          declare(fileScope, declaration.name.text, {
            kind: "import",
            module: reference.expression.text,
            path: [],
            declStart: declaration.pos,
          });
        }
        return;
      }
      case SyntaxKind.InterfaceDeclaration:
      case SyntaxKind.TypeAliasDeclaration: {
        const declaration = node as ts.InterfaceDeclaration | ts.TypeAliasDeclaration;
        collected.typeDeclarations.set(declaration.name.text, declaration);
        return;
      }
      case SyntaxKind.VariableDeclarationList: {
        const list = node as ts.VariableDeclarationList;
        const constant = (list.flags & NodeFlags.Const) !== 0;
        const blockScoped = (list.flags & NodeFlags.BlockScoped) !== 0;
        for (const declaration of list.declarations) {
          declareNames(
            declaration.name,
            blockScoped ? scope : functionScope,
            constant,
            declaration.initializer,
            declaration.type,
            declaration.end,
          );
        }
        forEachChild(node, visit);
        return;
      }
      case SyntaxKind.FunctionDeclaration: {
        const declaration = node as ts.FunctionDeclaration;
        if (declaration.name) {
          declare(scope, declaration.name.text, { kind: "declaration", declStart: node.pos });
        }
        enterFunction(declaration, false);
        return;
      }
      case SyntaxKind.ArrowFunction:
      case SyntaxKind.FunctionExpression:
        enterFunction(node as ts.FunctionLikeDeclaration, true);
        return;
      case SyntaxKind.MethodDeclaration:
      case SyntaxKind.Constructor:
      case SyntaxKind.GetAccessor:
      case SyntaxKind.SetAccessor: {
        const member = node as ts.FunctionLikeDeclaration;
        if (member.name && isComputedPropertyName(member.name)) {
          visit(member.name.expression);
        }
        enterFunction(member, false);
        return;
      }
      case SyntaxKind.ClassDeclaration:
      case SyntaxKind.ClassExpression: {
        const declaration = node as ts.ClassLikeDeclaration;
        if (declaration.name && isClassDeclaration(declaration)) {
          declare(scope, declaration.name.text, { kind: "declaration", declStart: node.pos });
        }
        const saved = cls;
        cls = { members: new Map() };
        forEachChild(node, visit);
        cls = saved;
        return;
      }
      case SyntaxKind.PropertyDeclaration: {
        const property = node as ts.PropertyDeclaration;
        if (cls && (isIdentifier(property.name) || isPrivateIdentifier(property.name))) {
          const member = classMember(cls, property.name.text);
          member.type ??= property.type;
          if (property.initializer) {
            member.initializers.push(property.initializer);
          }
        }
        forEachChild(node, visit);
        return;
      }
      case SyntaxKind.Block:
      case SyntaxKind.ForStatement:
      case SyntaxKind.ForInStatement:
      case SyntaxKind.ForOfStatement:
      case SyntaxKind.CaseBlock:
        withScope(node);
        return;
      case SyntaxKind.CatchClause: {
        const clause = node as ts.CatchClause;
        const saved = scope;
        scope = new Scope(scope, false);
        if (clause.variableDeclaration) {
          declareNames(
            clause.variableDeclaration.name,
            scope,
            false,
            undefined,
            undefined,
            clause.variableDeclaration.end,
          );
        }
        visit(clause.block);
        scope = saved;
        return;
      }
      case SyntaxKind.ReturnStatement: {
        const expression = (node as ts.ReturnStatement).expression;
        if (expression) {
          noteReturned(expression);
        }
        break;
      }
      case SyntaxKind.BinaryExpression:
      case SyntaxKind.CallExpression:
      case SyntaxKind.PropertyAccessExpression:
      case SyntaxKind.ElementAccessExpression:
      case SyntaxKind.NonNullExpression:
        visitChain(node as ts.Expression);
        return;
      case SyntaxKind.NewExpression: {
        const expression = (node as ts.NewExpression).expression;
        const name = lastName(expression);
        if (name !== undefined && commandNames.has(name)) {
          collected.candidates.push({ node: node as ts.NewExpression, scope, fn, cls });
        }
        break;
      }
      case SyntaxKind.BindingElement: {
        const element = node as ts.BindingElement;
        const property = element.propertyName ?? element.name;
        if (isIdentifier(property) && property.text === "encryptionContext") {
          markHeaderContextRead();
        }
        break;
      }
    }
    forEachChild(node, visit);
  }

  /**
   * Walks a left-deep chain (`a + b + c`, `x.f().g().h()`) with a loop instead of recursion:
   * generated code nests these thousands deep without a single bracket, and a recursive walk
   * would overflow the stack on them.
   */
  function visitChain(start: ts.Expression): void {
    // Links go on one stack shared by nested chains, so no array is allocated per chain; the
    // stack is indexed by hand because truncating an array through `length` is slow.
    const base = chainTop;
    let current: ts.Expression = start;
    for (;;) {
      if (isBinaryExpression(current)) {
        chainStack[chainTop++] = current;
        current = current.left;
      } else if (
        isCallExpression(current) ||
        isPropertyAccessExpression(current) ||
        isElementAccessExpression(current) ||
        isNonNullExpression(current)
      ) {
        chainStack[chainTop++] = current;
        current = current.expression;
      } else {
        break;
      }
    }

    visit(current);
    const top = chainTop;
    for (let index = top - 1; index >= base; index--) {
      const link = chainStack[index];
      noteLink(link);
      if (isBinaryExpression(link)) {
        visit(link.right);
      } else if (isCallExpression(link)) {
        link.arguments.forEach(visit);
      } else if (isElementAccessExpression(link)) {
        visit(link.argumentExpression);
      }
    }
    chainTop = base;
  }

  /** What one link of a chain tells: an assignment, a candidate call, a header read. */
  function noteLink(node: ts.Expression): void {
    if (isBinaryExpression(node)) {
      if (node.operatorToken.kind === SyntaxKind.EqualsToken) {
        noteAssignment(node);
      }
    } else if (isCallExpression(node)) {
      const callee = node.expression;
      if (
        (isPropertyAccessExpression(callee) && CALL_METHOD_NAMES.has(callee.name.text)) ||
        (withBareCalls && isIdentifier(callee) && callee.text !== REQUIRE)
      ) {
        collected.candidates.push({ node, scope, fn, cls });
      }
    } else if (isPropertyAccessExpression(node)) {
      if (node.name.text === "encryptionContext" && isHeaderExpression(node.expression)) {
        markHeaderContextRead();
      }
    } else if (isElementAccessExpression(node)) {
      const argument = node.argumentExpression;
      if (
        isStringLiteralLike(argument) &&
        argument.text === "encryptionContext" &&
        isHeaderExpression(node.expression)
      ) {
        markHeaderContextRead();
      }
    }
  }

  function noteAssignment(binary: ts.BinaryExpression): void {
    const target = binary.left;
    if (isIdentifier(target)) {
      pendingAssignments.push({ scope, name: target.text, value: binary.right });
    } else if (
      cls &&
      isPropertyAccessExpression(target) &&
      target.expression.kind === SyntaxKind.ThisKeyword
    ) {
      classMember(cls, target.name.text).initializers.push(binary.right);
    }
  }

  for (const statement of sourceFile.statements) {
    try {
      visit(statement);
    } catch (error) {
      // A construct nested deeper than the stack allows (and not a chain the walk loops over)
      // loses only this statement's calls; the rest of the file is still read.
      if (!(error instanceof RangeError)) {
        throw error;
      }
      scope = fileScope;
      functionScope = fileScope;
      fn = fileFunction;
      cls = undefined;
      chainTop = 0;
      collected.partial = true;
    }
  }

  for (const assignment of pendingAssignments) {
    const binding = assignment.scope.lookup(assignment.name);
    if (binding?.kind === "variable") {
      binding.assignments.push(assignment.value);
    }
  }
  return collected;
}
