import { grantWithoutConstraints } from "../../../src/rules/code/grant-without-constraints";
import { runRuleTests } from "../../support/rule-tester";

const KMS =
  'import { KMSClient, CreateGrantCommand, GrantOperation } from "@aws-sdk/client-kms";\n';
const MESSAGE = (operations: string) =>
  `CreateGrant allows ${operations} without an EncryptionContextEquals or EncryptionContextSubset constraint; constrain the grant to the context of the data it is for.`;

runRuleTests(grantWithoutConstraints, {
  valid: [
    {
      name: "an EncryptionContextEquals constraint",
      code: `${KMS}new CreateGrantCommand({ KeyId: "k", GranteePrincipal: "p", Operations: ["Decrypt"], Constraints: { EncryptionContextEquals: { tenant: "t" } } });`,
    },
    {
      name: "an EncryptionContextSubset constraint",
      code: `${KMS}new CreateGrantCommand({ KeyId: "k", GranteePrincipal: "p", Operations: ["Encrypt"], Constraints: { EncryptionContextSubset: { tenant: "t" } } });`,
    },
    {
      name: "only operations that never carry a context",
      code: `${KMS}new CreateGrantCommand({ KeyId: "k", GranteePrincipal: "p", Operations: ["Sign", "Verify", "DescribeKey"] });`,
    },
    {
      name: "constraints from a parameter",
      code: `${KMS}export const g = (constraints: object) => new CreateGrantCommand({ KeyId: "k", GranteePrincipal: "p", Operations: ["Decrypt"], Constraints: constraints });`,
    },
    {
      name: "operations not known",
      code: `${KMS}export const g = (ops: string[]) => new CreateGrantCommand({ KeyId: "k", GranteePrincipal: "p", Operations: ops });`,
    },
    {
      name: "a request with an unknown spread",
      code: `${KMS}export const g = (rest: object) => new CreateGrantCommand({ KeyId: "k", Operations: ["Decrypt"], ...rest });`,
    },
    {
      name: "a createGrant method on an unknown receiver",
      code: `import "aws-sdk";\nexport const g = (client: any) => client.createGrant({ KeyId: "k", Operations: ["Decrypt"] });`,
    },
  ],
  invalid: [
    {
      name: "v3 command without constraints, tenantId in scope",
      code: `${KMS}export function share(tenantId: string, role: string) {\n  return new CreateGrantCommand({\n    KeyId: "k",\n    GranteePrincipal: role,\n    Operations: ["Decrypt", "DescribeKey", GrantOperation.GenerateDataKey],\n  });\n}`,
      errors: [
        {
          range: [2, 9, 6, 4],
          message: MESSAGE("Decrypt, GenerateDataKey"),
          data: { operations: ["Decrypt", "GenerateDataKey"] },
          fixes: [
            {
              title: "Add an EncryptionContextEquals constraint",
              output: `${KMS}export function share(tenantId: string, role: string) {\n  return new CreateGrantCommand({\n    KeyId: "k",\n    GranteePrincipal: role,\n    Operations: ["Decrypt", "DescribeKey", GrantOperation.GenerateDataKey],\n    Constraints: { EncryptionContextEquals: { tenantId } },\n  });\n}`,
            },
          ],
        },
      ],
    },
    {
      name: "existing Constraints with only a SourceArn",
      code: `${KMS}new CreateGrantCommand({ KeyId: "k", GranteeServicePrincipal: "s", Operations: ["Encrypt"], Constraints: { SourceArn: "arn:aws:s3:::b" } });`,
      errors: [
        {
          text: 'new CreateGrantCommand({ KeyId: "k", GranteeServicePrincipal: "s", Operations: ["Encrypt"], Constraints: { SourceArn: "arn:aws:s3:::b" } })',
          message: MESSAGE("Encrypt"),
          fixes: [
            {
              title: "Add an EncryptionContextEquals constraint",
              output: `${KMS}new CreateGrantCommand({ KeyId: "k", GranteeServicePrincipal: "s", Operations: ["Encrypt"], Constraints: { SourceArn: "arn:aws:s3:::b", EncryptionContextEquals: { purpose: "what-this-data-is" } } });`,
            },
          ],
        },
      ],
    },
    {
      name: "v2 createGrant with the operations in a const",
      fileName: "grant.js",
      code: `const KMS = require("aws-sdk/clients/kms");\nconst kms = new KMS();\nconst OPERATIONS = ["ReEncryptFrom", "ReEncryptTo"];\nkms.createGrant({ KeyId: "k", GranteePrincipal: "p", Operations: OPERATIONS }).promise();`,
      errors: [
        {
          text: 'createGrant({ KeyId: "k", GranteePrincipal: "p", Operations: OPERATIONS })',
          message: MESSAGE("ReEncryptFrom, ReEncryptTo"),
          fixes: [
            {
              title: "Add an EncryptionContextEquals constraint",
              output: `const KMS = require("aws-sdk/clients/kms");\nconst kms = new KMS();\nconst OPERATIONS = ["ReEncryptFrom", "ReEncryptTo"];\nkms.createGrant({ KeyId: "k", GranteePrincipal: "p", Operations: OPERATIONS, Constraints: { EncryptionContextEquals: { purpose: "what-this-data-is" } } }).promise();`,
            },
          ],
        },
      ],
    },
  ],
});
