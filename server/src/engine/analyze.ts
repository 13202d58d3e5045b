import { allRules } from "../rules/registry";
import { crossFileChecksFor } from "../rules/workspace-rules";
import type { Rule } from "../rules/rule";
import { extractCodeModel } from "./code/extract";
import type { CodeModel } from "./code/model";
import { resolveConfig, type ResolvedConfig } from "./config";
import { detectDocumentKind, isDeclarationFile } from "./document-kind";
import { MAX_NESTING_DEPTH, nestingDepth, skipReason } from "./input-limits";
import { redactSensitiveText } from "./redact";
import { LineIndex } from "./line-index";
import { extractPolicyModel } from "./policy/extract";
import type { PolicyModel } from "./policy/model";
import type { AnalyzedDocument, ReportInput, RuleContext } from "./rule-context";
import { applySuppressions } from "./suppressions";
import type { DocumentInput, EngineLogger, Finding, Range } from "./types";
import type { WorkspaceFacts } from "./workspace-facts";

/** Options for one analysis; everything is optional. */
export interface AnalyzeOptions {
  config?: ResolvedConfig;
  workspace?: WorkspaceFacts;
  logger?: EngineLogger;
  /** Only these rules run (for focused tests); default: every enabled rule. */
  onlyRules?: readonly Rule[];
}

/** The outcome of analysing one document. */
export interface AnalysisResult {
  findings: Finding[];
  /**
   * Set when the document was not analysed at all, with a short reason such as `binary content
   * (NUL bytes)`. The engine does not log it: the caller reports it once (the CLI on stderr as
   * `file: skipped: reason`, the server in its log and status item), so it is never doubled.
   */
  skipped?: string;
  /** The extracted models, for callers that index or build on them. */
  codeModel?: CodeModel;
  policyModel?: PolicyModel;
}

const NO_LOGGER: EngineLogger = { warn: () => undefined };

/**
 * Analyses one document: detects its kind, extracts the code and policy models once, runs
 * every enabled rule over them, then applies suppressions. Never throws for bad input: a
 * document that cannot be read is returned as `skipped` with the reason, and a rule that fails
 * is logged and left out while the others still report.
 */
export function analyzeDocument(
  input: DocumentInput,
  options: AnalyzeOptions = {},
): AnalysisResult {
  const config = options.config ?? resolveConfig();
  const logger = options.logger ?? NO_LOGGER;

  if (!config.enable || isDeclarationFile(input.fileName)) {
    return { findings: [] };
  }
  const tooBigOrBinary = skipReason(input.text, config.maxFileSize);
  if (tooBigOrBinary) {
    return { findings: [], skipped: tooBigOrBinary };
  }

  const kind = detectDocumentKind(input.fileName, input.text, input.languageId);
  if (!kind) {
    return { findings: [], skipped: "not TypeScript, JavaScript, JSON or YAML" };
  }

  if (nestingDepth(input.text, kind === "yaml") > MAX_NESTING_DEPTH) {
    return { findings: [], skipped: `nested deeper than ${MAX_NESTING_DEPTH} levels` };
  }

  const document: AnalyzedDocument = {
    fileName: input.fileName,
    text: input.text,
    kind,
    lines: new LineIndex(input.text),
  };

  const extracted = extractModels(document, logger);
  if (extracted.skipped) {
    return { findings: [], skipped: extracted.skipped };
  }

  // The index must see this text before workspace checks ask it about other files.
  options.workspace?.syncDocument?.(input, extracted);

  const findings: Finding[] = [];
  const rules = options.onlyRules ?? allRules;
  for (const rule of rules) {
    const severity = config.rules[rule.meta.code] ?? rule.meta.defaultSeverity;
    if (severity === "off") {
      continue;
    }
    // A rule's findings are kept only when it finishes: a rule that throws half-way may have
    // reported from a state it did not expect, and a partial answer would change between runs.
    const ruleFindings: Finding[] = [];
    const context = createRuleContext(rule, document, config, options.workspace, (finding) => {
      ruleFindings.push({ ...finding, severity });
    });
    if (runRuleIsolated(rule, extracted, context, document.fileName, logger)) {
      findings.push(...ruleFindings);
    }
  }

  findings.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.code.localeCompare(b.code),
  );

  return {
    findings: applySuppressions(findings, document, config),
    codeModel: extracted.codeModel,
    policyModel: extracted.policyModel,
  };
}

interface ExtractedModels {
  codeModel?: CodeModel;
  policyModel?: PolicyModel;
  skipped?: string;
}

function extractModels(document: AnalyzedDocument, logger: EngineLogger): ExtractedModels {
  try {
    const codeModel =
      document.kind === "typescript" || document.kind === "javascript"
        ? extractCodeModel(document)
        : undefined;
    const policyModel = extractPolicyModel(document, logger);
    return { codeModel, policyModel };
  } catch (error) {
    // An extractor failure is a bug in us, not in the user's file; the document is skipped
    // rather than take down the editor or the CLI run. The caller logs `skipped` once, so the
    // engine does not log it too.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      // Deep nesting the pre-check could not see (a long `a + a + …` chain, arrow chains).
      return { skipped: "nested too deeply to parse (stack overflow)" };
    }
    return { skipped: `internal error while reading the file (${describeError(error)})` };
  }
}

function createRuleContext(
  rule: Rule,
  document: AnalyzedDocument,
  config: ResolvedConfig,
  workspace: WorkspaceFacts | undefined,
  push: (finding: Omit<Finding, "severity">) => void,
): RuleContext {
  return {
    document,
    config,
    workspace,
    report(input: ReportInput) {
      push({
        code: rule.meta.code,
        name: rule.meta.name,
        message: input.message,
        range: orderedRange(document.lines, input.start, input.end),
        fixes: input.fixes ?? [],
        related: input.related,
        data: input.data,
      });
    },
    edit(start, end, newText) {
      return { range: orderedRange(document.lines, start, end), newText };
    },
  };
}

/**
 * The range between two offsets whichever comes first. Offsets out of order, out of bounds or
 * not numbers (a rule's bug) still give a range inside the document that editors accept.
 */
function orderedRange(lines: LineIndex, first: number, second: number): Range {
  const range = lines.rangeOf(first, second);
  const { start, end } = range;
  const inverted =
    start.line > end.line || (start.line === end.line && start.character > end.character);
  return inverted ? { start: end, end: start } : range;
}

/**
 * Rule/file pairs whose failure was already logged in this process. Bounded so that a server
 * running for days with a broken rule cannot grow it without limit; once full it starts over,
 * which at worst logs a pair a second time.
 */
const reportedRuleFailures = new Set<string>();
const MAX_REMEMBERED_FAILURES = 1000;

/** Runs one rule; returns false (after logging once per rule and file) when it threw. */
function runRuleIsolated(
  rule: Rule,
  models: ExtractedModels,
  context: RuleContext,
  fileName: string,
  logger: EngineLogger,
): boolean {
  try {
    if (models.codeModel && rule.checkCode) {
      rule.checkCode(models.codeModel, context);
    }
    if (models.policyModel && models.policyModel.statements.length > 0 && rule.checkPolicy) {
      rule.checkPolicy(models.policyModel, context);
    }
    const index = context.workspace?.index;
    if (index) {
      // Cross-file checks of an existing code report under that rule's code and severity.
      for (const check of [rule.checkWorkspace, ...crossFileChecksFor(rule.meta.code)]) {
        check?.(models, index, context);
      }
    }
    return true;
  } catch (error) {
    // One failing rule must not hide the others' findings. Log each rule/file pair once so a
    // document edited a thousand times does not flood the log.
    const failureKey = `${rule.meta.code}\u0000${fileName}`;
    if (!reportedRuleFailures.has(failureKey)) {
      if (reportedRuleFailures.size >= MAX_REMEMBERED_FAILURES) {
        reportedRuleFailures.clear();
      }
      reportedRuleFailures.add(failureKey);
      logger.warn(`${rule.meta.code} failed on ${fileName}: ${describeError(error)}`);
    }
    return false;
  }
}

/**
 * A one-line description of a thrown value, without its stack. Parsers quote their input in
 * error messages (`Unexpected token … in "alice@example.com"`), so sensitive-looking literals
 * are masked before it reaches a log.
 */
function describeError(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redactSensitiveText(message.split(/\r?\n/, 1)[0].slice(0, 300));
}
