import type { ContextPair, ContextValue } from "./types";

/** How the surrounding code is written, so the rendering matches it. */
export interface CodeStyle {
  quote: '"' | "'";
  /** One level of indentation, e.g. two spaces or a tab. */
  indentUnit: string;
  /** Whether multi-line object literals end with a comma after their last member. */
  trailingComma: boolean;
}

export const DEFAULT_CODE_STYLE: CodeStyle = { quote: '"', indentUnit: "  ", trailingComma: true };

/** The request member that carries the context, by API family. */
export type ContextMemberName =
  | "EncryptionContext"
  | "SourceEncryptionContext"
  | "DestinationEncryptionContext"
  | "encryptionContext";

const IDENTIFIER_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A JavaScript string literal in the given quote style. */
export function stringLiteral(text: string, quote: '"' | "'"): string {
  const escaped = text.replace(/[\\\n\r\t\u2028\u2029\0-\u001f]|["']/g, (char) => {
    switch (char) {
      case "\\":
        return "\\\\";
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      case '"':
      case "'":
        return char === quote ? `\\${char}` : char;
      default:
        return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
    }
  });
  return `${quote}${escaped}${quote}`;
}

/** A property name: bare when it is a valid identifier, quoted otherwise (`"aws:s3:arn"`). */
export function propertyName(key: string, quote: '"' | "'"): string {
  return IDENTIFIER_NAME.test(key) ? key : stringLiteral(key, quote);
}

function valueText(value: ContextValue, quote: '"' | "'"): string {
  return value.kind === "literal" ? stringLiteral(value.text, quote) : value.text;
}

/**
 * Renders pairs as an object literal whose first line continues wherever it is placed and whose
 * following lines are indented from `baseIndent` (the indentation of the line it starts on).
 */
export function renderContextObject(
  pairs: readonly ContextPair[],
  baseIndent = "",
  style: CodeStyle = DEFAULT_CODE_STYLE,
): string {
  if (pairs.length === 0) {
    return "{}";
  }
  const inner = baseIndent + style.indentUnit;
  const lines = pairs.map(
    (pair, index) =>
      `${inner}${propertyName(pair.key, style.quote)}: ${valueText(pair.value, style.quote)}` +
      (index < pairs.length - 1 || style.trailingComma ? "," : ""),
  );
  return `{\n${lines.join("\n")}\n${baseIndent}}`;
}

/** Renders `EncryptionContext: { … }` (or another member name) for a request object. */
export function renderContextMember(
  member: ContextMemberName,
  pairs: readonly ContextPair[],
  baseIndent = "",
  style: CodeStyle = DEFAULT_CODE_STYLE,
): string {
  return `${member}: ${renderContextObject(pairs, baseIndent, style)}`;
}

/** Which grant constraint to write. AWS recommends `equals` where it works. */
export type GrantConstraintKind = "equals" | "subset";

/** The constraint member name for a kind. */
export function grantConstraintMember(kind: GrantConstraintKind): string {
  return kind === "equals" ? "EncryptionContextEquals" : "EncryptionContextSubset";
}

/** Renders a CreateGrant `Constraints: { EncryptionContextEquals: { … } }` member. */
export function renderGrantConstraintsMember(
  kind: GrantConstraintKind,
  pairs: readonly ContextPair[],
  baseIndent = "",
  style: CodeStyle = DEFAULT_CODE_STYLE,
): string {
  const inner = baseIndent + style.indentUnit;
  const constraint = `${grantConstraintMember(kind)}: ${renderContextObject(pairs, inner, style)}`;
  const comma = style.trailingComma ? "," : "";
  return `Constraints: {\n${inner}${constraint}${comma}\n${baseIndent}}`;
}
