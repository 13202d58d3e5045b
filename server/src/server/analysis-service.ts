import type { Connection, TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { analyzeDocument } from "../engine/analyze";
import type { ResolvedConfig } from "../engine/config";
import type { WorkspaceFacts } from "../engine/workspace-facts";
import { AnalysisStore, type DocumentAnalysis } from "./analysis-store";
import { findingToDiagnostic } from "./diagnostics";
import { DOCUMENT_SKIPPED_NOTIFICATION, type DocumentSkippedParams } from "./protocol";
import type { SettingsStore } from "./settings";
import { uriToPath } from "./settings";

/** Languages the server analyses; other documents are ignored. */
export const ANALYSED_LANGUAGES = new Set([
  "typescript",
  "typescriptreact",
  "javascript",
  "javascriptreact",
  "json",
  "jsonc",
  "yaml",
]);

export type { DocumentAnalysis } from "./analysis-store";

/**
 * How long a burst of changes may keep postponing a document's analysis. Changes already queued
 * in the connection are applied first so a burst costs one analysis; this bounds the wait when
 * they never stop coming.
 */
const MAX_POSTPONE_MS = 250;

/** How long one turn of the event loop may spend analysing before it lets messages in. */
const TURN_BUDGET_MS = 50;

/** A document waiting to be analysed, and the version it had when last looked at. */
interface PendingAnalysis {
  version: number;
  since: number;
}

/**
 * Runs the engine over open documents and publishes diagnostics. There is no fixed debounce: a
 * change is analysed as soon as the connection has no further change of that document queued,
 * so a single keystroke is answered at once while a burst (a paste, a 1,000-edit script) is
 * coalesced into one analysis of its last version. An analysis only publishes when the document
 * is still at the version it analysed, so a slow run never overwrites newer results.
 */
export class AnalysisService {
  private readonly pending = new Map<string, PendingAnalysis>();
  private settling: NodeJS.Immediate | undefined;
  /** The latest analyses, and what was published of them to skip identical re-sends. */
  private readonly analyses = new AnalysisStore((uri, version, config) =>
    this.reanalyse(uri, version, config),
  );
  /** Why each skipped document is skipped; logged and sent to the client only when it changes. */
  private readonly skipReasons = new Map<string, string>();

  /** The workspace index's facts for cross-file rules, once the workspace is indexed. */
  workspaceFacts: () => WorkspaceFacts | undefined = () => undefined;

  /** Called whenever the queue of documents to analyse has been worked off. */
  onQueueEmpty: () => void = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
  ) {}

  /** Analyses `document` once the changes queued before it have been applied. */
  schedule(document: TextDocument): void {
    if (!ANALYSED_LANGUAGES.has(document.languageId)) {
      return;
    }
    if (!this.pending.has(document.uri)) {
      // -1 never equals a real version, so every document waits at least one turn of the
      // event loop: the connection handles one queued message per turn.
      this.pending.set(document.uri, { version: -1, since: Date.now() });
    }
    this.settling ??= setImmediate(() => void this.settle());
  }

  /** Schedules every open document, e.g. after the configuration changed. */
  scheduleAll(): void {
    for (const document of this.documents.all()) {
      this.schedule(document);
    }
  }

  /** Forgets a closed document and clears its diagnostics. */
  close(uri: string): void {
    this.cancel(uri);
    this.analyses.forget(uri);
    this.recordSkip(uri, undefined);
    this.settings.forgetDocument(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The latest published analysis of `uri`, if it is for `version` (or any when omitted). */
  analysisOf(uri: string, version?: number): DocumentAnalysis | undefined {
    return this.analyses.get(uri, version);
  }

  /**
   * Logs a document's skip reason once and tells the client whenever the document becomes
   * skipped or analysable again, so its status item can say why a file shows no findings.
   */
  private recordSkip(uri: string, reason: string | undefined): void {
    const previous = this.skipReasons.get(uri);
    if (previous === reason) {
      return;
    }

    if (reason) {
      this.skipReasons.set(uri, reason);
      this.connection.console.info(`${uri}: skipped: ${reason}`);
    } else {
      this.skipReasons.delete(uri);
    }

    const params: DocumentSkippedParams = { uri, reason };
    void this.connection.sendNotification(DOCUMENT_SKIPPED_NOTIFICATION, params);
  }

  private cancel(uri: string): void {
    this.pending.delete(uri);
  }

  /**
   * Analyses the pending documents whose version did not move since the last turn, and looks
   * again on the next turn for the others. One turn analyses for at most `TURN_BUDGET_MS`, so
   * requests and edits that arrive while hundreds of documents wait are not held up behind all
   * of them; each analysis checks the version again, so a document that changed meanwhile is
   * simply redone later.
   */
  private async settle(): Promise<void> {
    const started = Date.now();
    for (const [uri, entry] of this.pending) {
      const document = this.documents.get(uri);
      if (!document) {
        this.pending.delete(uri);
        continue;
      }
      if (document.version !== entry.version && started - entry.since < MAX_POSTPONE_MS) {
        entry.version = document.version;
        continue;
      }
      if (Date.now() - started >= TURN_BUDGET_MS) {
        break;
      }

      this.pending.delete(uri);
      try {
        await this.analyse(uri, document.version);
      } catch (error) {
        // Nothing may escape here: an unhandled rejection would end the server process.
        const reason = error instanceof Error ? error.message : String(error);
        this.connection.console.error(`${uri}: analysis failed: ${reason}`);
      }
    }

    this.settling = undefined;
    if (this.pending.size > 0) {
      this.settling = setImmediate(() => void this.settle());
    } else {
      this.onQueueEmpty();
    }
  }

  private async analyse(uri: string, version: number): Promise<void> {
    const config = await this.settings.configFor(uri);
    const document = this.documents.get(uri);
    if (!document || document.version !== version) {
      return;
    }

    const started = Date.now();
    const text = document.getText();
    const result = analyzeDocument(
      { fileName: uriToPath(uri) ?? uri, text, languageId: document.languageId },
      {
        config,
        workspace: this.workspaceFacts(),
        logger: { warn: (message) => this.connection.console.warn(message) },
      },
    );
    this.recordSkip(uri, result.skipped);

    if (this.documents.get(uri)?.version !== version) {
      return;
    }
    const diagnostics = result.findings.map((finding) => findingToDiagnostic(finding, uri));
    const analysis = { version, findings: result.findings, text };

    // Re-analyses caused by other files (the workspace index) usually change nothing; sending
    // the same diagnostics again would only make the editor redraw them.
    if (!this.analyses.record(uri, analysis, config, diagnostics)) {
      return;
    }
    await this.connection.sendDiagnostics({ uri, version, diagnostics });

    const elapsed = Date.now() - started;
    if (elapsed > 500) {
      this.connection.console.info(`${uri}: analysis took ${elapsed} ms`);
    }
  }

  /**
   * The analysis of a document whose findings were let go, made again for a code action: the
   * same text, configuration and workspace give the same findings. Its notes were logged the
   * first time, so this run logs nothing.
   */
  private reanalyse(
    uri: string,
    version: number,
    config: ResolvedConfig,
  ): DocumentAnalysis | undefined {
    const document = this.documents.get(uri);
    if (!document || document.version !== version) {
      return undefined;
    }
    const text = document.getText();
    const result = analyzeDocument(
      { fileName: uriToPath(uri) ?? uri, text, languageId: document.languageId },
      { config, workspace: this.workspaceFacts(), logger: { warn: () => undefined } },
    );
    return { version, findings: result.findings, text };
  }
}
