import { allRules } from "../rules/registry";
import { crossFileChecksFor } from "../rules/workspace-rules";
import type { Rule } from "../rules/rule";
import { extractCodeModel } from "./code/extract";
import type { CodeModel } from "./code/model";
import { resolveConfig, type ResolvedConfig } from "./config";
import { detectDocumentKind, isDeclarationFile } from "./document-kind";
import { LineIndex } from "./line-index";
import { extractPolicyModel } from "./policy/extract";
import type { PolicyModel } from "./policy/model";
import type { AnalyzedDocument, ReportInput, RuleContext } from "./rule-context";
import { applySuppressions } from "./suppressions";
import type { DocumentInput, EngineLogger, Finding } from "./types";
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
  /** Set when the document was not analysed at all, with the reason. */
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
  if (input.text.length > config.maxFileSize) {
    return { findings: [], skipped: `larger than the ${config.maxFileSize}-byte limit` };
  }
  if (input.text.includes("\u0000")) {
    return { findings: [], skipped: "binary content (NUL bytes)" };
  }

  const kind = detectDocumentKind(input.fileName, input.text, input.languageId);
  if (!kind) {
    return { findings: [], skipped: "not TypeScript, JavaScript, JSON or YAML" };
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
    const context = createRuleContext(rule, document, config, options.workspace, (finding) => {
      findings.push({ ...finding, severity });
    });
    runRuleIsolated(rule, extracted, context, document.fileName, logger);
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
    // An extractor failure is a bug in us, not in the user's file; report it once and move on
    // rather than take down the editor or the CLI run.
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn(`${document.fileName}: skipped: internal error while reading the file (${reason})`);
    return { skipped: `internal error while reading the file (${reason})` };
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
        range: document.lines.rangeOf(input.start, input.end),
        fixes: input.fixes ?? [],
        related: input.related,
        data: input.data,
      });
    },
    edit(start, end, newText) {
      return { range: document.lines.rangeOf(start, end), newText };
    },
  };
}

const reportedRuleFailures = new Set<string>();

function runRuleIsolated(
  rule: Rule,
  models: ExtractedModels,
  context: RuleContext,
  fileName: string,
  logger: EngineLogger,
): void {
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
  } catch (error) {
    // One failing rule must not hide the others' findings. Log each rule/file pair once so a
    // document edited a thousand times does not flood the log.
    const failureKey = `${rule.meta.code}\u0000${fileName}`;
    if (!reportedRuleFailures.has(failureKey)) {
      reportedRuleFailures.add(failureKey);
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn(`${rule.meta.code} failed on ${fileName}: ${reason}`);
    }
  }
}
