import * as path from "node:path";
import { analyzeDocument } from "../../src/engine/analyze";
import { resolveConfig, type UserConfig } from "../../src/engine/config";
import type { Finding, RuleCode } from "../../src/engine/types";
import { WorkspaceIndex } from "../../src/engine/workspace/workspace-index";
import { allRules, ruleByCode } from "../../src/rules/registry";
import type { Rule } from "../../src/rules/rule";

/** Where the in-memory test workspaces pretend to live. */
export const WORKSPACE_ROOT = path.resolve("/workspace-under-test");

/** The absolute name of a file of the test workspace. */
export function inWorkspace(relative: string): string {
  return path.join(WORKSPACE_ROOT, relative);
}

/** Indexes an in-memory workspace given as `{ "src/a.ts": "..." }`. */
export function indexOf(files: Record<string, string>, config?: UserConfig): WorkspaceIndex {
  const index = new WorkspaceIndex({ config: resolveConfig(config) });
  for (const [name, text] of Object.entries(files)) {
    index.update(inWorkspace(name), text);
  }
  return index;
}

/**
 * A rule with only a code and a name, standing for the single-file rule of that code: the
 * cross-file checks of a code run beside its rule, and a stand-in lets a test run them without
 * the single-file rule's own findings.
 */
export function standIn(code: RuleCode): Rule {
  const real = ruleByCode(code);
  return {
    meta: {
      code,
      name: real?.meta.name ?? `stand-in-${code.toLowerCase()}`,
      summary: "Stand-in for a test.",
      defaultSeverity: real?.meta.defaultSeverity ?? "warning",
      area: "code",
      fix: "none",
      docs: {
        whatItFlags: "",
        whyItMatters: "",
        badExample: "",
        fixedExample: "",
        whenNotToUse: "",
        references: [],
      },
    },
  };
}

/** Every registered rule, plus stand-ins for cross-file codes whose own rule is not there yet. */
export function allRulesWithCrossFileCodes(): Rule[] {
  const missing = (["KMS001", "KMS002", "KMS004", "KMS006"] as RuleCode[])
    .filter((code) => !ruleByCode(code))
    .map(standIn);
  return [...allRules, ...missing];
}

/** A finding reduced to what tests compare: code, 1-based line:column, message. */
export interface Brief {
  code: string;
  at: string;
  message: string;
  related: string[];
}

export function brief(finding: Finding): Brief {
  const start = finding.range.start;
  const end = finding.range.end;
  return {
    code: finding.code,
    at: `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`,
    message: finding.message,
    related: (finding.related ?? []).map(
      (related) =>
        `${related.fileName ? path.relative(WORKSPACE_ROOT, related.fileName) : "."}:` +
        `${related.range.start.line + 1}:${related.range.start.character + 1} ${related.message}`,
    ),
  };
}

/** Analyses one file of the indexed workspace with the given rules (stand-ins by default). */
export function analyzeIn(
  index: WorkspaceIndex,
  relative: string,
  rules: readonly Rule[],
  config?: UserConfig,
): Finding[] {
  const fileName = inWorkspace(relative);
  const file = index.file(fileName);
  if (!file) {
    throw new Error(`${relative} is not in the test workspace`);
  }
  return analyzeDocument(
    { fileName, text: file.text },
    { workspace: index.facts(), onlyRules: rules, config: resolveConfig(config) },
  ).findings;
}
