import { decryptWithoutEncryptionContext } from "./code/decrypt-without-encryption-context";
import { missingEncryptionContext } from "./code/missing-encryption-context";
import type { Rule } from "./rule";

/** Rules that read TypeScript/JavaScript (KMS0xx), in code order. */
export const codeRules: Rule[] = [missingEncryptionContext, decryptWithoutEncryptionContext];
