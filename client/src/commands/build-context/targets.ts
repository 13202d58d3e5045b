import * as vscode from "vscode";
import type {
  BuilderTarget,
  ContextPair,
  PlacementTarget,
  RenderFormat,
} from "../../../../server/src/shared/builder-protocol";
import type { BuilderServer } from "./server-api";

/** A destination: into the document at the cursor, or to the clipboard. */
export type Destination =
  | { kind: "document"; target: PlacementTarget; check: BuilderTarget; label: string }
  | { kind: "clipboard"; format: RenderFormat; check: BuilderTarget; label: string };

type TargetItem = vscode.QuickPickItem & { destination?: Destination; back?: true };

const CODE_LANGUAGES = new Set(["typescript", "typescriptreact", "javascript", "javascriptreact"]);
const POLICY_LANGUAGES = new Set(["json", "jsonc", "yaml"]);

/**
 * Step 3: where the context goes. Targets that fit the active document come first (the one a
 * code action asked for at the very top); clipboard targets are always offered. Returns
 * "back" to return to the pairs, or undefined when the user cancels.
 */
export async function chooseDestination(
  languageId: string | undefined,
  preferred: PlacementTarget | undefined,
): Promise<Destination | "back" | undefined> {
  const inDocument: Destination[] = [];
  if (languageId && CODE_LANGUAGES.has(languageId)) {
    const member = preferred?.kind === "code" ? preferred.member : undefined;
    inDocument.push(
      {
        kind: "document",
        target: { kind: "code", member },
        check: "code",
        label: `Insert ${member ?? "the encryption context"} into the request at the cursor`,
      },
      {
        kind: "document",
        target: { kind: "grant", constraint: "equals" },
        check: "grant",
        label: "Insert grant Constraints (EncryptionContextEquals) into the CreateGrant request",
      },
      {
        kind: "document",
        target: { kind: "grant", constraint: "subset" },
        check: "grant",
        label: "Insert grant Constraints (EncryptionContextSubset) — allows extra pairs",
      },
    );
  }
  if (languageId && POLICY_LANGUAGES.has(languageId)) {
    inDocument.push(
      {
        kind: "document",
        target: { kind: "policy" },
        check: "policy",
        label: "Insert a Condition into the policy statement at the cursor",
      },
      {
        kind: "document",
        target: { kind: "policy", options: { keysAllowList: true } },
        check: "policy",
        label:
          "Insert a Condition plus the kms:EncryptionContextKeys allow-list and its Null guard",
      },
      {
        kind: "document",
        target: { kind: "policy", options: { keysAllowList: true, includeEsdkPublicKey: true } },
        check: "policy",
        label: "…the same, allowing aws-crypto-public-key for the Encryption SDK's signing suites",
      },
    );
  }
  const clipboard: Destination[] = [
    {
      kind: "clipboard",
      format: { kind: "cli-context" },
      check: "cli",
      label: "Copy AWS CLI arguments: --encryption-context …",
    },
    {
      kind: "clipboard",
      format: { kind: "cli-constraints", constraint: "equals" },
      check: "grant",
      label: "Copy AWS CLI arguments: --constraints EncryptionContextEquals=…",
    },
    {
      kind: "clipboard",
      format: { kind: "policy-json", options: { keysAllowList: true } },
      check: "policy",
      label: "Copy a policy Condition block (JSON)",
    },
  ];

  if (preferred) {
    inDocument.sort((a, b) => Number(matches(b, preferred)) - Number(matches(a, preferred)));
  }
  const items: TargetItem[] = [
    ...inDocument.map((destination) => ({ label: destination.label, destination })),
    { label: "Clipboard", kind: vscode.QuickPickItemKind.Separator },
    ...clipboard.map((destination) => ({ label: destination.label, destination })),
    { label: "", kind: vscode.QuickPickItemKind.Separator },
    { label: "$(arrow-left) Back to the pairs", back: true },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: "Build Encryption Context (3/3): where should it go?",
    ignoreFocusOut: true,
  });
  if (!picked) {
    return undefined;
  }
  return picked.back ? "back" : picked.destination;
}

function matches(destination: Destination, preferred: PlacementTarget): boolean {
  return destination.kind === "document" && destination.target.kind === preferred.kind;
}

/**
 * Shows what will be written and writes it only when the user accepts: one edit in the
 * document (a single undo step) or one clipboard write. Returns true when something was
 * written.
 */
export async function previewAndWrite(
  server: BuilderServer,
  editor: vscode.TextEditor | undefined,
  destination: Destination,
  pairs: ContextPair[],
  warnings: string[],
): Promise<boolean> {
  if (destination.kind === "clipboard") {
    const rendered = await server.render(pairs, destination.format);
    const accepted = await confirm(
      "Copy this to the clipboard?",
      rendered.text,
      [...warnings, ...rendered.warnings],
      "Copy",
    );
    if (accepted) {
      await vscode.env.clipboard.writeText(rendered.text);
      void vscode.window.showInformationMessage("Copied to the clipboard.");
    }
    return accepted;
  }

  if (!editor) {
    void vscode.window.showWarningMessage(
      "Open the file to insert into, then run the builder again.",
    );
    return false;
  }
  const document = editor.document;
  const params = {
    uri: document.uri.toString(),
    position: editor.selection.active,
    pairs,
    target: destination.target,
  };
  let placed = await server.place(params);
  if (!placed.ok || !placed.edit) {
    void vscode.window.showWarningMessage(placed.reason ?? "Nowhere to put the context here.");
    return false;
  }
  const accepted = await confirm(
    `${placed.description ?? "Insert"} in ${vscode.workspace.asRelativePath(document.uri)}?`,
    placed.edit.newText.trim(),
    [...warnings, ...(placed.warnings ?? [])],
    "Insert",
  );
  if (!accepted) {
    return false;
  }

  // The server computed the edit for one version of the document; if the user typed since,
  // ask again rather than write into the wrong place.
  if (placed.version !== document.version) {
    placed = await server.place(params);
    if (!placed.ok || !placed.edit || placed.version !== document.version) {
      void vscode.window.showWarningMessage("The document changed; run the builder again.");
      return false;
    }
  }
  const edit = placed.edit!;
  const range = new vscode.Range(
    edit.range.start.line,
    edit.range.start.character,
    edit.range.end.line,
    edit.range.end.character,
  );
  const applied = await editor.edit((builder) => builder.replace(range, edit.newText));
  if (applied) {
    const end = document.positionAt(document.offsetAt(range.start) + edit.newText.length);
    editor.revealRange(new vscode.Range(range.start, end));
  }
  return applied;
}

async function confirm(
  question: string,
  preview: string,
  warnings: string[],
  accept: string,
): Promise<boolean> {
  const detail = [preview, ...warnings.map((warning) => `⚠ ${warning}`)].join("\n\n");
  const answer = await vscode.window.showInformationMessage(
    question,
    { modal: true, detail },
    accept,
  );
  return answer === accept;
}
