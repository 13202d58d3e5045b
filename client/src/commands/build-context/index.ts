import * as vscode from "vscode";
import {
  BUILD_CONTEXT_COMMAND,
  type BuildContextCommandArgs,
  type ContextPair,
} from "../../../../server/src/shared/builder-protocol";
import { editPairs } from "./pair-editor";
import { RecentContexts } from "./recent";
import { BuilderServer, type RequestSender } from "./server-api";
import { chooseStart } from "./start";
import { chooseDestination, previewAndWrite } from "./targets";

/**
 * Registers "KMS: Build Encryption Context…". From the palette it starts with a preset; from a
 * code action it receives the finding's document, position, target and starting pairs.
 */
export function registerBuildContextCommand(
  context: vscode.ExtensionContext,
  getClient: () => RequestSender | undefined,
): vscode.Disposable {
  const recent = new RecentContexts(context.workspaceState);
  return vscode.commands.registerCommand(
    BUILD_CONTEXT_COMMAND,
    async (args?: BuildContextCommandArgs) => {
      const client = getClient();
      if (!client) {
        void vscode.window.showWarningMessage(
          "KMS Context Guard's language server is not running.",
        );
        return;
      }
      try {
        await buildContext(client, recent, isCommandArgs(args) ? args : undefined);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        void vscode.window.showErrorMessage(`Build Encryption Context failed: ${reason}`);
      }
    },
  );
}

async function buildContext(
  client: RequestSender,
  recent: RecentContexts,
  args: BuildContextCommandArgs | undefined,
): Promise<void> {
  const editor = args ? await revealFinding(args) : vscode.window.activeTextEditor;
  const server = new BuilderServer(client, editor?.document.uri.toString());

  let pairs: ContextPair[] | undefined =
    args && args.pairs.length > 0
      ? args.pairs
      : await chooseStart(recent.list(), server.workspaceKeys());
  if (!pairs) {
    return;
  }

  for (;;) {
    pairs = await editPairs(server, pairs);
    if (!pairs) {
      return;
    }
    const destination = await chooseDestination(editor?.document.languageId, args?.target);
    if (destination === undefined) {
      return;
    }
    if (destination === "back") {
      continue;
    }

    const problems = await server.validate(pairs, destination.check);
    const errors = problems.filter((problem) => problem.severity === "error");
    if (errors.length > 0) {
      void vscode.window.showWarningMessage(
        `Fix ${errors.length} problem${errors.length === 1 ? "" : "s"} first: ${errors[0].reason}`,
      );
      continue;
    }
    const warnings = problems
      .filter((problem) => problem.severity === "warning")
      .map((problem) => `${pairs![problem.pairIndex].key}: ${problem.reason}`);
    if (await previewAndWrite(server, editor, destination, pairs, warnings)) {
      await recent.remember(pairs);
    }
    return;
  }
}

/** Opens the finding's document with the cursor on the finding, as the builder expects. */
async function revealFinding(args: BuildContextCommandArgs): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  const editor = await vscode.window.showTextDocument(document);
  const position = new vscode.Position(args.position.line, args.position.character);
  editor.selection = new vscode.Selection(position, position);
  return editor;
}

function isCommandArgs(value: unknown): value is BuildContextCommandArgs {
  const candidate = value as BuildContextCommandArgs | undefined;
  return (
    typeof candidate?.uri === "string" &&
    typeof candidate.position?.line === "number" &&
    Array.isArray(candidate.pairs) &&
    typeof candidate.target?.kind === "string"
  );
}
