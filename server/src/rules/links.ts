/** Where the rule pages are published; `codeDescription.href` and SARIF `helpUri` use it. */
export const RULE_DOCS_BASE_URL =
  "https://github.com/kms-context-guard/kms-context-guard/blob/main/docs/rules/";

/** The documentation URL of the rule called `name`. */
export function ruleDocsUrl(name: string): string {
  return `${RULE_DOCS_BASE_URL}${name}.md`;
}
