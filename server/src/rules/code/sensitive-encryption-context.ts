import type { ContextEntry, ContextInfo } from "../../engine/code/model";
import type { PolicyModel } from "../../engine/policy/model";
import type { RuleContext } from "../../engine/rule-context";
import {
  checkSensitiveKeyName,
  checkSensitivePath,
  checkSensitiveValue,
  maskSensitive,
  type SensitiveMatch,
} from "../../engine/sensitive";
import type { Rule } from "../rule";
import { AWS_REFERENCES } from "./aws-references";

const WHY =
  "encryption context is logged in plaintext (CloudTrail), so use a non-sensitive identifier such as an id or ARN instead";

const CONTEXT_PAIR_KEY = /^kms:EncryptionContext:(.+)$/i;
const CONTEXT_KEYS_KEY = /^kms:EncryptionContextKeys$/i;

/** Checks a context key as a value first (an email used as a key), then as a name. */
function checkKey(
  key: string,
  extraNames: readonly string[],
): { match: SensitiveMatch; shown: string } | undefined {
  const asValue = checkSensitiveValue(key);
  if (asValue) {
    return { match: asValue, shown: maskSensitive(key) };
  }
  const asName = checkSensitiveKeyName(key, extraNames);
  return asName && { match: asName, shown: key };
}

function checkEntry(entry: ContextEntry, context: RuleContext): void {
  const extraNames = context.config.sensitiveKeyNames;
  const key = entry.key !== undefined ? checkKey(entry.key, extraNames) : undefined;
  if (key) {
    context.report({
      start: entry.keyStart,
      end: entry.keyEnd,
      message: `The encryption context key "${key.shown}" looks like ${key.match.description}; ${WHY}.`,
      data: { part: "key", description: key.match.description },
    });
  }
  // A shorthand `{ email }` is one node for key and value: report it once.
  if (key && entry.keyStart === entry.valueStart) {
    return;
  }

  const value = entry.value;
  if (value.kind === "string") {
    const match = checkSensitiveValue(value.value);
    if (match) {
      context.report({
        start: entry.valueStart,
        end: entry.valueEnd,
        message: `The encryption context value "${maskSensitive(value.value)}" looks like ${match.description}; ${WHY}.`,
        data: { part: "value", description: match.description },
      });
    }
    return;
  }
  const paths =
    value.kind === "expression" && value.path
      ? [value.path]
      : value.kind === "template"
        ? value.identifiers
        : [];
  for (const path of paths) {
    const match = checkSensitivePath(path, extraNames);
    if (match) {
      context.report({
        start: entry.valueStart,
        end: entry.valueEnd,
        message: `The encryption context value \`${path}\` looks like ${match.description}; ${WHY}.`,
        data: { part: "value", description: match.description, path },
      });
      return;
    }
  }
}

function checkContext(info: ContextInfo | undefined, context: RuleContext): void {
  if (info?.kind !== "object") {
    return;
  }
  for (const entry of info.entries) {
    checkEntry(entry, context);
  }
}

function checkPolicyConditions(model: PolicyModel, context: RuleContext): void {
  const extraNames = context.config.sensitiveKeyNames;
  // A large policy names the same few context keys in every statement; each is judged once.
  const keyVerdicts = new Map<string, ReturnType<typeof checkKey>>();
  const checkKeyOnce = (key: string) => {
    if (!keyVerdicts.has(key)) {
      keyVerdicts.set(key, checkKey(key, extraNames));
    }
    return keyVerdicts.get(key);
  };
  for (const statement of model.statements) {
    for (const condition of statement.conditions) {
      const pair = CONTEXT_PAIR_KEY.exec(condition.key);
      const contextKey = pair?.[1];
      const key = contextKey !== undefined ? checkKeyOnce(contextKey) : undefined;
      if (key) {
        const shown =
          key.shown === contextKey ? condition.key : `kms:EncryptionContext:${key.shown}`;
        context.report({
          start: condition.keyStart,
          end: condition.keyEnd,
          message: `The condition key "${shown}" names a context key that looks like ${key.match.description}; ${WHY}.`,
          data: { part: "key", description: key.match.description },
        });
      }

      const valuesAreKeys = CONTEXT_KEYS_KEY.test(condition.key);
      if (!pair && !valuesAreKeys) {
        continue;
      }
      for (const value of condition.values) {
        if (value.kind !== "literal") {
          continue;
        }
        const match = valuesAreKeys
          ? checkKeyOnce(value.value)
          : (() => {
              const found = checkSensitiveValue(value.value);
              return found && { match: found, shown: maskSensitive(value.value) };
            })();
        if (match) {
          const what = valuesAreKeys ? "context key" : "context value";
          context.report({
            start: value.start,
            end: value.end,
            message: `The condition's ${what} "${match.shown}" looks like ${match.match.description}; ${WHY}.`,
            data: { part: valuesAreKeys ? "key" : "value", description: match.match.description },
          });
        }
      }
    }
  }
}

export const sensitiveEncryptionContext: Rule = {
  meta: {
    code: "KMS004",
    name: "sensitive-encryption-context",
    summary:
      "Encryption context keys and values, grant constraints and context conditions must not hold personal data or secrets.",
    defaultSeverity: "warning",
    area: "code-and-policy",
    fix: "none",
    docs: {
      whatItFlags: [
        "Context keys and values that look sensitive, wherever a context is written: KMS requests,",
        "Encryption SDK `encryptionContext`, CreateGrant constraints, and `kms:EncryptionContext:<key>` /",
        "`kms:EncryptionContextKeys` conditions in policies.",
        "",
        "- **Key names** such as `email`, `password`, `passphrase`, `secret` (not `secretName`,",
        "  `secretArn`, `secretId`), `token`, `ssn`, `dob`/`birthDate`, `phone`, `cardNumber`, `iban`,",
        "  `apiKey`, `privateKey`, `fullName`, `address`, plus the names configured in",
        "  `sensitiveKeyNames`.",
        "- **Literal values** that look like an email address, a social security number, a card number",
        "  (Luhn-valid), an IBAN, a phone number, a JSON Web Token, an AWS access key id or a PEM header.",
        "- **Identifiers and property paths** with such names flowing into a value, such as `user.email`",
        "  or `` `${customer.phone}` ``.",
        "",
        "Ids, ARNs and tenant or purpose labels are never flagged: they are what a context should hold.",
        "Messages show flagged values masked (`j***@example.com`).",
      ].join("\n"),
      whyItMatters: [
        "The encryption context is not secret. KMS writes it in plaintext to CloudTrail",
        "(`requestParameters.encryptionContext`), grant constraints appear in grant listings, and policy",
        "conditions are readable by anyone who can read the policy. AWS warns not to put confidential or",
        "sensitive information in it. Personal data or credentials there leak to every log reader and",
        "every system the logs are shipped to.",
      ].join("\n"),
      badExample: [
        "```ts",
        'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";',
        "",
        "const kms = new KMSClient({});",
        "",
        "export async function sealProfile(user: { id: string; email: string }, profile: Uint8Array) {",
        "  return kms.send(",
        "    new EncryptCommand({",
        '      KeyId: "alias/profiles",',
        "      Plaintext: profile,",
        "      EncryptionContext: { email: user.email },",
        "    }),",
        "  );",
        "}",
        "```",
      ].join("\n"),
      fixedExample: [
        "```ts",
        'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";',
        "",
        "const kms = new KMSClient({});",
        "",
        "export async function sealProfile(user: { id: string; email: string }, profile: Uint8Array) {",
        "  return kms.send(",
        "    new EncryptCommand({",
        '      KeyId: "alias/profiles",',
        "      Plaintext: profile,",
        '      EncryptionContext: { userId: user.id, purpose: "profile" },',
        "    }),",
        "  );",
        "}",
        "```",
      ].join("\n"),
      whenNotToUse: [
        "Re-grade or suppress it when a flagged name is a false positive in your domain (for example a",
        "`token` that names a non-secret pagination cursor). Prefer renaming the key: the name is",
        "logged too.",
      ].join("\n"),
      references: [
        AWS_REFERENCES.encryptionContext,
        AWS_REFERENCES.cloudTrailKms,
        AWS_REFERENCES.grantConstraints,
        AWS_REFERENCES.conditionKeys,
      ],
    },
  },

  checkCode(model, context) {
    // One context object shared by several calls (a const used to encrypt and to decrypt) is
    // reported once, at its own location.
    const reported = new Set<string>();
    const once: RuleContext = {
      ...context,
      report(input) {
        const key = `${input.start}:${input.end}`;
        if (!reported.has(key)) {
          reported.add(key);
          context.report(input);
        }
      },
    };
    for (const call of model.kmsCalls) {
      for (const info of Object.values(call.contexts)) {
        checkContext(info, once);
      }
    }
    for (const call of model.esdkCalls) {
      checkContext(call.context, once);
    }
  },

  checkPolicy(model, context) {
    checkPolicyConditions(model, context);
  },
};
