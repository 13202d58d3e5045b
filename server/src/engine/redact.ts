import { checkSensitiveValue, maskSensitive } from "./sensitive";

/**
 * Hides sensitive-looking literals (emails, card numbers, tokens, access keys…) in free text
 * that we are about to print or log: a code frame under a finding, an error message that quotes
 * its input. The detection is the one KMS004 uses for values, so anything it would flag is
 * never written out in full by us.
 */

/** Quoted strings (", ', `) and bare runs of characters that can form an email, key or token. */
const CANDIDATES =
  /"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'|`(?:[^`\\\r\n]|\\.)*`|[^\s"'`,;:()[\]{}<>=]+/g;

/**
 * `text` with every sensitive-looking literal masked. Each masked literal keeps its length
 * (`alice@example.com` becomes `a****@example.com`, a card keeps its last four digits), so the
 * columns of carets under a code frame still line up.
 */
export function redactSensitiveText(text: string): string {
  return text.replace(CANDIDATES, (candidate) => {
    const quoted = /^["'`]/.test(candidate);
    const inner = quoted ? candidate.slice(1, -1) : candidate;
    if (!checkSensitiveValue(inner)) {
      return candidate;
    }
    const masked = maskInPlace(inner);
    return quoted ? `${candidate[0]}${masked}${candidate[candidate.length - 1]}` : masked;
  });
}

/** A mask of `value` with the same length, built from `maskSensitive`'s visible parts. */
function maskInPlace(value: string): string {
  const shown = maskSensitive(value);
  const email = /^(.)\*\*\*@(.+)$/.exec(shown);
  if (email) {
    const at = value.lastIndexOf(`@${email[2]}`);
    if (at > 0) {
      return `${value.charAt(0)}${"*".repeat(at - 1)}${value.slice(at)}`;
    }
  }
  const card = /^\*\*\*\*(\d{4})$/.exec(shown);
  if (card) {
    // Keep separators and the last four digits where they are.
    let digitsLeft = value.replace(/\D/g, "").length;
    return value.replace(/\d/g, (digit) => (--digitsLeft < 4 ? digit : "*"));
  }
  const visible = shown.replace(/\*+$/, "").slice(0, Math.max(0, value.length - 3));
  return `${visible}${"*".repeat(value.length - visible.length)}`;
}
