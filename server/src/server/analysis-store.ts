import { createHash } from "node:crypto";
import type { Diagnostic } from "vscode-languageserver";
import type { ResolvedConfig } from "../engine/config";
import type { Finding } from "../engine/types";

/** The latest published analysis of one document. */
export interface DocumentAnalysis {
  version: number;
  findings: Finding[];
  /** The document's text when it was analysed, so actions can read directives and lines. */
  text: string;
}

/**
 * How many documents keep their whole analysis. A finding's fixes are built lazily and keep
 * what they are built from (a policy's syntax tree, the statement model), about 30 KB per
 * policy file: thousands of open documents would hold them all for code actions that are asked
 * of a few. The documents analysed or asked about last are the ones being edited.
 */
const RECENT_ANALYSES = 16;

/** What is kept of every open document's latest analysis, however many there are. */
interface PublishedAnalysis {
  version: number;
  /** A digest of the diagnostics sent, to skip sending the same ones again. */
  digest: string;
  /** The configuration the document was analysed with, to analyse it again the same way. */
  config: ResolvedConfig;
}

/** Analyses a document again at `version` with `config`; undefined when it is not at it. */
export type Reanalyse = (
  uri: string,
  version: number,
  config: ResolvedConfig,
) => DocumentAnalysis | undefined;

/**
 * Keeps the analyses of open documents for code actions without keeping thousands of them
 * whole: every document keeps its version, configuration and a digest of its diagnostics, and
 * only the most recently used ones keep their findings. Asking for another document's
 * analysis analyses it again, at the version whose diagnostics the editor shows.
 */
export class AnalysisStore {
  private readonly published = new Map<string, PublishedAnalysis>();
  /** Whole analyses in order of use, least recent first. */
  private readonly recent = new Map<string, DocumentAnalysis>();

  constructor(
    private readonly reanalyse: Reanalyse,
    private readonly capacity = RECENT_ANALYSES,
  ) {}

  /**
   * Records the analysis of `uri` and the diagnostics made of it. Returns false when the same
   * diagnostics were already sent for this version, so there is nothing to publish.
   */
  record(
    uri: string,
    analysis: DocumentAnalysis,
    config: ResolvedConfig,
    diagnostics: Diagnostic[],
  ): boolean {
    this.remember(uri, analysis);
    const digest = createHash("sha1").update(JSON.stringify(diagnostics)).digest("base64");
    const previous = this.published.get(uri);
    this.published.set(uri, { version: analysis.version, digest, config });
    return previous?.version !== analysis.version || previous.digest !== digest;
  }

  /**
   * The latest analysis of `uri` if it is for `version` (or any when omitted); analysed again
   * when it was let go.
   */
  get(uri: string, version?: number): DocumentAnalysis | undefined {
    const kept = this.recent.get(uri);
    if (kept) {
      if (version !== undefined && kept.version !== version) {
        return undefined;
      }
      this.remember(uri, kept);
      return kept;
    }

    const published = this.published.get(uri);
    if (!published || (version !== undefined && published.version !== version)) {
      return undefined;
    }
    const analysis = this.reanalyse(uri, published.version, published.config);
    if (analysis) {
      this.remember(uri, analysis);
    }
    return analysis;
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.published.delete(uri);
    this.recent.delete(uri);
  }

  private remember(uri: string, analysis: DocumentAnalysis): void {
    this.recent.delete(uri);
    this.recent.set(uri, analysis);
    if (this.recent.size > this.capacity) {
      const [oldest] = this.recent.keys();
      this.recent.delete(oldest);
    }
  }
}
