import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import { Stack } from "aws-cdk-lib";

export function allowReports(stack: Stack, role: iam.Role) {
  const key = new kms.Key(stack, "ReportsKey");
  key.grantDecrypt(role);
  return key;
}
