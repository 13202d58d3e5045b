import type { CodeModel, ContextInfo } from "../code/model";
import type { SentContextKey } from "../workspace-facts";

/**
 * The context keys a set of code models sends, with their literal values, most used first.
 * The builder offers them so a new context reuses the names the team already uses.
 */
export function collectContextKeys(models: readonly CodeModel[]): SentContextKey[] {
  const byKey = new Map<string, { count: number; values: Map<string, number> }>();

  const add = (context: ContextInfo | undefined) => {
    if (!context || context.kind !== "object") {
      return;
    }
    for (const entry of context.entries) {
      if (entry.key === undefined) {
        continue;
      }
      const seen = byKey.get(entry.key) ?? { count: 0, values: new Map<string, number>() };
      seen.count++;
      if (entry.value.kind === "string") {
        seen.values.set(entry.value.value, (seen.values.get(entry.value.value) ?? 0) + 1);
      }
      byKey.set(entry.key, seen);
    }
  };

  for (const model of models) {
    for (const call of model.kmsCalls) {
      if (call.operation === "CreateGrant") {
        continue;
      }
      for (const context of Object.values(call.contexts)) {
        add(context);
      }
    }
    for (const call of model.esdkCalls) {
      add(call.context);
    }
  }

  return [...byKey.entries()]
    .map(([key, seen]) => ({
      key,
      count: seen.count,
      values: [...seen.values.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value),
    }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Merges key lists from several sources (open documents, the workspace index). */
export function mergeContextKeys(...lists: readonly SentContextKey[][]): SentContextKey[] {
  const merged = new Map<string, SentContextKey>();
  for (const list of lists) {
    for (const item of list) {
      const existing = merged.get(item.key);
      if (!existing) {
        merged.set(item.key, { ...item, values: [...item.values] });
        continue;
      }
      existing.count = Math.max(existing.count, item.count);
      existing.values = [...new Set([...existing.values, ...item.values])];
    }
  }
  return [...merged.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
