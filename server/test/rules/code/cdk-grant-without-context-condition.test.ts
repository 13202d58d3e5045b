import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  cdkGrantWithoutContextCondition,
  isContextCapableAction,
} from "../../../src/rules/code/cdk-grant-without-context-condition";
import { runRuleTests } from "../../support/rule-tester";

const CDK =
  'import * as kms from "aws-cdk-lib/aws-kms";\nimport * as iam from "aws-cdk-lib/aws-iam";\n';
const MESSAGE = (method: string, actions: string) =>
  `${method} adds ${actions} with no encryption-context condition; use an iam.PolicyStatement with a kms:EncryptionContext:<key> condition to limit the grant to the data it is for.`;

runRuleTests(cdkGrantWithoutContextCondition, {
  valid: [
    {
      name: "grants of actions without context",
      code: `${CDK}export function f(key: kms.IKey, role: iam.Role) {\n  key.grantSign(role);\n  key.grant(role, "kms:DescribeKey", "kms:GetPublicKey");\n}`,
    },
    {
      name: "a grantDecrypt on something that is not a CDK key",
      code: `${CDK}export function f(bucket: { grantDecrypt(r: unknown): void }, role: iam.Role) {\n  bucket.grantDecrypt(role);\n}`,
    },
    {
      name: "a key of unknown origin",
      code: `${CDK}export function f(key: any, role: iam.Role) {\n  key.grantDecrypt(role);\n}`,
    },
    {
      name: "grant with actions that are not known",
      code: `${CDK}export function f(key: kms.IKey, role: iam.Role, actions: string[]) {\n  key.grant(role, ...actions);\n}`,
    },
  ],
  invalid: [
    {
      name: "grant helpers on a new key, a typed parameter and a looked-up key",
      code: `${CDK}const key = new kms.Key(stack, "Key");\nkey.grantDecrypt(role);\nexport function f(k: kms.IKey) {\n  k.grantEncrypt(role);\n}\nkms.Key.fromKeyArn(stack, "K", arn).grantEncryptDecrypt(role);`,
      errors: [
        { text: "grantDecrypt(role)", message: MESSAGE("grantDecrypt", "kms:Decrypt") },
        {
          text: "grantEncrypt(role)",
          message: MESSAGE("grantEncrypt", "kms:Encrypt, kms:ReEncrypt*, kms:GenerateDataKey*"),
        },
        {
          text: "grantEncryptDecrypt(role)",
          message: MESSAGE(
            "grantEncryptDecrypt",
            "kms:Decrypt, kms:Encrypt, kms:ReEncrypt*, kms:GenerateDataKey*",
          ),
        },
      ],
    },
    {
      name: "grant with context-capable actions, named import, props interface and class field",
      code: `import { Key, IKey } from "aws-cdk-lib/aws-kms";\ninterface Props { readonly key: IKey }\nclass Stack {\n  private readonly own = new Key(this, "K");\n  constructor(props: Props) {\n    props.key.grant(role, "kms:Decrypt*", "kms:DescribeKey");\n    this.own.grant(role, "kms:*");\n  }\n}`,
      errors: [
        {
          text: 'grant(role, "kms:Decrypt*", "kms:DescribeKey")',
          message: MESSAGE("grant", "kms:Decrypt*"),
        },
        { text: 'grant(role, "kms:*")', message: MESSAGE("grant", "kms:*") },
      ],
    },
    {
      name: "aliases are keys too",
      code: `${CDK}const alias = new kms.Alias(stack, "A", { aliasName: "alias/app", targetKey: key });\nalias.grantDecrypt(role);\nkms.Alias.fromAliasName(stack, "B", "alias/b").grantEncrypt(role);`,
      errors: [
        { text: "grantDecrypt(role)", message: MESSAGE("grantDecrypt", "kms:Decrypt") },
        {
          text: "grantEncrypt(role)",
          message: MESSAGE("grantEncrypt", "kms:Encrypt, kms:ReEncrypt*, kms:GenerateDataKey*"),
        },
      ],
    },
    {
      name: "aws-cdk-lib root import",
      code: `import * as cdk from "aws-cdk-lib";\nnew cdk.aws_kms.Key(stack, "K").grantDecrypt(role);`,
      errors: [{ text: "grantDecrypt(role)", message: MESSAGE("grantDecrypt", "kms:Decrypt") }],
    },
  ],
});

describe("isContextCapableAction", () => {
  it("understands wildcards and case", () => {
    assert.deepEqual(
      [
        "*",
        "kms:*",
        "KMS:decrypt",
        "kms:ReEncrypt*",
        "kms:Generate?ataKey",
        "kms:Describe*",
        "s3:*",
      ].map(isContextCapableAction),
      [true, true, true, true, true, false, false],
    );
  });
});
