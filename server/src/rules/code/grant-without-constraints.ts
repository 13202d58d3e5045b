import { insertMember, type OffsetEdit, suggestContext } from "../../engine/code/fix-text";
import { CONTEXT_GRANT_OPERATIONS } from "../../engine/code/known-apis";
import type { Rule } from "../rule";
import { AWS_REFERENCES } from "./aws-references";
import { offsetFix } from "./fixes";

export const grantWithoutConstraints: Rule = {
  meta: {
    code: "KMS007",
    name: "grant-without-constraints",
    summary:
      "CreateGrant for operations that carry an encryption context must constrain the grant to a context.",
    defaultSeverity: "warning",
    area: "code",
    fix: "sometimes",
    docs: {
      whatItFlags: [
        "`CreateGrant` calls (SDK v2 and v3) whose `Operations` include an operation that carries an",
        "encryption context (`Encrypt`, `Decrypt`, `GenerateDataKey*`, `GenerateDataKeyPair*`,",
        "`ReEncryptFrom`, `ReEncryptTo`, `CreateGrant`) and whose `Constraints` have neither",
        "`EncryptionContextEquals` nor `EncryptionContextSubset`. Requests or constraints that are not",
        "fully known in the file are not reported.",
      ].join("\n"),
      whyItMatters: [
        "A grant without a context constraint lets the grantee use the key on every ciphertext it",
        "protects, whatever data it belongs to. Constraining the grant to the context of the data it",
        "is for (`EncryptionContextEquals` where possible, as AWS recommends) limits it to that data,",
        "and child grants can only be as strict or stricter.",
      ].join("\n"),
      badExample: [
        "```ts",
        'import { KMSClient, CreateGrantCommand } from "@aws-sdk/client-kms";',
        "",
        "const kms = new KMSClient({});",
        "",
        "export async function shareWith(roleArn: string, tenantId: string) {",
        "  return kms.send(",
        '    new CreateGrantCommand({ KeyId: "alias/app", GranteePrincipal: roleArn, Operations: ["Decrypt"] }),',
        "  );",
        "}",
        "```",
      ].join("\n"),
      fixedExample: [
        "```ts",
        'import { KMSClient, CreateGrantCommand } from "@aws-sdk/client-kms";',
        "",
        "const kms = new KMSClient({});",
        "",
        "export async function shareWith(roleArn: string, tenantId: string) {",
        "  return kms.send(",
        "    new CreateGrantCommand({",
        '      KeyId: "alias/app",',
        "      GranteePrincipal: roleArn,",
        '      Operations: ["Decrypt"],',
        "      Constraints: { EncryptionContextEquals: { tenantId } },",
        "    }),",
        "  );",
        "}",
        "```",
      ].join("\n"),
      whenNotToUse: [
        "Grants created for AWS services on your behalf, or grants for operations on data encrypted",
        "without a context, cannot be constrained; suppress those calls with a reason.",
      ].join("\n"),
      references: [
        AWS_REFERENCES.createGrantApi,
        AWS_REFERENCES.grantConstraints,
        AWS_REFERENCES.grants,
      ],
    },
  },

  checkCode(model, context) {
    const text = context.document.text;
    for (const call of model.kmsCalls) {
      if (call.operation !== "CreateGrant" || !call.grantOperations) {
        continue;
      }
      const operations = call.grantOperations.values.filter((operation) =>
        CONTEXT_GRANT_OPERATIONS.has(operation),
      );
      const equals = call.contexts["Constraints.EncryptionContextEquals"];
      const subset = call.contexts["Constraints.EncryptionContextSubset"];
      if (operations.length === 0 || equals?.kind !== "absent" || subset?.kind !== "absent") {
        continue;
      }

      const suggestion = suggestContext(call.identifiersInScope);
      let edit: OffsetEdit | undefined;
      if (call.constraints?.kind === "object") {
        edit = insertMember(
          call.constraints.layout,
          `EncryptionContextEquals: ${suggestion}`,
          text,
        );
      } else if (call.constraints?.kind === "absent" && call.request.layout) {
        const member = `Constraints: { EncryptionContextEquals: ${suggestion} }`;
        edit = insertMember(call.request.layout, member, text);
      }

      context.report({
        start: call.start,
        end: call.end,
        message: `CreateGrant allows ${operations.join(", ")} without an EncryptionContextEquals or EncryptionContextSubset constraint; constrain the grant to the context of the data it is for.`,
        fixes: edit
          ? [
              offsetFix(context, "Add an EncryptionContextEquals constraint", [edit], {
                snippet: true,
                isPreferred: true,
              }),
            ]
          : [],
        data: { operations },
      });
    }
  },
};
