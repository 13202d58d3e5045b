import { allRuleMetas } from "../../rules/registry";
import { ruleDocsUrl } from "../../rules/links";
import type { RuleSummary } from "../protocol";

/** `kmsContextGuard/listRules`: every registered rule with its documentation URL. */
export function handleListRules(): { rules: RuleSummary[] } {
  return {
    rules: allRuleMetas().map((meta) => ({
      code: meta.code,
      name: meta.name,
      summary: meta.summary,
      url: ruleDocsUrl(meta.name),
      defaultSeverity: meta.defaultSeverity,
    })),
  };
}
