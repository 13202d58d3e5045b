import ts from "typescript";
import type { CodeModel, EsdkCall, KmsCall, KmsOperation } from "../code/model";
import {
  calleeSymbol,
  hasOpaqueSpread,
  objectMember,
  readArgument,
  readContextExpr,
  readKeyExpr,
  symbolFor,
  unwrap,
  type Scope,
} from "./ast-expressions";
import { callMarkers } from "./call-markers";
import { collectLocals, functionScopeFor } from "./function-scope";
import type {
  ContextExpr,
  ContextRole,
  DirectUse,
  Enclosing,
  KeyExpr,
  SymbolRef,
  UseContext,
  WrapperCallCandidate,
} from "./types";

/** Which request members carry a context for each operation, and the key member beside it. */
const CONTEXT_MEMBERS: Record<KmsOperation, { member: string; role: ContextRole; key: string }[]> =
  {
    Encrypt: [{ member: "EncryptionContext", role: "encrypt", key: "KeyId" }],
    Decrypt: [{ member: "EncryptionContext", role: "decrypt", key: "KeyId" }],
    ReEncrypt: [
      { member: "SourceEncryptionContext", role: "decrypt", key: "SourceKeyId" },
      { member: "DestinationEncryptionContext", role: "encrypt", key: "DestinationKeyId" },
    ],
    GenerateDataKey: [{ member: "EncryptionContext", role: "encrypt", key: "KeyId" }],
    GenerateDataKeyWithoutPlaintext: [
      { member: "EncryptionContext", role: "encrypt", key: "KeyId" },
    ],
    GenerateDataKeyPair: [{ member: "EncryptionContext", role: "encrypt", key: "KeyId" }],
    GenerateDataKeyPairWithoutPlaintext: [
      { member: "EncryptionContext", role: "encrypt", key: "KeyId" },
    ],
    // Grant constraints are not a context sent with a request; the index leaves them out.
    CreateGrant: [],
  };

type ModelCall = KmsCall | EsdkCall;

interface WalkState {
  callsByEnd: Map<number, ModelCall[]>;
  uses: DirectUse[];
  candidates: WrapperCallCandidate[];
  /** The nodes from the source file down to the parent of the node being visited. */
  ancestors: ts.Node[];
}

/**
 * Reads, for every KMS call the code extractor found, its key and contexts as symbolic
 * expressions, and records every other call that may go through a wrapper or helper defined in
 * the workspace. One walk over the tree, which keeps its own ancestor stack: the tree is
 * shared with the extractors, which never need parent pointers, and setting them would cost a
 * second walk.
 */
export function readFileUses(
  model: CodeModel,
  topScope: Scope,
): { uses: DirectUse[]; candidates: WrapperCallCandidate[] } {
  const state: WalkState = { callsByEnd: new Map(), uses: [], candidates: [], ancestors: [] };
  for (const call of [...model.kmsCalls, ...model.esdkCalls]) {
    const list = state.callsByEnd.get(call.end) ?? [];
    list.push(call);
    state.callsByEnd.set(call.end, list);
  }

  // The scope and enclosing function of the node being visited, restored on the way back up,
  // so the walk allocates nothing per node.
  let scope = topScope;
  let enclosing: Enclosing | undefined;
  const mayHoldCall = callMarkers(topScope.sourceFile.text);
  const visit = (node: ts.Node): void => {
    if (!mayHoldCall(node.pos, node.end)) {
      return;
    }
    const outerScope = scope;
    const outerEnclosing = enclosing;
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      ({ scope, enclosing } = enterFunction(node, node.body, state.ancestors, scope, enclosing));
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const call = takeModelCall(node, scope, state);
      if (call) {
        state.uses.push(readDirectUse(node, call, scope, enclosing));
      } else if (ts.isCallExpression(node)) {
        const candidate = readCandidate(node, scope, state.ancestors);
        if (candidate) {
          state.candidates.push(candidate);
        }
      }
    }
    state.ancestors.push(node);
    ts.forEachChild(node, visit);
    state.ancestors.pop();
    scope = outerScope;
    enclosing = outerEnclosing;
  };
  state.ancestors.push(topScope.sourceFile);
  ts.forEachChild(topScope.sourceFile, visit);

  return { uses: state.uses, candidates: state.candidates };
}

/**
 * A named function or method starts a new scope and becomes the enclosing function; a
 * callback (an arrow or function expression passed somewhere) keeps the outer one, so a KMS
 * call inside `retry(() => client.send(...))` still belongs to the method around it.
 */
function enterFunction(
  node: ts.SignatureDeclaration,
  body: ts.Node,
  ancestors: readonly ts.Node[],
  scope: Scope,
  enclosing: Enclosing | undefined,
): { scope: Scope; enclosing: Enclosing | undefined } {
  const named = namedFunction(node, ancestors, scope.sourceFile);
  if (!named) {
    const params = new Map(scope.params);
    for (const parameter of node.parameters) {
      if (ts.isIdentifier(parameter.name)) {
        params.delete(parameter.name.text);
      }
    }
    const locals = new Map(scope.locals);
    collectLocals(body, locals);
    return { scope: { ...scope, params, locals }, enclosing };
  }
  const inner = functionScopeFor(node, { ...scope, params: new Map(), locals: new Map() });
  const params = node.parameters.map((parameter) =>
    ts.isIdentifier(parameter.name) ? parameter.name.text : "",
  );
  return { scope: inner, enclosing: { ...named, params } };
}

/** The class and name of a method or top-level function; undefined for callbacks. */
function namedFunction(
  node: ts.SignatureDeclaration,
  ancestors: readonly ts.Node[],
  sourceFile: ts.SourceFile,
): Omit<Enclosing, "params"> | undefined {
  const parent = ancestors[ancestors.length - 1];
  const grandparent = ancestors[ancestors.length - 2];
  if (ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node)) {
    const className =
      ts.isClassLike(parent) && parent.name
        ? parent.name.text
        : ts.isClassExpression(parent) && grandparent && ts.isVariableDeclaration(grandparent)
          ? grandparent.name.getText(sourceFile)
          : undefined;
    const name = ts.isConstructorDeclaration(node) ? "constructor" : node.name.getText(sourceFile);
    return className ? { className, name, exported: false } : undefined;
  }
  if (ts.isFunctionDeclaration(node) && node.name) {
    return { name: node.name.text, exported: false };
  }
  if (
    (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
    ts.isVariableDeclaration(parent) &&
    ts.isIdentifier(parent.name)
  ) {
    return { name: parent.name.text, exported: false };
  }
  if (
    (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
    ts.isPropertyDeclaration(parent) &&
    grandparent &&
    ts.isClassLike(grandparent) &&
    grandparent.name
  ) {
    return {
      className: grandparent.name.text,
      name: parent.name.getText(sourceFile),
      exported: false,
    };
  }
  return undefined;
}

/** The model call this node is, matched by its end offset and its start. */
function takeModelCall(
  node: ts.CallExpression | ts.NewExpression,
  scope: Scope,
  state: WalkState,
): ModelCall | undefined {
  const list = state.callsByEnd.get(node.getEnd());
  if (!list) {
    return undefined;
  }
  const nodeStart = node.getStart(scope.sourceFile);
  const index = list.findIndex((call) => call.start >= nodeStart && call.start < node.getEnd());
  if (index < 0) {
    return undefined;
  }
  const [call] = list.splice(index, 1);
  return call;
}

function readDirectUse(
  node: ts.CallExpression | ts.NewExpression,
  call: ModelCall,
  scope: Scope,
  enclosing: Enclosing | undefined,
): DirectUse {
  const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  const base = { start: call.start, end: call.end, operation: call.operation, enclosing };

  if (call.kind === "esdk") {
    const keyring = args[0];
    const options = args[2];
    const key = keyring ? readKeyExpr(keyring, scope) : ({ kind: "unknown" } as KeyExpr);
    const isEncrypt = call.operation === "encrypt" || call.operation === "encryptStream";
    const contexts: UseContext[] = isEncrypt
      ? [
          {
            role: "encrypt",
            member: "encryptionContext",
            key,
            context: requestMember(options, "encryptionContext", scope),
          },
        ]
      : [];
    return {
      ...base,
      via: "esdk",
      key,
      contexts,
      esdkSigning: isEncrypt ? esdkSigning(options, scope) : undefined,
    };
  }

  const request = args[0];
  const contexts = CONTEXT_MEMBERS[call.operation].map(({ member, role, key }) => ({
    role,
    member,
    key: memberKey(request, key, scope),
    context: requestMember(request, member, scope),
  }));
  const key = contexts.find((context) => context.role === "encrypt")?.key ??
    contexts[0]?.key ?? { kind: "unknown" };
  return { ...base, via: "sdk", key, contexts };
}

function memberKey(request: ts.Expression | undefined, member: string, scope: Scope): KeyExpr {
  const value = request && objectMember(request, member, scope);
  return value ? readKeyExpr(value, scope) : { kind: "unknown" };
}

/** The context a request member holds; absent only when the request is fully readable. */
function requestMember(
  request: ts.Expression | undefined,
  member: string,
  scope: Scope,
): ContextExpr {
  if (!request) {
    return { kind: "absent" };
  }
  const value = objectMember(request, member, scope);
  if (value) {
    return readContextExpr(value, scope);
  }
  if (hasOpaqueSpread(request, scope)) {
    const node = unwrap(request);
    return {
      kind: "unknown",
      reason: "the request is built elsewhere",
      start: node.getStart(scope.sourceFile),
      end: node.getEnd(),
    };
  }
  return { kind: "absent" };
}

/**
 * Whether an Encryption SDK encrypt uses a signing suite. The default suites sign, so an
 * absent `suiteId` means yes; a suite named without `ECDSA` means no.
 */
function esdkSigning(options: ts.Expression | undefined, scope: Scope): "yes" | "no" | "unknown" {
  if (!options) {
    return "yes";
  }
  if (hasOpaqueSpread(options, scope)) {
    return "unknown";
  }
  const suite = objectMember(options, "suiteId", scope);
  if (!suite) {
    return "yes";
  }
  const text = unwrap(suite).getText(scope.sourceFile);
  if (/ECDSA/.test(text)) {
    return "yes";
  }
  return /^AlgorithmSuiteIdentifier\.\w+$/.test(text) ? "no" : "unknown";
}

/**
 * A call that may be a wrapper or helper defined in the workspace: a function imported from a
 * relative module or declared at the top level, or a method on an instance of such a class.
 * `ancestors` are the call's, from the source file down.
 */
function readCandidate(
  node: ts.CallExpression,
  scope: Scope,
  ancestors: readonly ts.Node[],
): WrapperCallCandidate | undefined {
  const callee = unwrap(node.expression);

  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    const className = receiverClass(callee.expression, scope, ancestors);
    if (className && isWorkspaceSymbol(className)) {
      return {
        ...callSpan(node, scope),
        className,
        callee: { kind: "method", name: callee.name.text },
        args: readArguments(node, scope),
      };
    }
  }
  const direct = calleeSymbol(callee, scope);
  if (direct && isWorkspaceSymbol(direct)) {
    return { ...callSpan(node, scope), callee: direct, args: readArguments(node, scope) };
  }
  return undefined;
}

/** Like the contract's call range: a method call starts at the method name. */
function callSpan(node: ts.CallExpression, scope: Scope): { start: number; end: number } {
  const callee = unwrap(node.expression);
  const start = ts.isPropertyAccessExpression(callee)
    ? callee.name.getStart(scope.sourceFile)
    : node.getStart(scope.sourceFile);
  return { start, end: node.getEnd() };
}

function readArguments(node: ts.CallExpression, scope: Scope) {
  return node.arguments.map((argument) => readArgument(argument, scope));
}

function isWorkspaceSymbol(ref: SymbolRef): boolean {
  return ref.kind === "local" || /^[./]/.test(ref.specifier);
}

/**
 * The class a receiver is an instance of: `new C()` in a `const`, a parameter typed `C`, or an
 * imported name (which the index resolves to a class or an exported instance).
 */
function receiverClass(
  receiver: ts.Identifier,
  scope: Scope,
  ancestors: readonly ts.Node[],
): SymbolRef | undefined {
  const name = receiver.text;
  const initializer = scope.locals.get(name) ?? scope.topLevelConsts.get(name);
  if (initializer) {
    const node = unwrap(initializer);
    return ts.isNewExpression(node) ? calleeSymbol(node.expression, scope) : undefined;
  }
  if (scope.params.has(name)) {
    return parameterType(name, scope, ancestors);
  }
  return scope.imports.has(name) ? symbolFor(name, scope) : undefined;
}

/**
 * The type name of the parameter a receiver refers to (`box: SecretBox`), from the innermost
 * function around the call that declares a parameter of that name.
 */
function parameterType(
  name: string,
  scope: Scope,
  ancestors: readonly ts.Node[],
): SymbolRef | undefined {
  for (let index = ancestors.length - 1; index >= 0; index--) {
    const node = ancestors[index];
    if (!ts.isFunctionLike(node)) {
      continue;
    }
    const parameter = node.parameters.find(
      (candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name,
    );
    if (parameter) {
      const type = parameter.type;
      return type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)
        ? symbolFor(type.typeName.text, scope)
        : undefined;
    }
  }
  return undefined;
}
