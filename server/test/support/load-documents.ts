import { analyzeDocument } from "../../src/engine/analyze";
import { WorkspaceIndex } from "../../src/engine/workspace/workspace-index";
import type { WorkspaceFacts } from "../../src/engine/workspace-facts";
import { findingToDiagnostic } from "../../src/server/diagnostics";
import { uriToPath } from "../../src/server/settings";
import type { Diagnostic } from "vscode-languageserver-protocol";

/** One document a load test opens, with the language id an editor would send. */
export interface LoadDocument {
  uri: string;
  languageId: string;
  text: string;
}

/**
 * A TypeScript document whose findings depend on `variant`: even variants send a context,
 * odd ones do not (KMS001), and every variant differs in text so no two versions are alike.
 */
export function codeVariant(variant: number): string {
  const context = variant % 2 === 0 ? `, EncryptionContext: { purpose: "v${variant}" }` : "";
  return (
    'import { KMSClient, EncryptCommand, DecryptCommand } from "@aws-sdk/client-kms";\n' +
    "const kms = new KMSClient({});\n" +
    `// edit ${variant}\n` +
    "export async function seal(data: Uint8Array, blob: Uint8Array) {\n" +
    `  await kms.send(new EncryptCommand({ KeyId: "alias/a", Plaintext: data${context} }));\n` +
    "  await kms.send(new DecryptCommand({ CiphertextBlob: blob }));\n" +
    "}\n"
  );
}

/** A key policy whose second statement lacks a context condition (KMS101) when `variant` is odd. */
export function policyVariant(variant: number): string {
  const condition =
    variant % 2 === 0
      ? ', "Condition": { "StringEquals": { "kms:EncryptionContext:purpose": "p" } }'
      : "";
  return `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Root", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "kms:*", "Resource": "*" },
    { "Sid": "Use${variant}", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" }, "Action": ["kms:Decrypt"], "Resource": "*"${condition} }
  ]
}
`;
}

/** A CloudFormation template with a key policy, varying like `policyVariant`. */
export function templateVariant(variant: number): string {
  const condition =
    variant % 2 === 0
      ? "\n            Condition:\n              StringEquals:\n                kms:EncryptionContext:purpose: p"
      : "";
  return `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Key${variant}:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: arn:aws:iam::111122223333:role/App }
            Action: kms:Decrypt
            Resource: "*"${condition}
`;
}

/**
 * A fresh workspace index of `openDocuments`, as the server keeps one of every open document
 * (so cross-file rules and fixes see the others). Build it once per set of documents.
 */
export function freshWorkspace(openDocuments: readonly LoadDocument[]): WorkspaceFacts {
  const index = new WorkspaceIndex();
  for (const open of openDocuments) {
    index.update(uriToPath(open.uri)!, open.text, {}, open.languageId);
  }
  return index.facts();
}

/**
 * What a fresh analysis of `document` publishes, with the server's default configuration and
 * the workspace of the documents open with it (by default, itself alone).
 */
export function expectedDiagnostics(
  document: LoadDocument,
  workspace: WorkspaceFacts = freshWorkspace([document]),
): Diagnostic[] {
  const result = analyzeDocument(
    {
      fileName: uriToPath(document.uri) ?? document.uri,
      text: document.text,
      languageId: document.languageId,
    },
    { workspace },
  );
  // Through JSON, as the wire would carry them, so undefined members compare equal.
  return JSON.parse(
    JSON.stringify(result.findings.map((finding) => findingToDiagnostic(finding, document.uri))),
  );
}
