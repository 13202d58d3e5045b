import type { RuleContext } from "../../engine/rule-context";
import type { Fix } from "../../engine/types";
import { globMatches } from "../../engine/workspace/key-groups";
import type { IndexedStatement, KeyAllowList } from "../../engine/workspace/types";
import type { WorkspaceIndex } from "../../engine/workspace/workspace-index";
import type { DocumentModels, Rule } from "../rule";
import { ESDK_PUBLIC_KEY, signingEncryptsGovernedBy } from "./covered-sides";
import { describeLocation, MAX_RELATED, relatedAt } from "./workspace-helpers";

function allowsPublicKey(list: KeyAllowList): boolean {
  return (list.values ?? []).some((value) => {
    switch (list.match) {
      case "exact":
        return value === ESDK_PUBLIC_KEY;
      case "ignore-case":
        return value.toLowerCase() === ESDK_PUBLIC_KEY;
      case "like":
        return globMatches(value, ESDK_PUBLIC_KEY, false);
    }
  });
}

/**
 * Adds the SDK's key to the list, in the list's own syntax: a JSON or flow-style array gets a
 * new first element, a YAML block sequence a new first item, a single value becomes a list.
 */
function addPublicKeyFix(
  list: KeyAllowList,
  context: RuleContext,
  isYaml: boolean,
): Fix | undefined {
  const first = list.valueSpans[0];
  if (!first || first.end <= first.start) {
    return undefined;
  }
  const text = context.document.text;
  const before = text.slice(0, first.start).trimEnd();
  const opener = before.charAt(before.length - 1);
  const quoted = isYaml ? ESDK_PUBLIC_KEY : `"${ESDK_PUBLIC_KEY}"`;
  let edit;

  if (opener === "[" || opener === ",") {
    edit = context.edit(first.start, first.start, `${quoted}, `);
  } else if (opener === "-" && isYaml) {
    const lineStart = text.lastIndexOf("\n", first.start - 1) + 1;
    const prefix = text.slice(lineStart, first.start);
    edit = context.edit(first.start, first.start, `${ESDK_PUBLIC_KEY}\n${prefix}`);
  } else if (list.valueSpans.length === 1) {
    const original = text.slice(first.start, first.end);
    edit = context.edit(first.start, first.end, `[${original}, ${quoted}]`);
  } else {
    return undefined;
  }
  return { title: `Allow the "${ESDK_PUBLIC_KEY}" context key`, edits: [edit], isPreferred: true };
}

function checkStatement(
  statement: IndexedStatement,
  index: WorkspaceIndex,
  context: RuleContext,
): void {
  const list = statement.keyAllowList;
  if (statement.effect !== "Allow" || !list || list.values === undefined) {
    return;
  }
  if (allowsPublicKey(list)) {
    return;
  }
  const encrypts = signingEncryptsGovernedBy(statement, index.uses());
  if (encrypts.length === 0) {
    return;
  }

  const fix = addPublicKeyFix(list, context, context.document.kind === "yaml");
  context.report({
    start: statement.start,
    end: statement.end,
    message:
      `This ForAllValues allow-list of context keys omits "${ESDK_PUBLIC_KEY}", which the AWS ` +
      "Encryption SDK adds to the context with its default (signing) algorithm suites, as in " +
      `${describeLocation(index, encrypts[0])}: those requests will be denied.`,
    fixes: fix ? [fix] : [],
    related: encrypts
      .slice(0, MAX_RELATED)
      .map((use) =>
        relatedAt(index, context, use, `Encryption SDK ${use.operation} (signing suite)`),
      ),
  });
}

/** KMS111: a context-key allow-list that forgets the Encryption SDK's public key. */
export const esdkPublicKeyNotAllowed: Rule = {
  meta: {
    code: "KMS111",
    name: "esdk-public-key-not-allowed",
    summary:
      "A ForAllValues allow-list of encryption context keys omits aws-crypto-public-key while the workspace encrypts with the Encryption SDK's signing suites.",
    defaultSeverity: "warning",
    area: "policy",
    fix: "sometimes",
    docs: {
      whatItFlags:
        "An `Allow` statement with `ForAllValues:StringEquals` (or `StringLike`, " +
        "`StringEqualsIgnoreCase`) on `kms:EncryptionContextKeys` whose list does not admit " +
        "`aws-crypto-public-key`, when code in the workspace encrypts with the AWS Encryption " +
        "SDK using its default algorithm suite (or any `ECDSA` suite) under a key the statement " +
        "governs.",
      whyItMatters:
        "With a signing suite, the Encryption SDK adds the pair `aws-crypto-public-key` to the " +
        "encryption context it sends to KMS (`GenerateDataKey`, `Encrypt`, `Decrypt`). A " +
        "`ForAllValues` allow-list that does not include that key rejects every such request, " +
        "so encryption fails with `AccessDeniedException` even though the caller's own keys " +
        "are all listed.",
      badExample:
        "```json\n" +
        '"Condition": { "ForAllValues:StringEquals": {\n' +
        '  "kms:EncryptionContextKeys": ["tenant", "purpose"] } }\n' +
        "```",
      fixedExample:
        "```json\n" +
        '"Condition": { "ForAllValues:StringEquals": {\n' +
        '  "kms:EncryptionContextKeys": ["aws-crypto-public-key", "tenant", "purpose"] } }\n' +
        "```",
      whenNotToUse:
        "When the Encryption SDK code in the workspace uses a non-signing suite through a " +
        "variable the analysis cannot read, or uses a different key than the statement governs.",
      references: [
        {
          title: "AWS Encryption SDK: encryption context",
          url: "https://docs.aws.amazon.com/encryption-sdk/latest/developer-guide/concepts.html#encryption-context",
        },
        {
          title: "AWS KMS condition keys: kms:EncryptionContextKeys",
          url: "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context-keys",
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
