import { insertMember, type OffsetEdit, suggestContext } from "../../engine/code/fix-text";
import type { ContextInfo, EsdkCall, KmsCall, ObjectLayout } from "../../engine/code/model";
import { takesContext } from "../../engine/code/matching";
import type { RuleContext } from "../../engine/rule-context";
import { snippetToPlainText } from "../../engine/snippet";
import type { Rule } from "../rule";
import { AWS_REFERENCES } from "./aws-references";
import { article, offsetFix } from "./fixes";

const ENCRYPT_SIDE: Partial<Record<KmsCall["operation"], string>> = {
  Encrypt: "EncryptionContext",
  GenerateDataKey: "EncryptionContext",
  GenerateDataKeyWithoutPlaintext: "EncryptionContext",
  GenerateDataKeyPair: "EncryptionContext",
  GenerateDataKeyPairWithoutPlaintext: "EncryptionContext",
  ReEncrypt: "DestinationEncryptionContext",
};

/** True when the context is provably missing: absent from a fully known request, or `{}`. */
export function isMissingContext(context: ContextInfo | undefined): boolean {
  if (!context) {
    return false;
  }
  return (
    context.kind === "absent" ||
    (context.kind === "object" && context.complete && context.entries.length === 0)
  );
}

/** Where a member holding `suggestion` goes: into the request object, or `{}` replaced. */
function contextEdit(
  member: string,
  context: ContextInfo,
  suggestion: string,
  layout: ObjectLayout | undefined,
  text: string,
): OffsetEdit | undefined {
  if (context.kind === "object") {
    return { start: context.start, end: context.end, newText: suggestion };
  }
  return layout ? insertMember(layout, `${member}: ${suggestion}`, text) : undefined;
}

function report(
  context: RuleContext,
  call: KmsCall | EsdkCall,
  label: string,
  member: string,
  info: ContextInfo,
  edit: OffsetEdit | undefined,
  suggestion: string,
): void {
  const empty = info.kind === "object";
  const message = empty
    ? `${label} is called with an empty ${member}; add pairs that describe the data (for example its tenant and purpose) so the ciphertext is bound to them.`
    : `${label} is called without ${article(member)} ${member}; add one that describes the data (for example its tenant and purpose) so the ciphertext is bound to it.`;
  const title = empty ? `Fill in the ${member}` : `Add ${article(member)} ${member}`;
  context.report({
    start: call.start,
    end: call.end,
    message,
    fixes: edit ? [offsetFix(context, title, [edit], { snippet: true, isPreferred: true })] : [],
    data: {
      operation: call.operation,
      member,
      suggestedContext: snippetToPlainText(suggestion),
    },
  });
}

export const missingEncryptionContext: Rule = {
  meta: {
    code: "KMS001",
    name: "missing-encryption-context",
    summary:
      "Encrypt, GenerateDataKey*, ReEncrypt and Encryption SDK encrypt calls must pass an encryption context.",
    defaultSeverity: "warning",
    area: "code",
    fix: "sometimes",
    docs: {
      whatItFlags: [
        "KMS calls that produce ciphertext without an encryption context: `Encrypt`, `GenerateDataKey`,",
        "`GenerateDataKeyWithoutPlaintext`, `GenerateDataKeyPair`, `GenerateDataKeyPairWithoutPlaintext`",
        "without `EncryptionContext`, `ReEncrypt` without `DestinationEncryptionContext`, and the AWS",
        "Encryption SDK's `encrypt`/`encryptStream` without `encryptionContext`. An empty context (`{}`)",
        "counts as missing.",
        "",
        "The rule only reports when the request is fully known in the file. A request or context that",
        "comes from a parameter, a function call or an unknown spread may well carry a context, so it",
        "is left alone. SDK v2 (`aws-sdk`), SDK v3 (`@aws-sdk/client-kms`, both the bare client with",
        "commands and the aggregated `KMS` client) and the Encryption SDK for JavaScript are recognised.",
      ].join("\n"),
      whyItMatters: [
        "An encryption context is additional authenticated data: KMS binds the ciphertext to it and",
        "refuses to decrypt unless the same pairs are presented again. Without one, any principal",
        "allowed to call Decrypt on the key can decrypt any ciphertext produced under it, key policies",
        "cannot narrow access with `kms:EncryptionContext:` conditions, and CloudTrail entries do not",
        "say which data a request was about. AWS describes the context as optional but strongly",
        "recommended for symmetric keys.",
      ].join("\n"),
      badExample: [
        "```ts",
        'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";',
        "",
        "const kms = new KMSClient({});",
        "",
        "export async function sealInvoice(tenantId: string, pdf: Uint8Array) {",
        "  return kms.send(new EncryptCommand({ KeyId: process.env.INVOICE_KEY, Plaintext: pdf }));",
        "}",
        "```",
      ].join("\n"),
      fixedExample: [
        "```ts",
        'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";',
        "",
        "const kms = new KMSClient({});",
        "",
        "export async function sealInvoice(tenantId: string, pdf: Uint8Array) {",
        "  return kms.send(",
        "    new EncryptCommand({",
        "      KeyId: process.env.INVOICE_KEY,",
        "      Plaintext: pdf,",
        '      EncryptionContext: { tenantId, purpose: "invoice-pdf" },',
        "    }),",
        "  );",
        "}",
        "```",
      ].join("\n"),
      whenNotToUse: [
        "Turn it off for code that encrypts with asymmetric KMS keys (KMS does not accept a context",
        "there) or that only exercises KMS in throw-away scripts. When a context truly cannot be",
        "reconstructed at decrypt time, keep the call and suppress the line with a reason.",
      ].join("\n"),
      references: [
        AWS_REFERENCES.encryptionContext,
        AWS_REFERENCES.encryptApi,
        AWS_REFERENCES.generateDataKeyApi,
        AWS_REFERENCES.reEncryptApi,
        AWS_REFERENCES.esdkEncryptionContext,
      ],
    },
  },

  checkCode(model, context) {
    const text = context.document.text;

    for (const call of model.kmsCalls) {
      const member = ENCRYPT_SIDE[call.operation];
      const info = member ? call.contexts[member] : undefined;
      if (!member || !info || !isMissingContext(info) || !takesContext(call.encryptionAlgorithm)) {
        continue;
      }
      const suggestion = suggestContext(call.identifiersInScope);
      const edit = contextEdit(member, info, suggestion, call.request.layout, text);
      report(context, call, call.operation, member, info, edit, suggestion);
    }

    for (const call of model.esdkCalls) {
      if (call.operation !== "encrypt" && call.operation !== "encryptStream") {
        continue;
      }
      if (!isMissingContext(call.context)) {
        continue;
      }
      const suggestion = suggestContext(call.identifiersInScope);
      let edit = contextEdit(
        "encryptionContext",
        call.context,
        suggestion,
        call.request.layout,
        text,
      );
      if (!edit && call.appendOptionsAt !== undefined) {
        const options = `, { encryptionContext: ${suggestion} }`;
        edit = { start: call.appendOptionsAt, end: call.appendOptionsAt, newText: options };
      }
      const label = `The Encryption SDK's ${call.operation}`;
      report(context, call, label, "encryptionContext", call.context, edit, suggestion);
    }
  },
};
