import {
  copyContext,
  insertMember,
  type OffsetEdit,
  suggestContext,
} from "../../engine/code/fix-text";
import { contextSourceFor, decryptSide, takesContext } from "../../engine/code/matching";
import { snippetToPlainText } from "../../engine/snippet";
import type { Rule } from "../rule";
import { AWS_REFERENCES } from "./aws-references";
import { article, offsetFix } from "./fixes";
import { isMissingContext } from "./missing-encryption-context";

export const decryptWithoutEncryptionContext: Rule = {
  meta: {
    code: "KMS002",
    name: "decrypt-without-encryption-context",
    summary:
      "Decrypt and ReEncrypt calls must present the encryption context the data was encrypted with.",
    defaultSeverity: "warning",
    area: "code",
    fix: "sometimes",
    docs: {
      whatItFlags: [
        "`Decrypt` calls without `EncryptionContext` and `ReEncrypt` calls without",
        "`SourceEncryptionContext`, through SDK v2 (`aws-sdk`) or SDK v3 (`@aws-sdk/client-kms`). An",
        "empty context (`{}`) counts as missing. As with the encrypt side, a request or context that",
        "comes from a parameter, a call or an unknown spread is not reported.",
      ].join("\n"),
      whyItMatters: [
        "KMS only decrypts when the exact pairs used at encryption are presented again. A decrypt",
        "without a context therefore either fails for every ciphertext that was encrypted with one, or",
        "succeeds only because the encrypt side used none, in which case the ciphertext is bound to",
        "nothing and key policies cannot require a context. Either way the call should name the",
        "context it expects.",
      ].join("\n"),
      badExample: [
        "```ts",
        'import { KMSClient, EncryptCommand, DecryptCommand } from "@aws-sdk/client-kms";',
        "",
        "const kms = new KMSClient({});",
        "",
        "export async function roundTrip(tenantId: string, secret: Uint8Array) {",
        "  const sealed = await kms.send(",
        '    new EncryptCommand({ KeyId: "alias/app", Plaintext: secret, EncryptionContext: { tenantId } }),',
        "  );",
        "  return kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }));",
        "}",
        "```",
      ].join("\n"),
      fixedExample: [
        "```ts",
        'import { KMSClient, EncryptCommand, DecryptCommand } from "@aws-sdk/client-kms";',
        "",
        "const kms = new KMSClient({});",
        "",
        "export async function roundTrip(tenantId: string, secret: Uint8Array) {",
        "  const sealed = await kms.send(",
        '    new EncryptCommand({ KeyId: "alias/app", Plaintext: secret, EncryptionContext: { tenantId } }),',
        "  );",
        "  return kms.send(",
        "    new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: { tenantId } }),",
        "  );",
        "}",
        "```",
      ].join("\n"),
      whenNotToUse: [
        "Turn it off when the decrypted data was deliberately encrypted without a context by a system",
        "you do not control; prefer a suppression comment with a reason on those calls only.",
      ].join("\n"),
      references: [
        AWS_REFERENCES.encryptionContext,
        AWS_REFERENCES.decryptApi,
        AWS_REFERENCES.reEncryptApi,
      ],
    },
  },

  checkCode(model, context) {
    const text = context.document.text;

    for (const call of model.kmsCalls) {
      const side = decryptSide(call);
      if (!side || !isMissingContext(side.context) || !takesContext(side.algorithm)) {
        continue;
      }
      const { member } = side;
      const empty = side.context.kind === "object";

      const source = contextSourceFor(model, side);
      const copied = source && copyContext(source.context, text);
      const contextText = copied ?? suggestContext(call.identifiersInScope);
      let edit: OffsetEdit | undefined;
      if (side.context.kind === "object") {
        edit = { start: side.context.start, end: side.context.end, newText: contextText };
      } else if (call.request.layout) {
        edit = insertMember(call.request.layout, `${member}: ${contextText}`, text);
      }

      const sourceLine = source && context.document.lines.positionAt(source.call.start).line + 1;
      const title = copied
        ? `Copy the ${source.member} of the ${source.call.operation} call on line ${sourceLine}`
        : empty
          ? `Fill in the ${member}`
          : `Add ${article(member)} ${member}`;
      const message = empty
        ? `${call.operation} is called with an empty ${member}; pass the same pairs the data was encrypted with so KMS can verify them.`
        : `${call.operation} is called without ${article(member)} ${member}; pass the same pairs the data was encrypted with so KMS can verify them.`;

      context.report({
        start: call.start,
        end: call.end,
        message,
        fixes: edit
          ? [offsetFix(context, title, [edit], { snippet: true, isPreferred: true })]
          : [],
        data: {
          operation: call.operation,
          member,
          suggestedContext: snippetToPlainText(contextText),
          copiedFromLine: copied ? sourceLine : undefined,
        },
      });
    }
  },
};
