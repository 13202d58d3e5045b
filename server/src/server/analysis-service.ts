import type { Connection, TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { analyzeDocument } from "../engine/analyze";
import type { Finding } from "../engine/types";
import type { WorkspaceFacts } from "../engine/workspace-facts";
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

/** The latest published analysis of one document. */
export interface DocumentAnalysis {
  version: number;
  findings: Finding[];
  /** The document's text when it was analysed, so actions can read directives and lines. */
  text: string;
}

/** How long typing must pause before a changed document is analysed again. */
const CHANGE_DELAY_MS = 150;

/**
 * Runs the engine over open documents and publishes diagnostics. Changes are debounced per
 * document and coalesced: an analysis only publishes when the document is still at the version
 * it analysed, so a slow run never overwrites newer results with stale ones.
 */
export class AnalysisService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly analyses = new Map<string, DocumentAnalysis>();
  /** The diagnostics last published per document, serialised, to skip identical re-sends. */
  private readonly publishedJson = new Map<string, string>();
  /** Why each skipped document is skipped; logged and sent to the client only when it changes. */
  private readonly skipReasons = new Map<string, string>();

  /** The workspace index's facts for cross-file rules, once the workspace is indexed. */
  workspaceFacts: () => WorkspaceFacts | undefined = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
  ) {}

  /** Analyses `document` after `delay` ms, replacing any analysis already scheduled for it. */
  schedule(document: TextDocument, delay = CHANGE_DELAY_MS): void {
    if (!ANALYSED_LANGUAGES.has(document.languageId)) {
      return;
    }
    this.cancel(document.uri);
    const timer = setTimeout(() => {
      this.timers.delete(document.uri);
      this.analyse(document.uri, document.version).catch((error: unknown) => {
        // Nothing may escape a timer: an unhandled rejection would end the server process.
        const reason = error instanceof Error ? error.message : String(error);
        this.connection.console.error(`${document.uri}: analysis failed: ${reason}`);
      });
    }, delay);
    this.timers.set(document.uri, timer);
  }

  /** Schedules every open document, e.g. after the configuration changed. */
  scheduleAll(): void {
    for (const document of this.documents.all()) {
      this.schedule(document, 0);
    }
  }

  /** Forgets a closed document and clears its diagnostics. */
  close(uri: string): void {
    this.cancel(uri);
    this.analyses.delete(uri);
    this.recordSkip(uri, undefined);
    this.settings.forgetDocument(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The latest published analysis of `uri`, if it is for `version` (or any when omitted). */
  analysisOf(uri: string, version?: number): DocumentAnalysis | undefined {
    const analysis = this.analyses.get(uri);
    if (!analysis || (version !== undefined && analysis.version !== version)) {
      return undefined;
    }
    return analysis;
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
    const timer = this.timers.get(uri);
    if (timer) {
      clearTimeout(timer);
      this.timers.delete(uri);
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
    const previous = this.analyses.get(uri);
    this.analyses.set(uri, { version, findings: result.findings, text });

    // Re-analyses caused by other files (the workspace index) usually change nothing; sending
    // the same diagnostics again would only make the editor redraw them.
    const published = JSON.stringify(diagnostics);
    if (previous?.version === version && this.publishedJson.get(uri) === published) {
      return;
    }
    this.publishedJson.set(uri, published);
    await this.connection.sendDiagnostics({ uri, version, diagnostics });

    const elapsed = Date.now() - started;
    if (elapsed > 500) {
      this.connection.console.info(`${uri}: analysis took ${elapsed} ms`);
    }
  }
}
