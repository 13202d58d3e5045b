import { grantConstraintMember, type GrantConstraintKind } from "./render-code";
import { literalOrPlaceholder } from "./render-policy";
import type { ContextPair } from "./types";

/**
 * AWS CLI arguments for a context. The CLI's shorthand (`Key=Value,…`) only accepts keys made
 * of letters and digits and values without quotes, commas, spaces or brackets; anything else is
 * written in the JSON form, which the CLI accepts for every map parameter. Each argument is
 * quoted for a POSIX shell.
 */

const SHORTHAND_KEY = /^[A-Za-z0-9]+$/;
const SHORTHAND_VALUE = /^[A-Za-z0-9_.:/@+-]+$/;
const SHELL_SAFE = /^[A-Za-z0-9_.,:/=@%+-]+$/;

/** Quotes one argument for a POSIX shell; safe words are left bare. */
export function shellQuote(argument: string): string {
  if (SHELL_SAFE.test(argument)) {
    return argument;
  }
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}

function canUseShorthand(pairs: readonly ContextPair[]): boolean {
  return pairs.every(
    (pair) =>
      SHORTHAND_KEY.test(pair.key) &&
      pair.value.kind === "literal" &&
      SHORTHAND_VALUE.test(pair.value.text),
  );
}

function asMap(pairs: readonly ContextPair[]): Record<string, string> {
  return Object.fromEntries(pairs.map((pair) => [pair.key, literalOrPlaceholder(pair.value)]));
}

function shorthand(pairs: readonly ContextPair[]): string {
  return pairs.map((pair) => `${pair.key}=${literalOrPlaceholder(pair.value)}`).join(",");
}

/** The context parameter of a CLI command, as one shell-ready string. */
export type CliContextFlag =
  "--encryption-context" | "--source-encryption-context" | "--destination-encryption-context";

/** `--encryption-context Key=Value,…` (or the JSON form), shell-quoted. */
export function renderCliContext(
  pairs: readonly ContextPair[],
  flag: CliContextFlag = "--encryption-context",
): string {
  const value = canUseShorthand(pairs) ? shorthand(pairs) : JSON.stringify(asMap(pairs));
  return `${flag} ${shellQuote(value)}`;
}

/** `--constraints EncryptionContextEquals={Key=Value,…}` (or the JSON form), shell-quoted. */
export function renderCliConstraints(
  kind: GrantConstraintKind,
  pairs: readonly ContextPair[],
): string {
  const member = grantConstraintMember(kind);
  const value = canUseShorthand(pairs)
    ? `${member}={${shorthand(pairs)}}`
    : JSON.stringify({ [member]: asMap(pairs) });
  return `--constraints ${shellQuote(value)}`;
}
