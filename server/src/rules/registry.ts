import type { RuleCode } from "../engine/types";
import { codeRules } from "./code-rules";
import { policyRules } from "./policy-rules";
import type { Rule, RuleMeta } from "./rule";
import { workspaceRules } from "./workspace-rules";

/** Every rule, in code order. The single source for docs, settings, SARIF and the README. */
export const allRules: readonly Rule[] = [...codeRules, ...policyRules, ...workspaceRules].sort(
  (a, b) => a.meta.code.localeCompare(b.meta.code),
);

const byCode = new Map<string, Rule>(allRules.map((rule) => [rule.meta.code, rule]));

/** The rule registered under `code`, if any. */
export function ruleByCode(code: string): Rule | undefined {
  return byCode.get(code);
}

/** Metadata of every rule, in code order. */
export function allRuleMetas(): RuleMeta[] {
  return allRules.map((rule) => rule.meta);
}

/** True when `code` names a registered rule. */
export function isRuleCode(code: string): code is RuleCode {
  return byCode.has(code);
}
