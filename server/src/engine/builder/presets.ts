import type { ContextPair } from "./types";

/**
 * The preset catalogue of the encryption-context builder: the pairs AWS services send to KMS
 * themselves (so a policy can require them) and a few application patterns that describe data
 * without revealing it.
 *
 * Values are templates: `${name}` stands for a placeholder the user fills in, e.g.
 * `arn:${partition}:logs:${region}:${account}:log-group:${logGroup}`. In code the placeholders
 * can also become identifiers, which turns the value into a template literal.
 */

/** One pair of a preset, with its value as a template. */
export interface PresetPair {
  key: string;
  template: string;
  /** What the value is, for the builder's prompt. */
  description: string;
}

/** A named set of pairs the builder can start from. */
export interface ContextPreset {
  /** Stable id, e.g. `aws-s3`, `app-tenant-purpose`. */
  id: string;
  label: string;
  description: string;
  /** `aws-service` presets mirror what a service sends; `application` ones are patterns. */
  kind: "aws-service" | "application";
  /**
   * True when AWS documentation states these pairs; false when they were only observed in
   * public code or CloudTrail samples, which the builder shows as a warning.
   */
  verified: boolean;
  /** Where the pairs are documented, in words a user can search for. */
  source: string;
  pairs: PresetPair[];
}

const ARN_PREFIX = "arn:${partition}";

function awsService(
  id: string,
  label: string,
  source: string,
  pairs: [key: string, template: string, description: string][],
  verified = true,
): ContextPreset {
  return {
    id: `aws-${id}`,
    label,
    description: pairs.map(([key]) => key).join(", "),
    kind: "aws-service",
    verified,
    source,
    pairs: pairs.map(([key, template, description]) => ({ key, template, description })),
  };
}

/** Every preset, AWS services first (verified before unverified), then application patterns. */
export const CONTEXT_PRESETS: readonly ContextPreset[] = [
  awsService("s3", "Amazon S3 (SSE-KMS)", "S3 User Guide, UsingKMSEncryption", [
    ["aws:s3:arn", `${ARN_PREFIX}:s3:::\${bucket}/\${objectKey}`, "the object's ARN"],
  ]),
  awsService("s3-bucket-key", "Amazon S3 with an S3 Bucket Key", "S3 User Guide, bucket-key", [
    ["aws:s3:arn", `${ARN_PREFIX}:s3:::\${bucket}`, "the bucket's ARN"],
  ]),
  awsService("ebs", "Amazon EBS", "KMS Developer Guide, services-ebs", [
    ["aws:ebs:id", "${volumeId}", "the volume ID (vol-…), or the snapshot ID for CopySnapshot"],
  ]),
  awsService("rds", "Amazon RDS", "KMS Developer Guide, services-rds", [
    ["aws:rds:db-id", "${dbResourceId}", "the DB instance resource ID (db-…)"],
  ]),
  awsService("secretsmanager", "AWS Secrets Manager", "Secrets Manager User Guide", [
    [
      "SecretARN",
      `${ARN_PREFIX}:secretsmanager:\${region}:\${account}:secret:\${secretName}`,
      "the secret's ARN",
    ],
    ["SecretVersionId", "${versionId}", "the secret version's id"],
  ]),
  awsService(
    "ssm-parameter",
    "SSM Parameter Store (SecureString)",
    "KMS Developer Guide, services-parameter-store",
    [
      [
        "PARAMETER_ARN",
        `${ARN_PREFIX}:ssm:\${region}:\${account}:parameter/\${parameterName}`,
        "the parameter's ARN",
      ],
    ],
  ),
  awsService("dynamodb", "Amazon DynamoDB", "DynamoDB Developer Guide, encryption usage notes", [
    ["aws:dynamodb:tableName", "${tableName}", "the table name"],
    ["aws:dynamodb:subscriberId", "${account}", "the table owner's account id"],
  ]),
  awsService("logs", "Amazon CloudWatch Logs", "CloudWatch Logs User Guide, encrypt-log-data-kms", [
    [
      "aws:logs:arn",
      `${ARN_PREFIX}:logs:\${region}:\${account}:log-group:\${logGroup}`,
      "the log group's ARN",
    ],
  ]),
  awsService("cloudtrail", "AWS CloudTrail", "KMS Developer Guide, services-cloudtrail", [
    [
      "aws:cloudtrail:arn",
      `${ARN_PREFIX}:cloudtrail:\${region}:\${account}:trail/\${trailName}`,
      "the trail's ARN",
    ],
  ]),
  awsService("redshift", "Amazon Redshift", "KMS Developer Guide, services-redshift", [
    [
      "aws:redshift:arn",
      `${ARN_PREFIX}:redshift:\${region}:\${account}:cluster:\${clusterName}`,
      "the cluster's ARN",
    ],
    ["aws:redshift:createtime", "${createTime}", "the cluster's creation timestamp"],
  ]),
  awsService("ses", "Amazon SES (receiving)", "KMS Developer Guide, services-ses", [
    ["aws:ses:source-account", "${account}", "the account that owns the receipt rule"],
    ["aws:ses:rule-name", "${ruleName}", "the receipt rule's name"],
    ["aws:ses:message-id", "${messageId}", "the message id"],
  ]),
  awsService("workmail", "Amazon WorkMail", "KMS Developer Guide, services-wm", [
    [
      "aws:workmail:arn",
      `${ARN_PREFIX}:workmail:\${region}:\${account}:organization/\${organizationId}`,
      "the organization's ARN",
    ],
  ]),
  awsService(
    "workspaces",
    "Amazon WorkSpaces (via EBS)",
    "KMS Developer Guide, services-workspaces",
    [
      ["aws:workspaces:sid-directoryid", "${sid}@${directoryId}", "the user's SID @ directory id"],
      ["aws:ebs:id", "${volumeId}", "the volume ID (vol-…)"],
    ],
  ),
  awsService("emr-cse", "Amazon EMR (CSE-KMS)", "KMS Developer Guide, services-emr", [
    ["kms_cmk_id", "${kmsKeyArn}", "the KMS key's ARN"],
  ]),
  awsService("elastictranscoder", "Amazon Elastic Transcoder", "KMS Developer Guide, services-et", [
    ["service", "elastictranscoder.amazonaws.com", "always this service name"],
  ]),
  awsService("location", "Amazon Location Service", "KMS Developer Guide, key-policy-services", [
    [
      "aws:geo:arn",
      `${ARN_PREFIX}:geo:\${region}:\${account}:tracker/\${trackerName}`,
      "the tracker's ARN",
    ],
  ]),
  awsService(
    "chime-voice",
    "Amazon Chime SDK voice analytics",
    "Chime SDK Administrator Guide, encryption context",
    [
      [
        "aws:chime:voice-profile-domain:arn",
        `${ARN_PREFIX}:chime:\${region}:\${account}:voice-profile-domain/\${domainId}`,
        "the voice profile domain's ARN",
      ],
    ],
  ),
  awsService(
    "lambda",
    "AWS Lambda (environment variables)",
    "public CloudTrail samples only",
    [
      [
        "aws:lambda:FunctionArn",
        `${ARN_PREFIX}:lambda:\${region}:\${account}:function:\${functionName}`,
        "the function's ARN",
      ],
    ],
    false,
  ),
  awsService(
    "lambda-console",
    "Lambda console encryption helper",
    "public console-snippet copies only",
    [["LambdaFunctionName", "${functionName}", "the function's name"]],
    false,
  ),
  awsService(
    "sqs",
    "Amazon SQS (SSE-KMS)",
    "public key policies only",
    [["aws:sqs:arn", `${ARN_PREFIX}:sqs:\${region}:\${account}:\${queueName}`, "the queue's ARN"]],
    false,
  ),
  awsService(
    "sns",
    "Amazon SNS (SSE)",
    "public key policies only",
    [
      [
        "aws:sns:topicArn",
        `${ARN_PREFIX}:sns:\${region}:\${account}:\${topicName}`,
        "the topic's ARN",
      ],
    ],
    false,
  ),
  {
    id: "app-tenant-purpose",
    label: "Tenant + purpose",
    description: "tenant, purpose — who owns the data and what it is for",
    kind: "application",
    verified: true,
    source: "KMS Developer Guide, encryption context (describe the data, never reveal it)",
    pairs: [
      { key: "tenant", template: "${tenantId}", description: "the tenant's id, never its name" },
      {
        key: "purpose",
        template: "${purpose}",
        description: "what the data is for, e.g. invoices",
      },
    ],
  },
  {
    id: "app-file-path",
    label: "File path fragment",
    description: "path — a stable part of the file's path, as AWS advises for files",
    kind: "application",
    verified: true,
    source: "KMS Developer Guide, encryption context (part of a file path)",
    pairs: [
      {
        key: "path",
        template: "${pathFragment}",
        description: "a stable fragment such as reports/2026/q3, not a user's home directory",
      },
    ],
  },
  {
    id: "app-record",
    label: "Record type + record id",
    description: "recordType, recordId — binds the ciphertext to one record",
    kind: "application",
    verified: true,
    source: "KMS Developer Guide, encryption context (additional authenticated data)",
    pairs: [
      {
        key: "recordType",
        template: "${recordType}",
        description: "the kind of record, e.g. invoice",
      },
      { key: "recordId", template: "${recordId}", description: "the record's opaque id" },
    ],
  },
];

/** Placeholders with a value almost everyone wants; the builder pre-fills them. */
export const PLACEHOLDER_DEFAULTS: Readonly<Record<string, string>> = { partition: "aws" };

const PLACEHOLDER = /\$\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The preset with this id, if any. */
export function presetById(id: string): ContextPreset | undefined {
  return CONTEXT_PRESETS.find((preset) => preset.id === id);
}

/** The distinct placeholder names of a template, in order of appearance. */
export function templatePlaceholders(template: string): string[] {
  const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]);
  return [...new Set(names)];
}

/**
 * Fills a template's placeholders. A placeholder without a value is written as `<name>`, which
 * reads as "to be replaced" in every target and cannot be mistaken for an IAM policy variable.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name] ?? PLACEHOLDER_DEFAULTS[name];
    return value === undefined ? `<${name}>` : value;
  });
}

/**
 * Turns a template into code that computes the value: placeholders with a value (given, or a
 * default such as the partition) are written in, the others become identifiers of the same
 * name. A template that is one such identifier becomes that identifier, one with none left a
 * string literal, anything else a template literal.
 */
export function templateToExpression(
  template: string,
  values: Readonly<Record<string, string>> = {},
): string {
  const known = (name: string) => values[name] || PLACEHOLDER_DEFAULTS[name];
  const whole = /^\$\{([A-Za-z][A-Za-z0-9]*)\}$/.exec(template);
  if (whole && !known(whole[1])) {
    return whole[1];
  }
  if (templatePlaceholders(template).every((name) => known(name))) {
    return JSON.stringify(fillTemplate(template, values));
  }
  const escaped = template.replace(/[`\\]/g, (char) => `\\${char}`);
  const body = escaped.replace(PLACEHOLDER, (placeholder, name: string) => {
    const value = known(name);
    return value ? value.replace(/[`\\]|\$\{/g, (text) => `\\${text}`) : placeholder;
  });
  return `\`${body}\``;
}

/**
 * The pairs of a preset given the placeholder values the user typed. A pair whose placeholders
 * all have a value becomes a literal; a pair with a placeholder left empty becomes code that
 * computes it from an identifier of that name (in policies and the CLI it shows as a
 * placeholder to replace).
 */
export function presetPairs(
  preset: ContextPreset,
  values: Readonly<Record<string, string>> = {},
): ContextPair[] {
  return preset.pairs.map(({ key, template }) => {
    const missing = templatePlaceholders(template).some(
      (name) => !values[name] && PLACEHOLDER_DEFAULTS[name] === undefined,
    );
    return missing
      ? { key, value: { kind: "expression", text: templateToExpression(template, values) } }
      : { key, value: { kind: "literal", text: fillTemplate(template, values) } };
  });
}
