import * as ts from "typescript";
import {
  grantConstraintMember,
  propertyName,
  renderContextObject,
  type CodeStyle,
  type ContextMemberName,
  type GrantConstraintKind,
} from "./render-code";
import {
  detectCodeStyle,
  esdkCallWithoutOptions,
  findProperty,
  lineOf,
  memberNameHoldingObject,
  objectAtOffset,
  requestOfCallAt,
  scriptKind,
  staticPropertyName,
} from "./code-syntax";
import { lineIndentAt, type OffsetEdit } from "./text-edit";
import type { ContextPair } from "./types";

/** What to write into a TypeScript/JavaScript request. */
export type CodeInsertion =
  | { kind: "context"; member?: ContextMemberName }
  | { kind: "grant"; constraint: GrantConstraintKind };

/** The outcome of placing a rendering: one edit, or why there is nowhere to put it. */
export type PlacementResult =
  { ok: true; edit: OffsetEdit; description: string } | { ok: false; reason: string };

const CONTEXT_MEMBERS = new Set([
  "EncryptionContext",
  "SourceEncryptionContext",
  "DestinationEncryptionContext",
  "encryptionContext",
  "EncryptionContextEquals",
  "EncryptionContextSubset",
]);

const ESDK_OPTION_NAMES = new Set([
  "plaintextLength",
  "suiteId",
  "frameLength",
  "encryptionContext",
]);

/**
 * Computes the single edit that puts a context into the request object at (or around) the
 * cursor: inside a context object it fills that object, inside a request it adds or completes
 * the context member, on a call it uses the call's request argument. Existing pairs the user
 * did not redefine are kept.
 */
export function placeInCode(
  text: string,
  fileName: string,
  offset: number,
  pairs: readonly ContextPair[],
  insertion: CodeInsertion,
): PlacementResult {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    scriptKind(fileName),
  );
  const style = detectCodeStyle(text, source);
  const object = objectAtOffset(source, offset) ?? requestOfCallAt(source, offset);
  if (!object && insertion.kind === "context") {
    const esdk = esdkCallWithoutOptions(source, offset);
    if (esdk) {
      return addOptionsArgument(text, esdk, pairs, style);
    }
  }
  if (!object) {
    return {
      ok: false,
      reason: "Put the cursor inside the request object of a KMS or Encryption SDK call.",
    };
  }

  const memberOfParent = memberNameHoldingObject(object);
  if (insertion.kind === "context" && memberOfParent && CONTEXT_MEMBERS.has(memberOfParent)) {
    return fillContextObject(text, object, pairs, style, `Fill ${memberOfParent}`);
  }
  if (insertion.kind === "grant" && memberOfParent === "Constraints") {
    return setMember(text, object, grantConstraintMember(insertion.constraint), pairs, style);
  }
  if (
    insertion.kind === "grant" &&
    memberOfParent &&
    /^EncryptionContext(Equals|Subset)$/.test(memberOfParent)
  ) {
    return fillContextObject(text, object, pairs, style, `Fill ${memberOfParent}`);
  }

  if (insertion.kind === "grant") {
    const constraints = findProperty(object, "Constraints");
    if (constraints && ts.isObjectLiteralExpression(constraints.initializer)) {
      return setMember(
        text,
        constraints.initializer,
        grantConstraintMember(insertion.constraint),
        pairs,
        style,
      );
    }
    if (constraints) {
      return {
        ok: false,
        reason: "Constraints is set from an expression; edit it where it is built.",
      };
    }
    const inner = grantConstraintMember(insertion.constraint);
    return addMember(
      text,
      object,
      "Constraints",
      (indent) =>
        `{\n${indent}${style.indentUnit}${inner}: ${renderContextObject(pairs, indent + style.indentUnit, style)}${style.trailingComma ? "," : ""}\n${indent}}`,
      style,
    );
  }

  const member = insertion.member ?? inferContextMember(object);
  return setMember(text, object, member, pairs, style);
}

/** Adds `member: {pairs}` to `object`, or fills the member's object when it already exists. */
function setMember(
  text: string,
  object: ts.ObjectLiteralExpression,
  member: string,
  pairs: readonly ContextPair[],
  style: CodeStyle,
): PlacementResult {
  const existing = findProperty(object, member);
  if (existing && ts.isObjectLiteralExpression(existing.initializer)) {
    return fillContextObject(text, existing.initializer, pairs, style, `Fill ${member}`);
  }
  if (existing) {
    return {
      ok: false,
      reason: `${member} is set from an expression; change the object it comes from instead.`,
    };
  }
  return addMember(
    text,
    object,
    member,
    (indent) => renderContextObject(pairs, indent, style),
    style,
  );
}

/** Rewrites a context object with the given pairs, keeping members the pairs do not redefine. */
function fillContextObject(
  text: string,
  object: ts.ObjectLiteralExpression,
  pairs: readonly ContextPair[],
  style: CodeStyle,
  description: string,
): PlacementResult {
  const newKeys = new Set(pairs.map((pair) => pair.key));
  const kept = object.properties
    .filter((property) => {
      const name = property.name && staticPropertyName(property.name);
      return name === undefined || !newKeys.has(name);
    })
    .map((property) => property.getText());
  const baseIndent = lineIndentAt(text, object.getStart());
  const inner = baseIndent + style.indentUnit;
  const rendered = renderContextObject(pairs, baseIndent, style);
  const newText =
    kept.length === 0
      ? rendered
      : `{\n${kept.map((member) => `${inner}${member},`).join("\n")}\n${rendered.slice(2)}`;
  return { ok: true, edit: { start: object.getStart(), end: object.end, newText }, description };
}

/** Adds one member at the end of an object literal, laid out like the object's other members. */
function addMember(
  text: string,
  object: ts.ObjectLiteralExpression,
  member: string,
  renderValue: (indent: string) => string,
  style: CodeStyle,
): PlacementResult {
  const description = `Add ${member}`;
  const start = object.getStart();
  const baseIndent = lineIndentAt(text, start);
  const properties = object.properties;
  const multiLine =
    properties.length > 0 &&
    lineOf(object.getSourceFile(), properties[0].getStart()) !==
      lineOf(object.getSourceFile(), start);

  if (multiLine) {
    const memberIndent = lineIndentAt(text, properties[0].getStart());
    const last = properties[properties.length - 1];
    const comma = style.trailingComma ? "," : "";
    const memberText = `${propertyName(member, style.quote)}: ${renderValue(memberIndent)}`;
    if (properties.hasTrailingComma) {
      const afterComma = text.indexOf(",", last.end) + 1;
      return {
        ok: true,
        edit: {
          start: afterComma,
          end: afterComma,
          newText: `\n${memberIndent}${memberText}${comma}`,
        },
        description,
      };
    }
    return {
      ok: true,
      edit: { start: last.end, end: last.end, newText: `,\n${memberIndent}${memberText}${comma}` },
      description,
    };
  }

  // An empty or one-line object is rewritten with one member per line, so the new nested
  // object does not hang off the end of a long line.
  const inner = baseIndent + style.indentUnit;
  const members = properties.map((property) => property.getText());
  members.push(`${propertyName(member, style.quote)}: ${renderValue(inner)}`);
  const lines = members.map(
    (memberText, index) =>
      `${inner}${memberText}${index < members.length - 1 || style.trailingComma ? "," : ""}`,
  );
  const newText = `{\n${lines.join("\n")}\n${baseIndent}}`;
  return { ok: true, edit: { start, end: object.end, newText }, description };
}

/** SDK requests use `EncryptionContext`; Encryption SDK options use `encryptionContext`. */
function inferContextMember(object: ts.ObjectLiteralExpression): ContextMemberName {
  const names = object.properties.map(
    (property) => property.name && staticPropertyName(property.name),
  );
  if (names.some((name) => name !== undefined && ESDK_OPTION_NAMES.has(name))) {
    return "encryptionContext";
  }
  const call = object.parent;
  if (ts.isCallExpression(call) && call.arguments.indexOf(object) === 2) {
    return "encryptionContext";
  }
  const callee =
    call && (ts.isCallExpression(call) || ts.isNewExpression(call))
      ? call.expression.getText()
      : "";
  if (/ReEncrypt/i.test(callee)) {
    return names.includes("DestinationEncryptionContext")
      ? "SourceEncryptionContext"
      : "DestinationEncryptionContext";
  }
  return "EncryptionContext";
}

/** Adds `{ encryptionContext: {…} }` as the options argument of an Encryption SDK call. */
function addOptionsArgument(
  text: string,
  call: ts.CallExpression,
  pairs: readonly ContextPair[],
  style: CodeStyle,
): PlacementResult {
  const baseIndent = lineIndentAt(text, call.getStart());
  const inner = baseIndent + style.indentUnit;
  const options =
    `{\n${inner}encryptionContext: ${renderContextObject(pairs, inner, style)}` +
    `${style.trailingComma ? "," : ""}\n${baseIndent}}`;
  const at = call.arguments[1].end;
  return {
    ok: true,
    edit: { start: at, end: at, newText: `, ${options}` },
    description: "Add encryptionContext",
  };
}
