import type { RuleContext } from "../../engine/rule-context";
import { globMatches } from "../../engine/workspace/key-groups";
import { isFullyKnown, type ResolvedUse } from "../../engine/workspace/resolved";
import type { IndexedStatement, RequiredPair } from "../../engine/workspace/types";
import type { WorkspaceIndex } from "../../engine/workspace/workspace-index";
import type { DocumentModels, Rule } from "../rule";
import {
  coveredSidesByResource,
  sentEntries,
  type Partition,
  type SentSide,
} from "./covered-sides";
import { describeLocation, MAX_RELATED, relatedAt } from "./workspace-helpers";

const NAME = "unsatisfiable-context-condition";

/**
 * What the sides a statement governs send, gathered once per set of sides: statements with the
 * same actions and resources share the set, and a large policy has thousands of them.
 */
interface SentSummary {
  /** Whether every governed side's context is fully known. */
  allKnown: boolean;
  /** The values sent per lower-cased key, in side order; undefined for a non-literal value. */
  valuesByKey: Map<string, (string | undefined)[]>;
}

const summaries = new WeakMap<Readonly<Partition<SentSide>>, SentSummary>();

function summaryOf(
  partition: Readonly<Partition<SentSide>>,
  uses: readonly ResolvedUse[],
): SentSummary {
  let summary = summaries.get(partition);
  if (summary) {
    return summary;
  }
  // Certain sides first, so the values (and the message quoting them) keep the order of calls.
  const considered = [...partition.certain, ...partition.possible];
  const allKnown = considered.every((sent) => isFullyKnown(sent.side.context));
  const valuesByKey = new Map<string, (string | undefined)[]>();
  if (allKnown) {
    for (const sent of considered) {
      for (const entry of sentEntries(sent, uses)) {
        let values = valuesByKey.get(entry.lowerKey);
        if (values === undefined) {
          values = [];
          valuesByKey.set(entry.lowerKey, values);
        }
        values.push(entry.value);
      }
    }
  }
  summary = { allKnown, valuesByKey };
  summaries.set(partition, summary);
  return summary;
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

/** Why no governed side satisfies the pair, or undefined when one might. */
function unsatisfied(pair: RequiredPair, summary: SentSummary): string | undefined {
  // Condition key names are case-insensitive, so `tenantid` satisfies `...:TenantId`.
  const values = summary.valuesByKey.get(pair.key.toLowerCase()) ?? [];
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
  const partition = coveredSidesByResource(statement, uses);
  const certain = partition.certain;
  if (certain.length === 0) {
    return;
  }
  const summary = summaryOf(partition, uses);
  if (!summary.allKnown) {
    return;
  }

  const problems = pairs
    .map((pair) => unsatisfied(pair, summary))
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
