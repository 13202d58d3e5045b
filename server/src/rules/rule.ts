import type { RuleContext } from "../engine/rule-context";
import type { CodeModel } from "../engine/code/model";
import type { PolicyModel } from "../engine/policy/model";
import type { RuleCode, Severity } from "../engine/types";
import type { WorkspaceIndex } from "../engine/workspace/workspace-index";

/** Whether a rule offers an automatic fix. Mirrors the "fix availability" line of the docs. */
export type FixAvailability = "always" | "sometimes" | "none";

/** The prose of a rule's documentation page; `docs/rules/<name>.md` is generated from it. */
export interface RuleDocs {
  /** What the rule flags, in one or more Markdown paragraphs. */
  whatItFlags: string;
  /** Why it matters: the security or reliability consequence. */
  whyItMatters: string;
  /** A code block (with its fence) that the rule flags. */
  badExample: string;
  /** The same example, fixed. */
  fixedExample: string;
  /** When it is reasonable to turn the rule off. */
  whenNotToUse: string;
  /** AWS documentation the rule rests on. */
  references: { title: string; url: string }[];
}

/** Everything about a rule except how it runs; docs, codes and links derive from it. */
export interface RuleMeta {
  code: RuleCode;
  /** Stable kebab-case name; the documentation file is `docs/rules/<name>.md`. */
  name: string;
  /** One sentence used in the README table, SARIF `shortDescription` and hovers. */
  summary: string;
  defaultSeverity: Severity;
  /** `code` rules read TypeScript/JavaScript, `policy` rules read policy documents. */
  area: "code" | "policy" | "code-and-policy";
  fix: FixAvailability;
  docs: RuleDocs;
}

/**
 * A rule: metadata plus a check for the models it understands. A rule reports through the
 * context and never throws on purpose; the engine isolates it if it does.
 */
export interface Rule {
  meta: RuleMeta;
  checkCode?(model: CodeModel, context: RuleContext): void;
  checkPolicy?(model: PolicyModel, context: RuleContext): void;
  /**
   * Reports findings in this document that depend on other files. Runs only when the analysis
   * has the workspace index (the language server, the CLI on a directory), after the index
   * has been brought up to date with this document's text.
   */
  checkWorkspace?: WorkspaceCheck;
}

/** The models extracted from the document under analysis. */
export interface DocumentModels {
  codeModel?: CodeModel;
  policyModel?: PolicyModel;
}

/** A check that reads the workspace index; reports through the context like any rule. */
export type WorkspaceCheck = (
  models: DocumentModels,
  index: WorkspaceIndex,
  context: RuleContext,
) => void;
