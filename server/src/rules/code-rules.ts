import { cdkGrantWithoutContextCondition } from "./code/cdk-grant-without-context-condition";
import { decryptWithoutEncryptionContext } from "./code/decrypt-without-encryption-context";
import { encryptionContextMismatch } from "./code/encryption-context-mismatch";
import { grantWithoutConstraints } from "./code/grant-without-constraints";
import { invalidEncryptionContext } from "./code/invalid-encryption-context";
import { missingEncryptionContext } from "./code/missing-encryption-context";
import { sensitiveEncryptionContext } from "./code/sensitive-encryption-context";
import { uncheckedEsdkEncryptionContext } from "./code/unchecked-esdk-encryption-context";
import type { Rule } from "./rule";

/** Rules that read TypeScript/JavaScript (KMS0xx), in code order. */
export const codeRules: Rule[] = [
  missingEncryptionContext,
  decryptWithoutEncryptionContext,
  uncheckedEsdkEncryptionContext,
  sensitiveEncryptionContext,
  invalidEncryptionContext,
  encryptionContextMismatch,
  grantWithoutConstraints,
  cdkGrantWithoutContextCondition,
];
