import type { Rule } from "../rule";
import { AWS_REFERENCES } from "./aws-references";

/** IAM actions that support `kms:EncryptionContext:` conditions (Service Authorization Reference). */
const CONTEXT_ACTIONS = [
  "creategrant",
  "decrypt",
  "encrypt",
  "generatedatakey",
  "generatedatakeypair",
  "generatedatakeypairwithoutplaintext",
  "generatedatakeywithoutplaintext",
  "reencryptfrom",
  "reencryptto",
  "retiregrant",
];

/** True when an action (possibly with wildcards, such as `kms:ReEncrypt*`) covers one above. */
export function isContextCapableAction(action: string): boolean {
  const lower = action.toLowerCase();
  if (lower === "*") {
    return true;
  }
  if (!lower.startsWith("kms:")) {
    return false;
  }
  const name = lower.slice(4);
  if (!/[*?]/.test(name)) {
    return CONTEXT_ACTIONS.includes(name);
  }
  const pattern = new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return CONTEXT_ACTIONS.some((candidate) => pattern.test(candidate));
}

export const cdkGrantWithoutContextCondition: Rule = {
  meta: {
    code: "KMS008",
    name: "cdk-grant-without-context-condition",
    summary: "CDK key grant helpers add KMS permissions without any encryption-context condition.",
    defaultSeverity: "information",
    area: "code",
    fix: "none",
    docs: {
      whatItFlags: [
        "Calls of `grantDecrypt`, `grantEncrypt`, `grantEncryptDecrypt` and `grant(principal, ...actions)`",
        "(with actions that support encryption-context conditions) on an `aws-cdk-lib/aws-kms` key or",
        "alias: a `new kms.Key(...)` or `new kms.Alias(...)`, `kms.Key.fromKeyArn(...)`/`fromLookup(...)`,",
        "`kms.Alias.fromAliasName(...)`, or a variable, parameter, property or field typed `kms.IKey`,",
        "`kms.Key`, `kms.IAlias` or `kms.Alias`.",
      ].join("\n"),
      whyItMatters: [
        "These helpers add statements to the principal's policy, the key policy or both, and none of",
        "them accepts conditions. The grantee can therefore use the key with any encryption context, or",
        "none, so the context no longer limits which data the principal can decrypt. An explicit",
        "`iam.PolicyStatement` with a `kms:EncryptionContext:<key>` condition keeps that limit.",
      ].join("\n"),
      badExample: [
        "```ts",
        'import * as iam from "aws-cdk-lib/aws-iam";',
        'import * as kms from "aws-cdk-lib/aws-kms";',
        "",
        "export function allowReports(key: kms.IKey, role: iam.Role) {",
        "  key.grantDecrypt(role);",
        "}",
        "```",
      ].join("\n"),
      fixedExample: [
        "```ts",
        'import * as iam from "aws-cdk-lib/aws-iam";',
        'import * as kms from "aws-cdk-lib/aws-kms";',
        "",
        "export function allowReports(key: kms.IKey, role: iam.Role) {",
        "  role.addToPrincipalPolicy(",
        "    new iam.PolicyStatement({",
        '      actions: ["kms:Decrypt"],',
        "      resources: [key.keyArn],",
        '      conditions: { StringEquals: { "kms:EncryptionContext:purpose": "reports" } },',
        "    }),",
        "  );",
        "}",
        "```",
      ].join("\n"),
      whenNotToUse: [
        "Keys whose data is encrypted without a context (for example by an AWS service that sets none)",
        "cannot be narrowed this way; turn the rule off for those stacks or re-grade it.",
      ].join("\n"),
      references: [AWS_REFERENCES.cdkKey, AWS_REFERENCES.conditionKeys],
    },
  },

  checkCode(model, context) {
    for (const grant of model.cdkGrants) {
      const actions = grant.actions.filter(isContextCapableAction);
      if (actions.length === 0) {
        continue;
      }
      context.report({
        start: grant.start,
        end: grant.end,
        message: `${grant.method} adds ${actions.join(", ")} with no encryption-context condition; use an iam.PolicyStatement with a kms:EncryptionContext:<key> condition to limit the grant to the data it is for.`,
        data: { method: grant.method, actions },
      });
    }
  },
};
