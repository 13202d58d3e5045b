import * as vscode from "vscode";
import { DIAGNOSTIC_SOURCE } from "../../server/src/server/protocol";
import { describeStatus, type ServerState } from "./status-text";

/** The document selector the status item is shown for (the languages the server reads). */
const STATUS_SELECTOR: vscode.DocumentSelector = [
  "typescript",
  "typescriptreact",
  "javascript",
  "javascriptreact",
  "json",
  "jsonc",
  "yaml",
];

/**
 * A language status item showing whether the server runs and how many findings the open
 * documents have. It never pops up anything; the user looks at it when they want to.
 */
export class ServerStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly listeners: vscode.Disposable[];
  private state: ServerState = "starting";
  /** Skip reasons the server sent, by document URI. */
  private readonly skipped = new Map<string, string>();

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem(
      "kmsContextGuard.status",
      STATUS_SELECTOR,
    );
    this.item.name = "KMS Context Guard";
    this.item.command = { title: "Open Log", command: "kmsContextGuard.showLog" };
    this.listeners = [
      vscode.languages.onDidChangeDiagnostics(() => this.render()),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
    ];
    this.render();
  }

  setState(state: ServerState): void {
    this.state = state;
    this.render();
  }

  /** Records the server's word that `uri` is skipped for `reason`, or analysed again. */
  setSkipped(uri: string, reason: string | undefined): void {
    if (reason) {
      this.skipped.set(uri, reason);
    } else {
      this.skipped.delete(uri);
    }
    this.render();
  }

  dispose(): void {
    this.listeners.forEach((listener) => listener.dispose());
    this.item.dispose();
  }

  private render(): void {
    const activeUri = vscode.window.activeTextEditor?.document.uri.toString();
    const skippedReason = activeUri ? this.skipped.get(activeUri) : undefined;
    const status = describeStatus(this.state, countFindings(), skippedReason);
    this.item.text = status.text;
    this.item.detail = status.detail;
    this.item.busy = status.busy;
    this.item.severity =
      status.severity === "error"
        ? vscode.LanguageStatusSeverity.Error
        : status.severity === "warning"
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
  }
}

function countFindings(): number {
  let count = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    count += diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE).length;
  }
  return count;
}
