import type { RuleContext } from "../../engine/rule-context";
import {
  actionsOfUse,
  globMatches,
  partitionByResources,
  statementCoversAction,
  workspaceKeyGroups,
} from "../../engine/workspace/key-groups";
import {
  isFullyKnown,
  type ResolvedEntry,
  type ResolvedUse,
  type ResolvedUseContext,
} from "../../engine/workspace/resolved";
import type { IndexedStatement, RequiredPair } from "../../engine/workspace/types";
import type { WorkspaceIndex } from "../../engine/workspace/workspace-index";
import type { DocumentModels, Rule } from "../rule";
import { describeLocation, MAX_RELATED, relatedAt } from "./workspace-helpers";

const NAME = "unsatisfiable-context-condition";

/** The key the Encryption SDK adds to the context of its signing suites. */
export const ESDK_PUBLIC_KEY = "aws-crypto-public-key";

/** One context the workspace's code sends to KMS under an action a statement may allow. */
export interface SentSide {
  use: ResolvedUse;
  side: ResolvedUseContext;
  keyGroup: string | undefined;
}

/**
 * The sides of every use whose action the statement covers, excluding CreateGrant (its
 * context is a constraint, not a request context) and Encryption SDK decrypts (they replay the
 * context the SDK encrypted with, which the encrypt side already shows).
 */
export function sidesCoveredBy(statement: IndexedStatement, uses: ResolvedUse[]): SentSide[] {
  const sides: SentSide[] = [];
  for (const use of uses) {
    if (
      use.operation === "CreateGrant" ||
      use.operation === "decrypt" ||
      use.operation === "decryptStream"
    ) {
      continue;
    }
    for (const side of use.contexts) {
      const covered = actionsOfUse(use, side.role).some((action) =>
        statementCoversAction(statement.actions, statement.notAction, action),
      );
      if (covered) {
        sides.push({ use, side, keyGroup: side.keyGroup });
      }
    }
  }
  return sides;
}

/** The entries a side really sends: the Encryption SDK adds its public key when it signs. */
export function sentEntries(sent: SentSide): { key: string; value?: string }[] {
  const context = sent.side.context;
  const entries =
    context.kind === "known"
      ? context.entries.map((entry: ResolvedEntry) => ({
          key: entry.key ?? "",
          value: entry.value.kind === "string" ? entry.value.value : undefined,
        }))
      : [];
  if (sent.use.via === "esdk" && sent.use.esdkSigning !== "no") {
    entries.push({ key: ESDK_PUBLIC_KEY, value: undefined });
  }
  return entries;
}

function valueMatches(pair: RequiredPair, value: string): boolean {
  return (pair.values ?? []).some((allowed) => {
    switch (pair.match) {
      case "exact":
        return allowed === value;
      case "ignore-case":
        return allowed.toLowerCase() === value.toLowerCase();
      case "like":
        return globMatches(allowed, value, false);
    }
  });
}

/** Why no side satisfies the pair, or undefined when one might. */
function unsatisfied(pair: RequiredPair, sides: SentSide[]): string | undefined {
  // Condition key names are case-insensitive, so `tenantid` satisfies `...:TenantId`.
  const wanted = pair.key.toLowerCase();
  const values: (string | undefined)[] = [];
  for (const sent of sides) {
    for (const entry of sentEntries(sent)) {
      if (entry.key.toLowerCase() === wanted) {
        values.push(entry.value);
      }
    }
  }
  if (values.length === 0) {
    return `kms:EncryptionContext:${pair.key} is required, but no call sends the key "${pair.key}"`;
  }
  if (pair.values === undefined || values.some((value) => value === undefined)) {
    return undefined;
  }
  if (values.some((value) => valueMatches(pair, value as string))) {
    return undefined;
  }
  const sent = [...new Set(values)].map((value) => `"${value}"`).join(", ");
  const allowed = pair.values.map((value) => `"${value}"`).join(", ");
  return `kms:EncryptionContext:${pair.key} must be ${allowed}, but the code sends ${sent}`;
}

function checkStatement(
  statement: IndexedStatement,
  index: WorkspaceIndex,
  context: RuleContext,
): void {
  if (statement.effect !== "Allow" || statement.servicePrincipalOnly || statement.viaService) {
    return;
  }
  // `aws:`-prefixed keys are set by AWS services themselves, never by this code.
  const pairs = statement.requiredPairs.filter((pair) => !/^aws:/i.test(pair.key));
  if (pairs.length === 0) {
    return;
  }

  const uses = index.uses();
  const covered = sidesCoveredBy(statement, uses);
  const { certain, possible } = partitionByResources(
    statement.resources,
    covered,
    workspaceKeyGroups(uses),
  );
  if (certain.length === 0) {
    return;
  }
  const considered = [...certain, ...possible];
  if (!considered.every((sent) => isFullyKnown(sent.side.context))) {
    return;
  }

  const problems = pairs
    .map((pair) => unsatisfied(pair, considered))
    .filter((problem): problem is string => problem !== undefined);
  if (problems.length === 0) {
    return;
  }

  const first = certain[0].use;
  context.report({
    start: statement.start,
    end: statement.end,
    message:
      `${problems.join("; ")}. This statement allows none of the ${certain.length} KMS ` +
      `call(s) the workspace makes with this key (first: ${describeLocation(index, first)}), ` +
      "so they will be denied unless another statement allows them.",
    related: certain
      .slice(0, MAX_RELATED)
      .map((sent) =>
        relatedAt(index, context, sent.use, `${sent.use.operation} with ${sent.side.member}`),
      ),
  });
}

/** KMS112: an Allow whose required context no code sends for the key it governs. */
export const unsatisfiableContextCondition: Rule = {
  meta: {
    code: "KMS112",
    name: NAME,
    summary:
      "An Allow statement requires an encryption context key or value that no code in the workspace sends with that KMS key.",
    defaultSeverity: "information",
    area: "policy",
    fix: "none",
    docs: {
      whatItFlags:
        "An `Allow` statement whose condition requires `kms:EncryptionContext:<key>` (with " +
        "`StringEquals`, `StringEqualsIgnoreCase` or `StringLike`, without `IfExists`) when the " +
        "workspace's code calls the KMS key the statement governs but never sends that key — " +
        "or sends it only with literal values the condition does not accept.\n\n" +
        "It is reported only when every call that may use that key has a fully known context " +
        "(resolved through imported constants, helpers and wrapper classes), and never for " +
        "`aws:`-prefixed keys, service principals or `kms:ViaService` statements: those " +
        "contexts are sent by AWS services, not by your code.",
      whyItMatters:
        "A request is allowed only if its encryption context satisfies the condition. When " +
        "the code never sends the required pair, every one of its calls is denied by this " +
        "statement, and the failure appears only at run time as `AccessDeniedException`.",
      badExample:
        "```json\n" +
        '{ "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",\n' +
        '  "Condition": { "StringEquals": { "kms:EncryptionContext:tenant": "t-1" } } }\n' +
        "```\n\n" +
        "```ts\n" +
        'await kms.send(new DecryptCommand({ KeyId: "alias/app", CiphertextBlob: blob,\n' +
        '  EncryptionContext: { tenantId: "t-1" } }));\n' +
        "```",
      fixedExample:
        "```ts\n" +
        'await kms.send(new DecryptCommand({ KeyId: "alias/app", CiphertextBlob: blob,\n' +
        '  EncryptionContext: { tenant: "t-1" } }));\n' +
        "```",
      whenNotToUse:
        "When code outside this workspace (another repository, a service) is what the " +
        "statement is meant for, or when the key is used only by AWS services.",
      references: [
        {
          title: "AWS KMS condition keys: kms:EncryptionContext:context-key",
          url: "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context",
        },
        {
          title: "Encryption context",
          url: "https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html",
        },
      ],
    },
  },
  checkWorkspace(_models: DocumentModels, index: WorkspaceIndex, context: RuleContext): void {
    for (const statement of index.statementsIn(context.document.fileName)) {
      checkStatement(statement, index, context);
    }
  },
};
