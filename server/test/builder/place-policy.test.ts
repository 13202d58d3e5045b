import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseAllDocuments, parseDocument } from "yaml";
import { code, literal, placeAtMarker, refusal } from "./support";

const pairs = [code("tenant", "tenantId"), literal("purpose", "invoices")];
const condition = { pairs, target: { kind: "policy" } as const };
const withAllowList = {
  pairs,
  target: { kind: "policy", options: { keysAllowList: true } } as const,
};

describe("placing a condition in a JSON policy", () => {
  it("adds a Condition to the statement at the cursor, with the file's indentation", () => {
    const before = [
      "{",
      '    "Version": "2012-10-17",',
      '    "Statement": [',
      "        {",
      '            "Sid": "AllowApp",',
      '            "Effect": "Allow",',
      '            "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },',
      '            "Action": ["kms:Decrypt", "kms:GenerateDataKey"],',
      '            "Resource": "*"|',
      "        }",
      "    ]",
      "}",
      "",
    ].join("\n");
    const after = placeAtMarker(before, "key-policy.json", withAllowList);
    assert.equal(
      after,
      [
        "{",
        '    "Version": "2012-10-17",',
        '    "Statement": [',
        "        {",
        '            "Sid": "AllowApp",',
        '            "Effect": "Allow",',
        '            "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" },',
        '            "Action": ["kms:Decrypt", "kms:GenerateDataKey"],',
        '            "Resource": "*",',
        '            "Condition": {',
        '                "StringEquals": {',
        '                    "kms:EncryptionContext:purpose": "invoices"',
        "                },",
        '                "ForAllValues:StringEquals": {',
        '                    "kms:EncryptionContextKeys": [',
        '                        "tenant",',
        '                        "purpose"',
        "                    ]",
        "                },",
        '                "Null": {',
        '                    "kms:EncryptionContext:tenant": "false",',
        '                    "kms:EncryptionContextKeys": "false"',
        "                }",
        "            }",
        "        }",
        "    ]",
        "}",
        "",
      ].join("\n"),
    );
    assert.deepEqual(JSON.parse(after).Statement[0].Condition.Null, {
      "kms:EncryptionContext:tenant": "false",
      "kms:EncryptionContextKeys": "false",
    });
  });

  it("merges into an existing Condition of a CloudFormation statement", () => {
    const before = [
      "{",
      '  "Resources": {',
      '    "Key": {',
      '      "Type": "AWS::KMS::Key",',
      '      "Properties": {',
      '        "KeyPolicy": {',
      '          "Statement": [',
      '            { "Effect": "Allow", "Principal": "*", "Action": "kms:Encrypt", "Resource": "*" },',
      "            {",
      '              "Effect": "Allow",',
      '              "Action": ["kms:Decrypt"],',
      '              "Resource": "*",',
      '              "Condition": { "StringEquals": { "kms:ViaService": "s3.amazonaws.com" } }|',
      "            }",
      "          ]",
      "        }",
      "      }",
      "    }",
      "  }",
      "}",
    ].join("\n");
    const after = JSON.parse(placeAtMarker(before, "template.json", condition));
    const statements = after.Resources.Key.Properties.KeyPolicy.Statement;
    assert.equal(statements[0].Condition, undefined);
    assert.deepEqual(statements[1].Condition, {
      StringEquals: {
        "kms:ViaService": "s3.amazonaws.com",
        "kms:EncryptionContext:purpose": "invoices",
      },
      Null: { "kms:EncryptionContext:tenant": "false" },
    });
  });

  it("refuses outside a statement and in broken JSON", () => {
    const policy = '{ "Version": "2012-10-17",| "Statement": [] }';
    assert.equal(
      refusal(policy, "p.json", condition),
      "Put the cursor inside a policy statement (an object with Effect and Action).",
    );
    assert.equal(
      refusal('{ "Statement": [ { "Effect": |', "p.json", condition),
      "The JSON has syntax errors; fix them before inserting.",
    );
    assert.equal(
      refusal('{"Effect": "Allow", "Action": "kms:*", "Condition": "x"|}', "p.json", condition),
      "The statement's Condition is not an object; edit it by hand.",
    );
  });
});

const template = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  "Resources:",
  "  Key:",
  "    Type: AWS::KMS::Key",
  "    Properties:",
  "      KeyPolicy:",
  '        Version: "2012-10-17"',
  "        Statement:",
  "          - Sid: App",
  "            Effect: Allow",
  "            Principal:",
  "              AWS: !Sub arn:aws:iam::${AWS::AccountId}:role/App",
  "            Action:",
  "              - kms:Decrypt",
  "              - kms:Encrypt",
  '            Resource: "*" # every key this policy is attached to',
  "          # The next statement is for S3.",
  "          - Sid: ViaS3",
  "            Effect: Allow",
  "            Action: kms:Decrypt",
  '            Resource: "*"',
  "            Condition:",
  "              StringEquals:",
  "                kms:ViaService: s3.amazonaws.com",
  "Outputs: {}",
  "",
].join("\n");

function at(text: string, marker: string): string {
  const offset = text.indexOf(marker);
  return text.slice(0, offset) + "|" + text.slice(offset);
}

describe("placing a condition in a YAML template", () => {
  it("appends a Condition after the last entry, keeping comments and tags", () => {
    const after = placeAtMarker(at(template, "Principal:"), "template.yaml", withAllowList);
    assert.equal(
      after,
      template.replace(
        '            Resource: "*" # every key this policy is attached to\n',
        [
          '            Resource: "*" # every key this policy is attached to',
          "            Condition:",
          "              StringEquals:",
          "                kms:EncryptionContext:purpose: invoices",
          "              ForAllValues:StringEquals:",
          "                kms:EncryptionContextKeys:",
          "                  - tenant",
          "                  - purpose",
          '              "Null":',
          '                kms:EncryptionContext:tenant: "false"',
          '                kms:EncryptionContextKeys: "false"',
          "",
        ].join("\n"),
      ),
    );
    const document = parseDocument(after);
    assert.deepEqual(document.errors, []);
    const statement = document.toJS().Resources.Key.Properties.KeyPolicy.Statement[0];
    assert.deepEqual(statement.Condition.Null, {
      "kms:EncryptionContext:tenant": "false",
      "kms:EncryptionContextKeys": "false",
    });
  });

  it("merges into an existing Condition mapping", () => {
    const after = placeAtMarker(at(template, "Sid: ViaS3"), "template.yaml", condition);
    assert.equal(
      after,
      template.replace(
        "                kms:ViaService: s3.amazonaws.com\n",
        [
          "                kms:ViaService: s3.amazonaws.com",
          "                kms:EncryptionContext:purpose: invoices",
          '              "Null":',
          '                kms:EncryptionContext:tenant: "false"',
          "",
        ].join("\n"),
      ),
    );
    assert.deepEqual(parseDocument(after).errors, []);
  });

  it("follows unindented sequences and the file's indentation step", () => {
    const before = [
      "Statement:",
      "- Effect: Allow",
      "  Action:",
      "  - kms:Decrypt",
      "  Resource: '*'|",
    ].join("\n");
    assert.equal(
      placeAtMarker(before, "policy.yaml", withAllowList),
      [
        "Statement:",
        "- Effect: Allow",
        "  Action:",
        "  - kms:Decrypt",
        "  Resource: '*'",
        "  Condition:",
        "    StringEquals:",
        "      kms:EncryptionContext:purpose: invoices",
        "    ForAllValues:StringEquals:",
        "      kms:EncryptionContextKeys:",
        "      - tenant",
        "      - purpose",
        '    "Null":',
        '      kms:EncryptionContext:tenant: "false"',
        '      kms:EncryptionContextKeys: "false"',
      ].join("\n"),
    );
  });

  it("finds the statement in the right document of a multi-document file", () => {
    const before = [
      "Statement:",
      "  - Effect: Allow",
      "    Action: kms:Encrypt",
      "---",
      "Statement:",
      "  - Effect: Allow",
      "    Action: kms:Decrypt|",
      "",
    ].join("\n");
    const after = placeAtMarker(before, "policies.yaml", condition);
    const documents = parseAllDocuments(after);
    assert.ok(Array.isArray(documents));
    assert.equal(documents[0].toJS().Statement[0].Condition, undefined);
    assert.deepEqual(documents[1].toJS().Statement[0].Condition.StringEquals, {
      "kms:EncryptionContext:purpose": "invoices",
    });
  });

  it("refuses flow-style statements and broken YAML", () => {
    assert.equal(
      refusal("Statement:\n  - {Effect: Allow, Action: kms:Decrypt|}\n", "p.yaml", condition),
      "The statement is written in flow style ({ … }); edit it by hand.",
    );
    assert.equal(
      refusal("Statement:\n  - Effect: Allow\n    Action: [kms:Decrypt|\n", "p.yaml", condition),
      "The YAML has syntax errors; fix them before inserting.",
    );
  });
});
