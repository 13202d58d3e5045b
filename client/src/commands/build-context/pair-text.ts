import type { ContextPair } from "../../../../server/src/shared/builder-protocol";

/**
 * How the builder's input boxes read what the user types. Kept free of `vscode` so it can be
 * tested on its own.
 */

/** A value typed as `=expression` is code (`=tenantId`); anything else is a literal string. */
export function parseValue(text: string): ContextPair["value"] {
  const expression = text.startsWith("=") ? text.slice(1).trim() : "";
  return expression ? { kind: "expression", text: expression } : { kind: "literal", text };
}

/** The text to show in the value box for an existing value: the inverse of `parseValue`. */
export function formatValue(value: ContextPair["value"]): string {
  return value.kind === "expression" ? `=${value.text}` : value.text;
}

/** A plausible variable name for a key's value: `tenant-id` → `tenantId`, `aws:s3:arn` → `awsS3Arn`. */
export function identifierFor(key: string): string {
  const words = key.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words
    .map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1)))
    .join("");
  return /^[A-Za-z_$]/.test(camel) ? camel : `value${camel}`;
}
