import ts from "typescript";
import type { AnalyzedDocument } from "../rule-context";
import { type Candidate, type Collected, collect } from "./collect";
import {
  CDK_GRANT_METHODS,
  classifyCommand,
  ESDK_OPERATIONS,
  KMS_METHODS,
  mayUseEncryptionSdk,
  mayUseKnownApis,
  type Origin,
  S3_METHODS,
} from "./known-apis";
import type { CallFlavor, CodeModel, ContextInfo, EsdkCall, KmsCall, KmsOperation } from "./model";
import { originOf, resolveEntity, unwrap, type Place } from "./resolve";
import { sourceFileOf } from "./source-file";
import { type MemberRef, ValueReader } from "./values";

/** Context members per operation, as the request shapes name them. */
const CONTEXT_MEMBERS: Record<KmsOperation, string[]> = {
  Encrypt: ["EncryptionContext"],
  Decrypt: ["EncryptionContext"],
  GenerateDataKey: ["EncryptionContext"],
  GenerateDataKeyWithoutPlaintext: ["EncryptionContext"],
  GenerateDataKeyPair: ["EncryptionContext"],
  GenerateDataKeyPairWithoutPlaintext: ["EncryptionContext"],
  ReEncrypt: ["SourceEncryptionContext", "DestinationEncryptionContext"],
  CreateGrant: [],
};

/** An empty model, for files without any KMS signal. */
function emptyModel(): CodeModel {
  return { kmsCalls: [], esdkCalls: [], s3Calls: [], cdkGrants: [] };
}

/**
 * Extracts the KMS model of a TypeScript/JavaScript document: one parse, one walk, then a
 * resolution pass over the few candidate calls the walk kept. Files that import none of the
 * recognised modules return an empty model without being parsed.
 */
export function extractCodeModel(document: AnalyzedDocument): CodeModel {
  const model = emptyModel();
  if (!mayUseKnownApis(document.text)) {
    return model;
  }

  const sourceFile = sourceFileOf(document);
  const collected = collect(sourceFile, mayUseEncryptionSdk(document.text));
  const reader = new ValueReader(sourceFile, document.text);
  for (const candidate of collected.candidates) {
    addCall(candidate, collected, reader, model);
  }
  return model;
}

function addCall(
  candidate: Candidate,
  collected: Collected,
  reader: ValueReader,
  model: CodeModel,
): void {
  const place: Place = { scope: candidate.scope, cls: candidate.cls };
  const { node } = candidate;

  if (ts.isNewExpression(node)) {
    const entity = resolveEntity(node.expression, place);
    const command = entity && classifyCommand(entity.module, entity.path);
    if (command?.service === "kms") {
      const start = node.getStart(collected.sourceFile);
      model.kmsCalls.push(
        kmsCall(command.operation, "sdk-v3-command", node, start, candidate, reader),
      );
    } else if (command?.service === "s3") {
      addS3Call(
        command.operation,
        node,
        node.getStart(collected.sourceFile),
        candidate,
        reader,
        model,
      );
    }
    return;
  }

  const callee = unwrap(node.expression);
  if (ts.isIdentifier(callee)) {
    addBareEsdkCall(callee, candidate, collected, reader, model);
    return;
  }
  if (!ts.isPropertyAccessExpression(callee)) {
    return;
  }

  const method = callee.name.text;
  const origin = originOf(callee.expression, place, collected);
  const start = callee.name.getStart(collected.sourceFile);
  const kmsOperation = KMS_METHODS.get(method);
  const flavor = kmsFlavor(origin);
  if (kmsOperation && flavor) {
    model.kmsCalls.push(kmsCall(kmsOperation, flavor, node, start, candidate, reader));
  } else if (S3_METHODS.has(method) && isS3(origin)) {
    addS3Call(S3_METHODS.get(method)!, node, start, candidate, reader, model);
  } else if (ESDK_OPERATIONS.has(method) && origin === "esdk-client") {
    addEsdkCall(method, node, start, candidate, collected, reader, model);
  } else if (CDK_GRANT_METHODS.has(method) && origin === "cdk-key") {
    addCdkGrant(method, node, start, candidate, reader, model);
  }
}

function kmsFlavor(origin: Origin | undefined): CallFlavor | undefined {
  if (origin === "kms-v3-aggregated") {
    return "sdk-v3-aggregated";
  }
  return origin === "kms-v2" ? "sdk-v2" : undefined;
}

function isS3(origin: Origin | undefined): boolean {
  return origin === "s3-v2" || origin === "s3-v3-aggregated";
}

function kmsCall(
  operation: KmsOperation,
  flavor: CallFlavor,
  node: ts.CallExpression | ts.NewExpression,
  start: number,
  candidate: Candidate,
  reader: ValueReader,
): KmsCall {
  const { info, resolved } = reader.request(requestArgument(node), candidate.scope);
  const members = resolved?.members ?? new Map();
  const contexts: Record<string, ContextInfo> = {};
  for (const member of CONTEXT_MEMBERS[operation]) {
    contexts[member] = reader.context(members.get(member), info.complete);
  }

  const call: KmsCall = {
    kind: "kms",
    operation,
    flavor,
    start,
    end: node.end,
    request: info,
    contexts,
    keyReference: reader.keyReference(
      members.get(operation === "ReEncrypt" ? "DestinationKeyId" : "KeyId"),
    ),
    identifiersInScope: [],
  };
  namesInScopeIfFixable(call, candidate, start);
  call.encryptionAlgorithm = algorithmOf(
    members.get(
      operation === "ReEncrypt" ? "DestinationEncryptionAlgorithm" : "EncryptionAlgorithm",
    ),
    reader,
  );
  if (operation === "ReEncrypt") {
    call.sourceEncryptionAlgorithm = algorithmOf(members.get("SourceEncryptionAlgorithm"), reader);
  }
  if (operation === "ReEncrypt") {
    call.sourceKeyReference = reader.keyReference(members.get("SourceKeyId"));
  }
  if (operation === "CreateGrant") {
    addGrantFacts(
      call,
      members.get("Operations"),
      members.get("Constraints"),
      info.complete,
      reader,
    );
  }
  return call;
}

/** A literal algorithm name, `unknown` for another expression, undefined when absent. */
function algorithmOf(member: MemberRef | undefined, reader: ValueReader): string | undefined {
  if (!member?.value) {
    return undefined;
  }
  const value = reader.staticValue(member.value, member.scope);
  return value.kind === "string" ? value.value : "unknown";
}

function addGrantFacts(
  call: KmsCall,
  operations: MemberRef | undefined,
  constraints: MemberRef | undefined,
  requestComplete: boolean,
  reader: ValueReader,
): void {
  call.grantOperations = reader.stringList(operations) ?? { values: [], complete: false };
  call.constraints = reader.member(constraints, requestComplete);

  const resolved = constraints?.value && reader.resolveObject(constraints.value, constraints.scope);
  const constraintsComplete = constraints ? (resolved?.complete ?? false) : requestComplete;
  for (const name of ["EncryptionContextEquals", "EncryptionContextSubset"]) {
    call.contexts[`Constraints.${name}`] =
      constraints && !resolved
        ? { kind: "unknown", reason: "the grant constraints are not fully known" }
        : reader.context(resolved ? resolved.members.get(name) : undefined, constraintsComplete);
  }
}

/**
 * Fills in the names in scope for a call a fix may complete (a missing or empty context, a
 * CreateGrant): gathering them for every call was the largest cost after parsing in
 * call-heavy files, and only fixes use them.
 */
function namesInScopeIfFixable(
  call: KmsCall | EsdkCall,
  candidate: Candidate,
  start: number,
): void {
  const contexts = call.kind === "kms" ? Object.values(call.contexts) : [call.context];
  const fixable =
    (call.kind === "kms" && call.operation === "CreateGrant") ||
    contexts.some(
      (context) =>
        context.kind === "absent" || (context.kind === "object" && context.entries.length === 0),
    );
  if (fixable) {
    call.identifiersInScope = candidate.scope.valueNamesBefore(start);
  }
}

/** The request argument: the command's input, or the method's first argument. */
function requestArgument(node: ts.CallExpression | ts.NewExpression): ts.Expression | undefined {
  const first = node.arguments?.[0];
  return first && ts.isSpreadElement(first) ? undefined : first;
}

function addS3Call(
  operation: string,
  node: ts.CallExpression | ts.NewExpression,
  start: number,
  candidate: Candidate,
  reader: ValueReader,
  model: CodeModel,
): void {
  const argument = requestArgument(node);
  const resolved = argument && reader.resolveObject(argument, candidate.scope);
  const member = resolved?.members.get("SSEKMSEncryptionContext");
  if (!member?.value) {
    return;
  }
  const valueNode = member.value;
  model.s3Calls.push({
    kind: "s3",
    operation,
    start,
    end: node.end,
    value: reader.staticValue(valueNode, member.scope),
    valueStart: valueNode.getStart(reader.sourceFile),
    valueEnd: valueNode.end,
  });
}

function addBareEsdkCall(
  callee: ts.Identifier,
  candidate: Candidate,
  collected: Collected,
  reader: ValueReader,
  model: CodeModel,
): void {
  const binding = candidate.scope.lookup(callee.text);
  if (binding?.kind !== "destructured" || binding.path.length !== 1) {
    return;
  }
  const method = binding.path[0];
  if (!ESDK_OPERATIONS.has(method)) {
    return;
  }
  const origin = originOf(binding.source, { scope: binding.scope, cls: candidate.cls }, collected);
  if (origin === "esdk-client") {
    const start = callee.getStart(collected.sourceFile);
    addEsdkCall(
      method,
      candidate.node as ts.CallExpression,
      start,
      candidate,
      collected,
      reader,
      model,
    );
  }
}

function addEsdkCall(
  method: string,
  node: ts.CallExpression,
  start: number,
  candidate: Candidate,
  collected: Collected,
  reader: ValueReader,
  model: CodeModel,
): void {
  const { operation, options } = ESDK_OPERATIONS.get(method)!;
  const args = node.arguments;
  const hasSpread = args.some((argument) => ts.isSpreadElement(argument));
  const optionsArgument = hasSpread ? undefined : args[options];
  const request = hasSpread
    ? { info: { complete: false, members: [] } }
    : reader.request(optionsArgument, candidate.scope);
  const isEncrypt = operation === "encrypt" || operation === "encryptStream";
  const context = isEncrypt
    ? reader.context(request.resolved?.members.get("encryptionContext"), request.info.complete)
    : ({ kind: "absent" } as ContextInfo);

  const call: EsdkCall = {
    kind: "esdk",
    operation,
    start,
    end: node.end,
    context,
    request: request.info,
    resultContextChecked: isEncrypt ? undefined : resultChecked(node, candidate, collected),
    appendOptionsAt:
      !hasSpread && !optionsArgument && args.length === options
        ? args[args.length - 1].end
        : undefined,
    identifiersInScope: [],
  };
  namesInScopeIfFixable(call, candidate, start);
  model.esdkCalls.push(call);
}

/**
 * Whether the decrypt result's context is read where the call is made: in its function, or,
 * for a callback, in the function around it. A result handed back whole is the caller's to check.
 */
function resultChecked(
  node: ts.CallExpression,
  candidate: Candidate,
  collected: Collected,
): boolean | undefined {
  if (collected.returnedCalls.has(node)) {
    return undefined;
  }
  for (let fn: typeof candidate.fn | undefined = candidate.fn; fn; fn = fn.parent) {
    if (fn.readsHeaderContext) {
      return true;
    }
    if (!fn.isExpression) {
      break;
    }
  }
  return false;
}

function addCdkGrant(
  method: string,
  node: ts.CallExpression,
  start: number,
  candidate: Candidate,
  reader: ValueReader,
  model: CodeModel,
): void {
  const fixed = CDK_GRANT_METHODS.get(method);
  let actions = fixed ?? [];
  let actionsComplete = true;
  if (!fixed) {
    actions = [];
    for (const argument of node.arguments.slice(1)) {
      const value = ts.isSpreadElement(argument)
        ? undefined
        : reader.staticValue(argument, candidate.scope);
      if (value?.kind === "string") {
        actions.push(value.value);
      } else {
        actionsComplete = false;
      }
    }
  }
  model.cdkGrants.push({
    kind: "cdk-grant",
    method,
    actions,
    actionsComplete,
    start,
    end: node.end,
  });
}
