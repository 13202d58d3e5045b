import type { Rule } from "../rule";
import { AWS_REFERENCES } from "./aws-references";

export const uncheckedEsdkEncryptionContext: Rule = {
  meta: {
    code: "KMS003",
    name: "unchecked-esdk-encryption-context",
    summary:
      "Encryption SDK decrypt results must be checked against the expected encryption context.",
    defaultSeverity: "warning",
    area: "code",
    fix: "none",
    docs: {
      whatItFlags: [
        "Calls of the AWS Encryption SDK for JavaScript's `decrypt` or `decryptStream` (obtained from",
        "`buildClient(...)` of `@aws-crypto/client-node` or `@aws-crypto/client-browser`) whose enclosing",
        "function never reads `messageHeader.encryptionContext` (directly, through destructuring, or in",
        "a callback). A call whose whole result is returned to the caller is left to the caller.",
      ].join("\n"),
      whyItMatters: [
        "Unlike KMS `Decrypt`, the Encryption SDK's `decrypt` takes no encryption context: it decrypts",
        "any message the keyring can open and hands the context back in `messageHeader`. Unless the code",
        "checks that the expected pairs are there, a ciphertext produced for another tenant or purpose",
        "under the same key decrypts just as well, which defeats the point of the context. AWS's own",
        "example checks every expected pair (and not whole-map equality, since the SDK may add pairs).",
      ].join("\n"),
      badExample: [
        "```ts",
        'import { buildClient, CommitmentPolicy, KmsKeyringNode } from "@aws-crypto/client-node";',
        "",
        "const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);",
        "",
        "export async function open(keyring: KmsKeyringNode, ciphertext: Uint8Array) {",
        "  const { plaintext } = await decrypt(keyring, ciphertext);",
        "  return plaintext;",
        "}",
        "```",
      ].join("\n"),
      fixedExample: [
        "```ts",
        'import { buildClient, CommitmentPolicy, KmsKeyringNode } from "@aws-crypto/client-node";',
        "",
        "const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);",
        "",
        "export async function open(keyring: KmsKeyringNode, ciphertext: Uint8Array, tenantId: string) {",
        "  const { plaintext, messageHeader } = await decrypt(keyring, ciphertext);",
        "  if (messageHeader.encryptionContext.tenantId !== tenantId) {",
        '    throw new Error("Encryption context mismatch");',
        "  }",
        "  return plaintext;",
        "}",
        "```",
      ].join("\n"),
      whenNotToUse: [
        "Turn it off when a shared helper, not visible in the same function, always verifies the",
        "context; a suppression with a reason on that call documents it better.",
      ].join("\n"),
      references: [AWS_REFERENCES.esdkEncryptionContext, AWS_REFERENCES.esdkJavaScript],
    },
  },

  checkCode(model, context) {
    for (const call of model.esdkCalls) {
      if (call.operation !== "decrypt" && call.operation !== "decryptStream") {
        continue;
      }
      if (call.resultContextChecked !== false) {
        continue;
      }
      context.report({
        start: call.start,
        end: call.end,
        message: `The Encryption SDK's ${call.operation} result is used without reading messageHeader.encryptionContext; check that the expected pairs are present before trusting the plaintext.`,
        data: { operation: call.operation },
      });
    }
  },
};
