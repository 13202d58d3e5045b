import * as vscode from "vscode";
import {
  CONTEXT_PRESETS,
  PLACEHOLDER_DEFAULTS,
  presetPairs,
  templatePlaceholders,
  type ContextPreset,
} from "../../../../server/src/engine/builder/presets";
import type { ContextPair, SentContextKey } from "../../../../server/src/shared/builder-protocol";
import { identifierFor } from "./pair-text";
import { describePairs } from "./recent";

type StartItem = vscode.QuickPickItem & { choose?: () => Promise<ContextPair[] | undefined> };

/**
 * Step 1: where the context starts from — a preset, the keys the workspace's code already
 * sends, a recent context, or nothing. Returns undefined when the user cancels.
 */
export async function chooseStart(
  recent: ContextPair[][],
  workspaceKeys: Promise<SentContextKey[]>,
): Promise<ContextPair[] | undefined> {
  const keys = await workspaceKeys.catch(() => [] as SentContextKey[]);
  const items: StartItem[] = [
    {
      label: "$(add) From scratch",
      description: "add your own pairs",
      choose: async () => [],
    },
  ];

  if (keys.length > 0) {
    items.push({
      label: "$(symbol-key) Keys your code already sends…",
      description: keys
        .slice(0, 4)
        .map((key) => key.key)
        .join(", "),
      choose: () => pickWorkspaceKeys(keys),
    });
  }

  if (recent.length > 0) {
    items.push({ label: "Recent", kind: vscode.QuickPickItemKind.Separator });
    for (const pairs of recent) {
      items.push({ label: `$(history) ${describePairs(pairs)}`, choose: async () => pairs });
    }
  }

  items.push({
    label: "AWS services (what they send to KMS)",
    kind: vscode.QuickPickItemKind.Separator,
  });
  items.push(...CONTEXT_PRESETS.filter((preset) => preset.kind === "aws-service").map(presetItem));
  items.push({ label: "Application patterns", kind: vscode.QuickPickItemKind.Separator });
  items.push(...CONTEXT_PRESETS.filter((preset) => preset.kind === "application").map(presetItem));

  const picked = await vscode.window.showQuickPick(items, {
    title: "Build Encryption Context (1/3): start from",
    placeHolder: "A preset, the keys your code uses, a recent context, or scratch",
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return picked?.choose?.();
}

function presetItem(preset: ContextPreset): StartItem {
  return {
    label: `${preset.verified ? "" : "$(warning) "}${preset.label}`,
    description: preset.description,
    detail: preset.verified
      ? `Source: ${preset.source}`
      : `Unverified — seen in ${preset.source}, not in AWS documentation`,
    choose: () => fillPreset(preset),
  };
}

/**
 * Asks for each placeholder of a preset. An empty answer leaves the value to code: in
 * TypeScript it becomes an identifier of that name, elsewhere a visible placeholder.
 */
async function fillPreset(preset: ContextPreset): Promise<ContextPair[] | undefined> {
  const names = [
    ...new Set(preset.pairs.flatMap((pair) => templatePlaceholders(pair.template))),
  ].filter((name) => PLACEHOLDER_DEFAULTS[name] === undefined);
  const values: Record<string, string> = {};

  for (const [index, name] of names.entries()) {
    const pair = preset.pairs.find((candidate) => candidate.template.includes(`\${${name}}`));
    const answer = await vscode.window.showInputBox({
      title: `${preset.label}: ${name} (${index + 1}/${names.length})`,
      prompt: `${pair?.key}: ${pair?.description}. Leave empty to take it from a variable named ${name} in code.`,
      placeHolder: name,
      ignoreFocusOut: true,
    });
    if (answer === undefined) {
      return undefined;
    }
    values[name] = answer.trim();
  }
  return presetPairs(preset, values);
}

async function pickWorkspaceKeys(keys: SentContextKey[]): Promise<ContextPair[] | undefined> {
  const picked = await vscode.window.showQuickPick(
    keys.map((key) => ({
      label: key.key,
      description: `sent by ${key.count} call${key.count === 1 ? "" : "s"}`,
      detail: key.values.length > 0 ? `values: ${key.values.slice(0, 5).join(", ")}` : undefined,
      picked: true,
      key,
    })),
    { title: "Keys your code already sends", canPickMany: true, ignoreFocusOut: true },
  );
  if (!picked) {
    return undefined;
  }
  return picked.map(({ key }) =>
    key.values.length === 1
      ? { key: key.key, value: { kind: "literal", text: key.values[0] } }
      : { key: key.key, value: { kind: "expression", text: identifierFor(key.key) } },
  );
}
