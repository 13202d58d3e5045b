import type { Rule } from "./rule";

/** Rules that read policy documents (KMS1xx), in code order. */
export const policyRules: Rule[] = [];
