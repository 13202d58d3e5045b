import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import { Stack } from "aws-cdk-lib";

export function allowReports(stack: Stack, role: iam.Role) {
  const key = new kms.Key(stack, "ReportsKey");
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ["kms:Decrypt"],
      resources: [key.keyArn],
      conditions: { StringEquals: { "kms:EncryptionContext:purpose": "reports" } },
    }),
  );
  key.grantSign(role);
  return key;
}
