import { checkSensitiveKeyName } from "../sensitive";
import type { ContextEntry, ContextInfo, ObjectLayout } from "./model";

/**
 * Text builders for the code fixes: context suggestions and member insertion that follows the
 * file's own indentation and comma style. Suggestions use snippet syntax (`${1:name}`); callers
 * that cannot show snippets turn them into plain text with `snippetToPlainText` (engine/snippet).
 */

/** An edit by string offsets; rules turn it into a `TextEdit` through their context. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Names that identify what the data belongs to, the best material for a context. */
const CONTEXT_WORTHY =
  /^(tenant|account|org|organization|customer|project|workspace|document|doc|file|object|record|table|bucket|resource|order|invoice|stage|environment|env|app|application|service)(Id|ID|Arn|ARN|Name)?$/;

/** Identifiers that name the KMS key, not the data; they do not belong in the context. */
const KEY_NAMES = /(^|[^a-z])key/i;

/**
 * A context object suggested from the identifiers in scope: `{ ${1:tenantId} }` when a
 * `tenantId` (or another identifier naming the data's owner or resource) is in scope, otherwise
 * a `purpose` pair to fill in.
 */
export function suggestContext(identifiersInScope: readonly string[]): string {
  const picked = identifiersInScope
    .filter((name) => CONTEXT_WORTHY.test(name) && !KEY_NAMES.test(name))
    .filter((name) => !checkSensitiveKeyName(name))
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, 2);
  if (picked.length === 0) {
    return '{ purpose: "${1:what-this-data-is}" }';
  }
  return `{ ${picked.map((name, index) => `\${${index + 1}:${name}}`).join(", ")} }`;
}

function rank(name: string): number {
  return name.toLowerCase().startsWith("tenant") ? 0 : 1;
}

/**
 * A copy of a known context as snippet text: keys as written, string literals kept, and every
 * other value turned into a placeholder holding its source text, since the names it uses may
 * not be in scope where the copy lands.
 */
export function copyContext(context: ContextInfo, text: string): string | undefined {
  if (context.kind !== "object" || !context.complete || context.entries.length === 0) {
    return undefined;
  }
  let placeholder = 0;
  const pairs = context.entries.map((entry: ContextEntry) => {
    const key = text.slice(entry.keyStart, entry.keyEnd);
    const valueText = text.slice(entry.valueStart, entry.valueEnd);
    if (entry.value.kind === "string" && /^["'`]/.test(valueText)) {
      return `${key}: ${escapeSnippet(valueText)}`;
    }
    placeholder++;
    const isShorthand = entry.keyStart === entry.valueStart;
    return isShorthand
      ? `\${${placeholder}:${escapePlaceholder(valueText)}}`
      : `${key}: \${${placeholder}:${escapePlaceholder(valueText)}}`;
  });
  return `{ ${pairs.join(", ")} }`;
}

/**
 * Inserts `member` (e.g. `EncryptionContext: {...}`) as the last member of an object literal,
 * on its own line with the members' indentation when the object spans lines.
 */
export function insertMember(layout: ObjectLayout, member: string, text: string): OffsetEdit {
  if (layout.lastMemberEnd === undefined) {
    const inner = layout.memberIndent
      ? `\n${layout.memberIndent}${member}\n${layout.closingIndent}`
      : ` ${member} `;
    return { start: layout.openBrace + 1, end: layout.closeBrace, newText: inner };
  }
  const commaAt = layout.trailingComma ? text.indexOf(",", layout.lastMemberEnd) : -1;
  if (layout.memberIndent !== undefined) {
    return commaAt >= 0
      ? { start: commaAt + 1, end: commaAt + 1, newText: `\n${layout.memberIndent}${member},` }
      : {
          start: layout.lastMemberEnd,
          end: layout.lastMemberEnd,
          newText: `,\n${layout.memberIndent}${member}`,
        };
  }
  return commaAt >= 0
    ? { start: commaAt + 1, end: commaAt + 1, newText: ` ${member},` }
    : { start: layout.lastMemberEnd, end: layout.lastMemberEnd, newText: `, ${member}` };
}

/** Escapes `$`, `}` and `\` so text is inserted literally by a snippet-aware editor. */
export function escapeSnippet(value: string): string {
  return value.replace(/[$\\]/g, "\\$&");
}

function escapePlaceholder(value: string): string {
  return value.replace(/[$}\\]/g, "\\$&");
}
