import { encryptionContextMismatch } from "../../../src/rules/code/encryption-context-mismatch";
import { runRuleTests } from "../../support/rule-tester";

const KMS =
  'import { KMSClient, EncryptCommand, DecryptCommand, GenerateDataKeyCommand } from "@aws-sdk/client-kms";\n';
const TAIL = "decryption will fail with InvalidCiphertextException, so pass the same pairs.";

runRuleTests(encryptionContextMismatch, {
  valid: [
    {
      name: "same pairs in another order",
      code: `${KMS}new EncryptCommand({ KeyId: "k", EncryptionContext: { a: "1", b: "2" } });\nnew DecryptCommand({ KeyId: "k", EncryptionContext: { b: "2", a: "1" } });`,
    },
    {
      name: "non-literal values may be equal at run time",
      code: `${KMS}new EncryptCommand({ KeyId: "k", EncryptionContext: { tenant: a } });\nnew DecryptCommand({ KeyId: "k", EncryptionContext: { tenant: "t-1" } });`,
    },
    {
      name: "different keys are different data",
      code: `${KMS}new EncryptCommand({ KeyId: "alias/a", EncryptionContext: { a: "1" } });\nnew DecryptCommand({ KeyId: "alias/b", EncryptionContext: { b: "1" } });`,
    },
    {
      name: "one of several candidate encrypt sides matches",
      code: `${KMS}new EncryptCommand({ EncryptionContext: { a: "1" } });\nnew GenerateDataKeyCommand({ EncryptionContext: { b: "1" } });\nnew DecryptCommand({ EncryptionContext: { b: "1" } });`,
    },
    {
      name: "an encrypt side with an unknown context could match",
      code: `${KMS}export function f(ctx: Record<string, string>) {\n  new EncryptCommand({ KeyId: "k", EncryptionContext: ctx });\n  new DecryptCommand({ KeyId: "k", EncryptionContext: { a: "1" } });\n}`,
    },
    {
      name: "a decrypt context with an unknown spread",
      code: `${KMS}export function f(extra: object) {\n  new EncryptCommand({ KeyId: "k", EncryptionContext: { a: "1" } });\n  new DecryptCommand({ KeyId: "k", EncryptionContext: { ...extra } });\n}`,
    },
    {
      name: "no encrypt side in the file",
      code: `${KMS}new DecryptCommand({ KeyId: "k", EncryptionContext: { a: "1" } });`,
    },
  ],
  invalid: [
    {
      name: "keys that differ only by case, with a fix that uses the encrypt context",
      code: `${KMS}new EncryptCommand({ KeyId: "alias/app", EncryptionContext: { Purpose: "export" } });\nnew DecryptCommand({ KeyId: "alias/app", EncryptionContext: { purpose: "export" } });`,
      errors: [
        {
          text: 'new DecryptCommand({ KeyId: "alias/app", EncryptionContext: { purpose: "export" } })',
          message: `This EncryptionContext can never match the EncryptionContext of the Encrypt call on line 2 (the keys "purpose" and "Purpose" differ only by case); ${TAIL}`,
          data: { encryptLine: 2 },
          fixes: [
            {
              title: "Use the EncryptionContext of the Encrypt call on line 2",
              output: `${KMS}new EncryptCommand({ KeyId: "alias/app", EncryptionContext: { Purpose: "export" } });\nnew DecryptCommand({ KeyId: "alias/app", EncryptionContext: { Purpose: "export" } });`,
            },
          ],
        },
      ],
    },
    {
      name: "a missing key; the encrypt context held in a const",
      code: `${KMS}const ctx = { tenant: tenantId, purpose: "export" };\nnew GenerateDataKeyCommand({ KeyId: "k", EncryptionContext: ctx });\nnew DecryptCommand({ KeyId: "k", EncryptionContext: { tenant: tenantId } });`,
      errors: [
        {
          text: 'new DecryptCommand({ KeyId: "k", EncryptionContext: { tenant: tenantId } })',
          message: `This EncryptionContext can never match the EncryptionContext of the GenerateDataKey call on line 3 (it lacks "purpose"); ${TAIL}`,
          fixes: [
            {
              title: "Use the EncryptionContext of the GenerateDataKey call on line 3",
              output: `${KMS}const ctx = { tenant: tenantId, purpose: "export" };\nnew GenerateDataKeyCommand({ KeyId: "k", EncryptionContext: ctx });\nnew DecryptCommand({ KeyId: "k", EncryptionContext: { tenant: tenantId, purpose: "export" } });`,
            },
          ],
        },
      ],
    },
    {
      name: "a literal value that differs, the values never echoed",
      code: `${KMS}new EncryptCommand({ KeyId: process.env.KEY, EncryptionContext: { stage: "prod" } });\nnew DecryptCommand({ KeyId: process.env.KEY, EncryptionContext: { stage: "dev" } });`,
      errors: [
        {
          text: 'new DecryptCommand({ KeyId: process.env.KEY, EncryptionContext: { stage: "dev" } })',
          message: `This EncryptionContext can never match the EncryptionContext of the Encrypt call on line 2 (the value of "stage" differs); ${TAIL}`,
          fixes: [
            {
              title: "Use the EncryptionContext of the Encrypt call on line 2",
              output: `${KMS}new EncryptCommand({ KeyId: process.env.KEY, EncryptionContext: { stage: "prod" } });\nnew DecryptCommand({ KeyId: process.env.KEY, EncryptionContext: { stage: "prod" } });`,
            },
          ],
        },
      ],
    },
    {
      name: "an extra key on the decrypt side",
      code: `${KMS}new EncryptCommand({ EncryptionContext: { a: "1" } });\nnew DecryptCommand({ EncryptionContext: { a: "1", b: "2" } });`,
      errors: [
        {
          text: 'new DecryptCommand({ EncryptionContext: { a: "1", b: "2" } })',
          message: `This EncryptionContext can never match the EncryptionContext of the Encrypt call on line 2 (it adds "b"); ${TAIL}`,
          fixes: [
            {
              title: "Use the EncryptionContext of the Encrypt call on line 2",
              output: `${KMS}new EncryptCommand({ EncryptionContext: { a: "1" } });\nnew DecryptCommand({ EncryptionContext: { a: "1" } });`,
            },
          ],
        },
      ],
    },
  ],
});
