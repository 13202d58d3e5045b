import { copyContext } from "../../engine/code/fix-text";
import {
  type ContextSide,
  decryptSide,
  matchingEncryptSides,
  takesContext,
} from "../../engine/code/matching";
import type { ContextEntry } from "../../engine/code/model";
import { checkSensitiveValue, maskSensitive } from "../../engine/sensitive";
import type { Rule } from "../rule";
import { AWS_REFERENCES } from "./aws-references";
import { offsetFix } from "./fixes";

type KnownContext = { entries: ContextEntry[]; keys: string[] };

/** The context's entries when every key is known and nothing is left open. */
function known(side: ContextSide): KnownContext | undefined {
  const context = side.context;
  if (context.kind !== "object" || !context.complete || context.entries.length === 0) {
    return undefined;
  }
  if (context.entries.some((entry) => entry.key === undefined)) {
    return undefined;
  }
  return { entries: context.entries, keys: context.entries.map((entry) => entry.key!) };
}

function quoted(key: string): string {
  return `"${checkSensitiveValue(key) ? maskSensitive(key) : key}"`;
}

/**
 * Why the decrypt context can never equal the encrypt context, or undefined when it can.
 * Values other than string literals might be equal at run time, so only literals differ.
 */
function difference(decrypt: KnownContext, encrypt: KnownContext): string | undefined {
  const decryptKeys = new Set(decrypt.keys);
  const encryptKeys = new Set(encrypt.keys);
  const missing = encrypt.keys.filter((key) => !decryptKeys.has(key));
  const extra = decrypt.keys.filter((key) => !encryptKeys.has(key));

  const caseOnly = extra.find((key) =>
    missing.some((other) => other.toLowerCase() === key.toLowerCase()),
  );
  if (caseOnly !== undefined) {
    const other = missing.find((key) => key.toLowerCase() === caseOnly.toLowerCase())!;
    return `the keys ${quoted(caseOnly)} and ${quoted(other)} differ only by case`;
  }
  if (missing.length > 0) {
    return `it lacks ${missing.map(quoted).join(", ")}`;
  }
  if (extra.length > 0) {
    return `it adds ${extra.map(quoted).join(", ")}`;
  }
  for (const entry of decrypt.entries) {
    const counterpart = encrypt.entries.find((other) => other.key === entry.key)!;
    if (
      entry.value.kind === "string" &&
      counterpart.value.kind === "string" &&
      entry.value.value !== counterpart.value.value
    ) {
      return `the value of ${quoted(entry.key!)} differs`;
    }
  }
  return undefined;
}

export const encryptionContextMismatch: Rule = {
  meta: {
    code: "KMS006",
    name: "encryption-context-mismatch",
    summary:
      "A decrypt-side literal context must be able to equal the encrypt-side context for the same key.",
    defaultSeverity: "warning",
    area: "code",
    fix: "sometimes",
    docs: {
      whatItFlags: [
        "A `Decrypt` (or `ReEncrypt` source) context written out in full that can never equal the",
        "context of the encrypt-side calls (`Encrypt`, `GenerateDataKey*`, `ReEncrypt` destination) in",
        "the same file that use the same KMS key: the key sets differ, keys differ only by case, or a",
        "literal value differs. Calls whose key cannot be told apart are compared too; when any",
        "candidate encrypt side's context is not fully known, nothing is reported.",
      ].join("\n"),
      whyItMatters: [
        "KMS compares the decrypt context with the encrypt context exactly and case-sensitively (only",
        "pair order may differ). A mismatch is not caught at compile time or at encryption: it shows",
        "up as `InvalidCiphertextException` the first time the data is read back, often in production.",
      ].join("\n"),
      badExample: [
        "```ts",
        'import { KMSClient, EncryptCommand, DecryptCommand } from "@aws-sdk/client-kms";',
        "",
        "const kms = new KMSClient({});",
        "",
        "export async function roundTrip(data: Uint8Array) {",
        "  const sealed = await kms.send(",
        '    new EncryptCommand({ KeyId: "alias/app", Plaintext: data, EncryptionContext: { Purpose: "export" } }),',
        "  );",
        "  return kms.send(",
        '    new DecryptCommand({ KeyId: "alias/app", CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: { purpose: "export" } }),',
        "  );",
        "}",
        "```",
      ].join("\n"),
      fixedExample: [
        "```ts",
        'import { KMSClient, EncryptCommand, DecryptCommand } from "@aws-sdk/client-kms";',
        "",
        "const kms = new KMSClient({});",
        'const context = { purpose: "export" };',
        "",
        "export async function roundTrip(data: Uint8Array) {",
        "  const sealed = await kms.send(",
        '    new EncryptCommand({ KeyId: "alias/app", Plaintext: data, EncryptionContext: context }),',
        "  );",
        "  return kms.send(",
        '    new DecryptCommand({ KeyId: "alias/app", CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: context }),',
        "  );",
        "}",
        "```",
      ].join("\n"),
      whenNotToUse: [
        "When one file deliberately encrypts and decrypts different data under the same key with",
        "different contexts and does not name the key in the decrypt call, give the decrypt its `KeyId`",
        "so the calls are told apart, or suppress the line with a reason.",
      ].join("\n"),
      references: [AWS_REFERENCES.encryptionContext, AWS_REFERENCES.decryptApi],
    },
  },

  checkCode(model, context) {
    const text = context.document.text;
    for (const call of model.kmsCalls) {
      const side = decryptSide(call);
      const decrypt = side && takesContext(side.algorithm) ? known(side) : undefined;
      if (!side || !decrypt) {
        continue;
      }
      const candidates = matchingEncryptSides(model, side);
      const knownCandidates = candidates.map(known);
      if (candidates.length === 0 || knownCandidates.some((candidate) => !candidate)) {
        continue;
      }
      const differences = knownCandidates.map((candidate) => difference(decrypt, candidate!));
      if (differences.some((found) => found === undefined)) {
        continue;
      }

      // Explain against the nearest encrypt side before the decrypt, else the first one.
      const before = candidates.filter((candidate) => candidate.call.start < call.start);
      const source = before[before.length - 1] ?? candidates[0];
      const reason = differences[candidates.indexOf(source)]!;
      const line = context.document.lines.positionAt(source.call.start).line + 1;
      const replacement = copyContext(source.context, text);
      const target = side.context;

      context.report({
        start: call.start,
        end: call.end,
        message: `This ${side.member} can never match the ${source.member} of the ${source.call.operation} call on line ${line} (${reason}); decryption will fail with InvalidCiphertextException, so pass the same pairs.`,
        related: [
          {
            range: context.document.lines.rangeOf(source.call.start, source.call.end),
            message: `The ${source.call.operation} call whose context differs`,
          },
        ],
        fixes:
          replacement && target.kind === "object"
            ? [
                offsetFix(
                  context,
                  `Use the ${source.member} of the ${source.call.operation} call on line ${line}`,
                  [{ start: target.start, end: target.end, newText: replacement }],
                  { snippet: true },
                ),
              ]
            : [],
        data: { encryptLine: line },
      });
    }
  },
};
