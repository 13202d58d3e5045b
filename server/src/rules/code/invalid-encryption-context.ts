import type { ContextInfo, S3SseCall } from "../../engine/code/model";
import type { RuleContext } from "../../engine/rule-context";
import { checkSensitiveValue, maskSensitive } from "../../engine/sensitive";
import type { Rule } from "../rule";
import { AWS_REFERENCES } from "./aws-references";
import { offsetFix } from "./fixes";

const NON_STRING_KINDS: Record<string, string> = {
  number: "a number",
  bigint: "a bigint",
  boolean: "a boolean",
  null: "null",
  undefined: "undefined",
  object: "an object",
  array: "an array",
  date: "a Date",
  function: "a function",
};

const RESERVED_ESDK_PREFIX = "aws-crypto-";

/** A key as it may appear in a message: masked when it looks like sensitive data itself. */
function shownKey(key: string): string {
  return checkSensitiveValue(key) ? maskSensitive(key) : key;
}

function checkContext(info: ContextInfo, isEsdk: boolean, context: RuleContext): void {
  if (info.kind !== "object") {
    return;
  }
  const seen = new Map<string, string>();
  for (const entry of info.entries) {
    if (entry.key === undefined) {
      continue;
    }
    const key = shownKey(entry.key);

    if (isEsdk && entry.key.toLowerCase().startsWith(RESERVED_ESDK_PREFIX)) {
      context.report({
        start: entry.keyStart,
        end: entry.keyEnd,
        message: `The key "${key}" uses the ${RESERVED_ESDK_PREFIX} prefix that the Encryption SDK reserves for itself; rename it.`,
        data: { problem: "reserved-key" },
      });
    }

    const lower = entry.key.toLowerCase();
    const earlier = seen.get(lower);
    if (earlier !== undefined && earlier !== entry.key) {
      context.report({
        start: entry.keyStart,
        end: entry.keyEnd,
        message: `The keys "${shownKey(earlier)}" and "${key}" differ only by case; decryption compares keys case-sensitively but grant constraints and policy condition keys do not, so keep one spelling.`,
        data: { problem: "case-duplicate" },
      });
    } else if (earlier === undefined) {
      seen.set(lower, entry.key);
    }

    const kind = NON_STRING_KINDS[entry.value.kind];
    if (kind) {
      context.report({
        start: entry.valueStart,
        end: entry.valueEnd,
        message: `The value of "${key}" is ${kind}, but encryption context values must be strings; convert it to a string the same way on the encrypt and decrypt sides.`,
        data: { problem: "non-string-value", valueKind: entry.value.kind },
      });
    }
  }
}

/** True when `value` is base64 of a JSON object whose values are all strings. */
function isBase64JsonObject(value: string): boolean {
  if (value.length === 0 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    return false;
  }
  try {
    const decoded: unknown = JSON.parse(Buffer.from(value, "base64").toString("utf8"));
    return (
      typeof decoded === "object" &&
      decoded !== null &&
      !Array.isArray(decoded) &&
      Object.values(decoded).every((item) => typeof item === "string")
    );
  } catch {
    return false;
  }
}

function checkS3(call: S3SseCall, context: RuleContext): void {
  const { value, valueStart, valueEnd } = call;
  if (!value || valueStart === undefined || valueEnd === undefined) {
    return;
  }
  const member = "SSEKMSEncryptionContext";
  let problem: string | undefined;
  if (NON_STRING_KINDS[value.kind]) {
    problem = `is ${NON_STRING_KINDS[value.kind]}`;
  } else if (value.kind === "string" && !isBase64JsonObject(value.value)) {
    problem = "is a string that is not base64-encoded JSON";
  } else if (value.kind === "expression" && /^JSON\.stringify\(/.test(value.text)) {
    problem = "is JSON that is not base64-encoded";
  }
  if (!problem) {
    return;
  }

  const wrappable = value.kind === "object" || value.kind === "expression";
  const source = context.document.text.slice(valueStart, valueEnd);
  const wrapped =
    value.kind === "object"
      ? `Buffer.from(JSON.stringify(${source})).toString("base64")`
      : `Buffer.from(${source}).toString("base64")`;
  context.report({
    start: valueStart,
    end: valueEnd,
    message: `${member} ${problem}; S3 expects a base64-encoded JSON object of string pairs, such as Buffer.from(JSON.stringify(context)).toString("base64").`,
    fixes: wrappable
      ? [
          offsetFix(
            context,
            "Encode as base64 JSON",
            [{ start: valueStart, end: valueEnd, newText: wrapped }],
            { isPreferred: true },
          ),
        ]
      : [],
    data: { problem: "s3-encoding", operation: call.operation },
  });
}

export const invalidEncryptionContext: Rule = {
  meta: {
    code: "KMS005",
    name: "invalid-encryption-context",
    summary:
      "Encryption context values must be strings, keys must not clash by case or use reserved prefixes, and S3 needs base64 JSON.",
    defaultSeverity: "warning",
    area: "code",
    fix: "sometimes",
    docs: {
      whatItFlags: [
        "- values that are not strings: numbers, booleans, `null`, objects, arrays, `new Date()`,",
        "  functions;",
        "- two keys of one context that differ only by case (`Tenant` and `tenant`);",
        "- Encryption SDK context keys starting with `aws-crypto-`, a prefix the SDK reserves;",
        "- S3 `SSEKMSEncryptionContext` (PutObject, CopyObject, CreateMultipartUpload, SDK v2 and v3)",
        "  given an object, a number, plain JSON, or a string that is not base64 of a JSON object.",
      ].join("\n"),
      whyItMatters: [
        "Context keys and values are strings. SDK typings say so, and a non-string value is turned into",
        "a string somewhere along the way, which can differ between the encrypt and decrypt sides",
        "(`10103.0` and `10103`, two renderings of a Date) and make decryption fail with",
        "`InvalidCiphertextException`. Keys that differ only by case match differently in decryption",
        "(case-sensitive) than in grant constraints and policy condition keys (case-insensitive). The",
        "Encryption SDK rejects or overwrites its reserved keys. S3 reads `SSEKMSEncryptionContext` as a",
        "base64-encoded JSON header and rejects anything else.",
      ].join("\n"),
      badExample: [
        "```ts",
        'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";',
        'import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";',
        "",
        "const kms = new KMSClient({});",
        "const s3 = new S3Client({});",
        "",
        "export async function store(orderId: number, body: string) {",
        '  await kms.send(new EncryptCommand({ KeyId: "alias/orders", Plaintext: Buffer.from(body), EncryptionContext: { orderId: 42 } }));',
        '  await s3.send(new PutObjectCommand({ Bucket: "b", Key: "k", Body: body, SSEKMSEncryptionContext: { project: "alpha" } }));',
        "}",
        "```",
      ].join("\n"),
      fixedExample: [
        "```ts",
        'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";',
        'import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";',
        "",
        "const kms = new KMSClient({});",
        "const s3 = new S3Client({});",
        "",
        "export async function store(orderId: number, body: string) {",
        '  await kms.send(new EncryptCommand({ KeyId: "alias/orders", Plaintext: Buffer.from(body), EncryptionContext: { orderId: String(orderId) } }));',
        "  await s3.send(",
        "    new PutObjectCommand({",
        '      Bucket: "b",',
        '      Key: "k",',
        "      Body: body,",
        '      SSEKMSEncryptionContext: Buffer.from(JSON.stringify({ project: "alpha" })).toString("base64"),',
        "    }),",
        "  );",
        "}",
        "```",
      ].join("\n"),
      whenNotToUse: [
        "There is rarely a reason to: every flagged case either fails at run time or can fail at",
        "decrypt time. Suppress a single line with a reason if a value is provably converted elsewhere.",
      ].join("\n"),
      references: [
        AWS_REFERENCES.encryptionContext,
        AWS_REFERENCES.esdkEncryptionContext,
        AWS_REFERENCES.s3EncryptionContext,
        AWS_REFERENCES.grantConstraints,
      ],
    },
  },

  checkCode(model, context) {
    const checked = new Set<number>();
    const checkOnce = (info: ContextInfo, isEsdk: boolean) => {
      // A const context shared by several calls is checked once.
      if (info.kind === "object" && !checked.has(info.start)) {
        checked.add(info.start);
        checkContext(info, isEsdk, context);
      }
    };
    for (const call of model.kmsCalls) {
      for (const info of Object.values(call.contexts)) {
        checkOnce(info, false);
      }
    }
    for (const call of model.esdkCalls) {
      checkOnce(call.context, true);
    }
    for (const call of model.s3Calls) {
      checkS3(call, context);
    }
  },
};
