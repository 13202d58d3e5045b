import { isDeepStrictEqual } from "node:util";
import {
  analyzeDocument,
  type AnalysisResult,
  type AnalyzeOptions,
} from "../../src/engine/analyze";
import type { Range } from "../../src/engine/types";

/** The longest one analysis may take, per the reliability requirements. */
export const TIME_LIMIT_MS = 1000;

/** What one checked input cost, for the statistics the campaign prints. */
export interface CheckOutcome {
  durationMs: number;
  findings: number;
  skipped?: string;
}

/** Lengths of each line without its line break, splitting like LSP (`\r\n`, `\r`, `\n`). */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

function describeRange(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** Throws unless `range` is ordered and every position lies inside the text. */
function assertRangeInside(range: Range, lines: number[], what: string): void {
  for (const position of [range.start, range.end]) {
    const valid =
      Number.isInteger(position.line) &&
      Number.isInteger(position.character) &&
      position.line >= 0 &&
      position.line < lines.length &&
      position.character >= 0 &&
      position.character <= lines[position.line];
    if (!valid) {
      throw new Error(`${what} range ${describeRange(range)} lies outside the document`);
    }
  }
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) {
    throw new Error(`${what} range ${describeRange(range)} ends before it starts`);
  }
}

/** Throws unless every range the result holds for this document lies inside it. */
function assertRangesInside(result: AnalysisResult, text: string): void {
  const lines = lineLengths(text);
  for (const finding of result.findings) {
    assertRangeInside(finding.range, lines, `${finding.code} finding`);
    for (const fix of finding.fixes) {
      for (const edit of fix.edits) {
        assertRangeInside(edit.range, lines, `${finding.code} fix "${fix.title}"`);
      }
    }
    for (const related of finding.related ?? []) {
      if (related.fileName === undefined) {
        assertRangeInside(related.range, lines, `${finding.code} related location`);
      }
    }
  }
}

/**
 * Analyses one document twice and throws, with a message that says which property broke,
 * unless: nothing throws, every range lies inside the document, each run takes under
 * {@link TIME_LIMIT_MS}, both runs give the same result, and a skipped document has no finding.
 */
export function checkDocument(
  fileName: string,
  text: string,
  options: AnalyzeOptions = {},
): CheckOutcome {
  const logger = { warn: () => undefined, ...options.logger };
  const runs: { result: AnalysisResult; durationMs: number }[] = [];

  for (let run = 0; run < 2; run++) {
    const started = performance.now();
    let result: AnalysisResult;
    try {
      result = analyzeDocument({ fileName, text }, { ...options, logger });
    } catch (error) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      throw new Error(`analyzeDocument threw on ${fileName}: ${detail}`);
    }
    const durationMs = performance.now() - started;
    if (durationMs > TIME_LIMIT_MS) {
      throw new Error(`analysing ${fileName} took ${durationMs.toFixed(0)} ms`);
    }
    runs.push({ result, durationMs });
  }

  const [first, second] = runs;
  assertRangesInside(first.result, text);
  if (first.result.skipped && first.result.findings.length > 0) {
    throw new Error(`${fileName} was skipped (${first.result.skipped}) but has findings`);
  }
  const comparable = (result: AnalysisResult) => ({
    findings: result.findings,
    skipped: result.skipped,
  });
  if (!isDeepStrictEqual(comparable(first.result), comparable(second.result))) {
    throw new Error(`analysing ${fileName} twice gave different results`);
  }

  return {
    durationMs: Math.max(first.durationMs, second.durationMs),
    findings: first.result.findings.length,
    skipped: first.result.skipped,
  };
}
