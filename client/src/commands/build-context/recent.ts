import type * as vscode from "vscode";
import type { ContextPair } from "../../../../server/src/shared/builder-protocol";

const RECENT_KEY = "kmsContextGuard.recentContexts";
const MAX_RECENT = 10;

/**
 * Contexts the user built before in this workspace, newest first. They live in the
 * workspace state, not in settings: they are history, not configuration.
 */
export class RecentContexts {
  constructor(private readonly state: vscode.Memento) {}

  list(): ContextPair[][] {
    const stored = this.state.get<unknown>(RECENT_KEY);
    return Array.isArray(stored) ? stored.filter(isPairList) : [];
  }

  async remember(pairs: ContextPair[]): Promise<void> {
    if (pairs.length === 0) {
      return;
    }
    const id = JSON.stringify(pairs);
    const others = this.list().filter((recent) => JSON.stringify(recent) !== id);
    await this.state.update(RECENT_KEY, [pairs, ...others].slice(0, MAX_RECENT));
  }
}

function isPairList(value: unknown): value is ContextPair[] {
  return (
    Array.isArray(value) &&
    value.every(
      (pair) =>
        typeof pair?.key === "string" &&
        typeof pair?.value?.text === "string" &&
        (pair.value.kind === "literal" || pair.value.kind === "expression"),
    )
  );
}

/** `tenant = "t-42", purpose = invoiceId`: a one-line summary of a context. */
export function describePairs(pairs: readonly ContextPair[]): string {
  return pairs.map(describePair).join(", ");
}

/** `key = "literal"` or `key = expression`. */
export function describePair(pair: ContextPair): string {
  const value = pair.value.kind === "literal" ? JSON.stringify(pair.value.text) : pair.value.text;
  return `${pair.key} = ${value}`;
}
