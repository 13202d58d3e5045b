/**
 * What the language status item says, kept free of `vscode` so it can be unit-tested.
 */

/** The language client's state, reduced to what the user needs to know. */
export type ServerState = "starting" | "running" | "stopped";

/** The status item's content; `severity` maps to `LanguageStatusSeverity`. */
export interface StatusText {
  text: string;
  detail: string;
  severity: "information" | "warning" | "error";
  busy: boolean;
}

/**
 * Describes the server state and the number of findings in open documents. `skippedReason` is
 * set when the server left the active document unanalysed (too large, binary…), which would
 * otherwise look like a clean file.
 */
export function describeStatus(
  state: ServerState,
  findingCount: number,
  skippedReason?: string,
): StatusText {
  if (state === "starting") {
    return { text: "KMS Context Guard", detail: "starting…", severity: "information", busy: true };
  }
  if (state === "stopped") {
    return {
      text: "KMS Context Guard",
      detail: "server stopped — run “KMS: Restart Server”",
      severity: "error",
      busy: false,
    };
  }
  if (skippedReason) {
    return {
      text: "KMS Context Guard: file skipped",
      detail: `this file is not analysed: ${skippedReason}`,
      severity: "warning",
      busy: false,
    };
  }
  const findings =
    findingCount === 0
      ? "no findings"
      : `${findingCount} ${findingCount === 1 ? "finding" : "findings"}`;
  return {
    text: `KMS Context Guard: ${findings}`,
    detail: "server running",
    severity: findingCount > 0 ? "warning" : "information",
    busy: false,
  };
}
