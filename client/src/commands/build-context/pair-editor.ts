import * as vscode from "vscode";
import type {
  ContextPair,
  PairField,
  PairProblem,
} from "../../../../server/src/shared/builder-protocol";
import type { BuilderServer } from "./server-api";
import { formatValue, parseValue } from "./pair-text";
import { describePair } from "./recent";

type EditorItem = vscode.QuickPickItem & { action: "continue" | "add" | number };

const SEVERITY_ICON: Record<PairProblem["severity"], string> = {
  error: "$(error)",
  warning: "$(warning)",
  information: "$(info)",
  hint: "$(info)",
};

/**
 * Step 2: add, edit and remove pairs until the user continues. Every pair shows what the
 * server's validation says about it, with the reason and a fix one keystroke away. Returns
 * undefined when the user cancels.
 */
export async function editPairs(
  server: BuilderServer,
  initial: ContextPair[],
): Promise<ContextPair[] | undefined> {
  let pairs = [...initial];
  if (pairs.length === 0) {
    const first = await askForPair(server, pairs, undefined);
    if (!first) {
      return undefined;
    }
    pairs = [first];
  }

  for (;;) {
    const problems = await server.validate(pairs).catch(() => [] as PairProblem[]);
    const items: EditorItem[] = [
      {
        label: "$(arrow-right) Continue: choose where to put it",
        description: `${pairs.length} pair${pairs.length === 1 ? "" : "s"}`,
        action: "continue",
      },
      { label: "$(add) Add a pair…", action: "add" },
      ...pairs.map((pair, index) => pairItem(pair, index, problems)),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: "Build Encryption Context (2/3): pairs",
      placeHolder: "Pick a pair to edit it, fix it or remove it",
      ignoreFocusOut: true,
    });
    if (!picked) {
      return undefined;
    }
    if (picked.action === "continue") {
      return pairs;
    }
    if (picked.action === "add") {
      const added = await askForPair(server, pairs, undefined);
      if (added) {
        pairs = [...pairs, added];
      }
      continue;
    }
    pairs = await editOnePair(server, pairs, picked.action, problems);
  }
}

function pairItem(pair: ContextPair, index: number, problems: PairProblem[]): EditorItem {
  const own = problems.filter((problem) => problem.pairIndex === index);
  const worst = own[0];
  return {
    label: `${worst ? SEVERITY_ICON[worst.severity] : "$(pass)"} ${describePair(pair)}`,
    description: pair.value.kind === "expression" ? "code" : undefined,
    detail: worst
      ? `${worst.code ? `${worst.code}: ` : ""}${worst.reason} Fix: ${worst.suggestion.title}.`
      : undefined,
    action: index,
  };
}

async function editOnePair(
  server: BuilderServer,
  pairs: ContextPair[],
  index: number,
  problems: PairProblem[],
): Promise<ContextPair[]> {
  const pair = pairs[index];
  type Action = vscode.QuickPickItem & { run: () => Promise<ContextPair[]> };
  const replace = (replacement: ContextPair | undefined) =>
    replacement
      ? pairs.map((candidate, position) => (position === index ? replacement : candidate))
      : pairs.filter((_candidate, position) => position !== index);

  const fixes: Action[] = problems
    .filter((problem) => problem.pairIndex === index)
    .map((problem) => ({
      label: `$(lightbulb) ${problem.suggestion.title}`,
      detail: problem.reason,
      run: async () => replace(problem.suggestion.replacement),
    }));
  const actions: Action[] = [
    ...fixes,
    {
      label: "$(edit) Edit the key and value…",
      run: async () => {
        const edited = await askForPair(server, pairs, index);
        return edited ? replace(edited) : pairs;
      },
    },
    {
      label:
        pair.value.kind === "literal"
          ? "$(code) Take the value from code instead"
          : "$(quote) Make the value a literal string",
      detail:
        pair.value.kind === "literal"
          ? "In TypeScript the value becomes an expression; in policies the key is required to be present"
          : undefined,
      run: async () =>
        replace({
          key: pair.key,
          value: {
            kind: pair.value.kind === "literal" ? "expression" : "literal",
            text: pair.value.text,
          },
        }),
    },
    { label: "$(trash) Remove this pair", run: async () => replace(undefined) },
    { label: "$(arrow-left) Back", run: async () => pairs },
  ];

  const picked = await vscode.window.showQuickPick(actions, {
    title: describePair(pair),
    ignoreFocusOut: true,
  });
  return picked ? picked.run() : pairs;
}

/**
 * Asks for a key, then a value, validating each keystroke against the whole context through
 * the server. A value starting with `=` is code (`=tenantId`); anything else is a string.
 */
async function askForPair(
  server: BuilderServer,
  pairs: ContextPair[],
  index: number | undefined,
): Promise<ContextPair | undefined> {
  const position = index ?? pairs.length;
  const current = index === undefined ? undefined : pairs[index];
  const withPair = (pair: ContextPair) =>
    index === undefined
      ? [...pairs, pair]
      : pairs.map((candidate, at) => (at === index ? pair : candidate));

  const key = await liveInput(server, {
    title: "Encryption context key",
    prompt: "A name that describes the data, e.g. tenant, purpose, recordType",
    value: current?.key ?? "",
    field: "key",
    position,
    candidate: (text) =>
      withPair({ key: text, value: current?.value ?? { kind: "literal", text: "x" } }),
  });
  if (key === undefined) {
    return undefined;
  }

  const valueText = await liveInput(server, {
    title: `Value of "${key}"`,
    prompt: "A string, or = followed by code (e.g. =tenantId) to take the value from a variable",
    value: current ? formatValue(current.value) : "",
    field: "value",
    position,
    candidate: (text) => withPair({ key, value: parseValue(text) }),
  });
  return valueText === undefined ? undefined : { key, value: parseValue(valueText) };
}

interface LiveInputOptions {
  title: string;
  prompt: string;
  value: string;
  field: PairField;
  position: number;
  candidate: (text: string) => ContextPair[];
}

/** An input box whose message shows the server's verdict on what is typed, as it is typed. */
function liveInput(server: BuilderServer, options: LiveInputOptions): Promise<string | undefined> {
  return new Promise((resolve) => {
    const input = vscode.window.createInputBox();
    input.title = options.title;
    input.prompt = options.prompt;
    input.value = options.value;
    input.ignoreFocusOut = true;
    let latest = 0;

    const check = async (text: string) => {
      const request = ++latest;
      const problems = await server.validate(options.candidate(text)).catch(() => []);
      if (request !== latest) {
        return;
      }
      const own = problems.find(
        (problem) => problem.pairIndex === options.position && problem.field === options.field,
      );
      input.validationMessage = own
        ? {
            message: `${own.code ? `${own.code}: ` : ""}${own.reason} Fix: ${own.suggestion.title}.`,
            severity:
              own.severity === "error"
                ? vscode.InputBoxValidationSeverity.Error
                : own.severity === "warning"
                  ? vscode.InputBoxValidationSeverity.Warning
                  : vscode.InputBoxValidationSeverity.Info,
          }
        : undefined;
    };

    let accepted = false;
    input.onDidChangeValue((text) => void check(text));
    input.onDidAccept(() => {
      const blocking =
        typeof input.validationMessage === "object" &&
        input.validationMessage.severity === vscode.InputBoxValidationSeverity.Error;
      if (blocking || (options.field === "key" && input.value.trim() === "")) {
        return;
      }
      accepted = true;
      resolve(input.value);
      input.hide();
    });
    input.onDidHide(() => {
      if (!accepted) {
        resolve(undefined);
      }
      input.dispose();
    });
    input.show();
    void check(input.value);
  });
}
