import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CONTEXT_PRESETS,
  fillTemplate,
  presetById,
  presetPairs,
  templatePlaceholders,
  templateToExpression,
} from "../../src/engine/builder/presets";

describe("preset catalogue", () => {
  it("has unique ids and at least one pair per preset", () => {
    const ids = CONTEXT_PRESETS.map((preset) => preset.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const preset of CONTEXT_PRESETS) {
      assert.ok(preset.pairs.length > 0, preset.id);
    }
  });

  it("holds the documented AWS service pairs as verified", () => {
    const keysOf = (id: string) => presetById(id)?.pairs.map((pair) => pair.key);
    assert.deepEqual(keysOf("aws-s3"), ["aws:s3:arn"]);
    assert.deepEqual(keysOf("aws-ebs"), ["aws:ebs:id"]);
    assert.deepEqual(keysOf("aws-secretsmanager"), ["SecretARN", "SecretVersionId"]);
    assert.deepEqual(keysOf("aws-ssm-parameter"), ["PARAMETER_ARN"]);
    assert.deepEqual(keysOf("aws-logs"), ["aws:logs:arn"]);
    assert.deepEqual(keysOf("aws-dynamodb"), [
      "aws:dynamodb:tableName",
      "aws:dynamodb:subscriberId",
    ]);
    assert.deepEqual(keysOf("aws-cloudtrail"), ["aws:cloudtrail:arn"]);
    assert.deepEqual(keysOf("aws-redshift"), ["aws:redshift:arn", "aws:redshift:createtime"]);
    assert.deepEqual(keysOf("aws-rds"), ["aws:rds:db-id"]);
    for (const id of ["aws-s3", "aws-ebs", "aws-secretsmanager", "aws-ssm-parameter", "aws-logs"]) {
      assert.equal(presetById(id)?.verified, true, id);
    }
  });

  it("marks pairs only seen in public code as unverified", () => {
    const unverified = CONTEXT_PRESETS.filter((preset) => !preset.verified).map((p) => p.id);
    assert.deepEqual(unverified, ["aws-lambda", "aws-lambda-console", "aws-sqs", "aws-sns"]);
  });

  it("offers the application patterns", () => {
    const application = CONTEXT_PRESETS.filter((preset) => preset.kind === "application");
    assert.deepEqual(
      application.map((preset) => [preset.id, preset.pairs.map((pair) => pair.key)]),
      [
        ["app-tenant-purpose", ["tenant", "purpose"]],
        ["app-file-path", ["path"]],
        ["app-record", ["recordType", "recordId"]],
      ],
    );
  });
});

describe("preset templates", () => {
  const logs = presetById("aws-logs")!;

  it("lists placeholders once, in order", () => {
    assert.deepEqual(templatePlaceholders(logs.pairs[0].template), [
      "partition",
      "region",
      "account",
      "logGroup",
    ]);
    assert.deepEqual(templatePlaceholders("${sid}@${directoryId}/${sid}"), ["sid", "directoryId"]);
  });

  it("fills placeholders, defaults the partition and marks what is left", () => {
    assert.equal(
      fillTemplate(logs.pairs[0].template, { region: "eu-west-1", account: "111122223333" }),
      "arn:aws:logs:eu-west-1:111122223333:log-group:<logGroup>",
    );
  });

  it("turns templates into identifiers or template literals for code", () => {
    assert.equal(templateToExpression("${tenantId}"), "tenantId");
    assert.equal(
      templateToExpression(logs.pairs[0].template),
      "`arn:aws:logs:${region}:${account}:log-group:${logGroup}`",
    );
    assert.equal(
      templateToExpression("elastictranscoder.amazonaws.com"),
      '"elastictranscoder.amazonaws.com"',
    );
    assert.equal(
      templateToExpression(logs.pairs[0].template, { region: "eu-west-1", logGroup: "`odd`" }),
      "`arn:aws:logs:eu-west-1:${account}:log-group:\\`odd\\``",
    );
  });

  it("makes a pair code when one of its placeholders is left empty", () => {
    const secrets = presetById("aws-secretsmanager")!;
    assert.deepEqual(
      presetPairs(secrets, { region: "us-east-1", account: "111122223333", secretName: "db" }),
      [
        {
          key: "SecretARN",
          value: {
            kind: "literal",
            text: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db",
          },
        },
        { key: "SecretVersionId", value: { kind: "expression", text: "versionId" } },
      ],
    );
  });

  it("builds literal pairs or code pairs from a preset", () => {
    const tenant = presetById("app-tenant-purpose")!;
    assert.deepEqual(presetPairs(tenant, { tenantId: "t-42", purpose: "invoices" }), [
      { key: "tenant", value: { kind: "literal", text: "t-42" } },
      { key: "purpose", value: { kind: "literal", text: "invoices" } },
    ]);
    assert.deepEqual(presetPairs(tenant), [
      { key: "tenant", value: { kind: "expression", text: "tenantId" } },
      { key: "purpose", value: { kind: "expression", text: "purpose" } },
    ]);
    assert.deepEqual(presetPairs(presetById("aws-elastictranscoder")!), [
      { key: "service", value: { kind: "literal", text: "elastictranscoder.amazonaws.com" } },
    ]);
  });
});
