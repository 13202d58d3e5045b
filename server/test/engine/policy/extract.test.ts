import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { describe, it } from "node:test";
import { analyzeDocument } from "../../../src/engine/analyze";
import { requiredContextKeys } from "../../../src/engine/policy/facts";
import { fixturePath } from "../../support/paths";

/** `CODE line:col-line:col` (one-based), the shape the CLI prints. */
function summarize(fileName: string, text: string): string[] {
  const result = analyzeDocument({ fileName, text });
  assert.equal(result.skipped, undefined);
  return result.findings.map(
    (finding) =>
      `${finding.code} ${finding.range.start.line + 1}:${finding.range.start.character + 1}-` +
      `${finding.range.end.line + 1}:${finding.range.end.character + 1}`,
  );
}

function statementCount(fileName: string, text: string): number {
  return analyzeDocument({ fileName, text }).policyModel?.statements.length ?? 0;
}

function template(name: string): string {
  return fs.readFileSync(fixturePath("policy", "templates", name), "utf8");
}

describe("policy extraction: where policies live", () => {
  it("CloudFormation YAML: key policy, inline role policy (not the trust policy), managed policy", () => {
    const text = template("cloudformation.yaml");
    // Root delegation via !Sub, the logs service statement and the !If statement report nothing.
    assert.deepEqual(summarize("cloudformation.yaml", text), [
      "KMS105 27:13-38:59",
      "KMS107 71:17-76:63",
      "KMS101 87:13-89:45",
    ]);
    const statements = analyzeDocument({ fileName: "cloudformation.yaml", text }).policyModel!
      .statements;
    assert.deepEqual(
      statements.map((statement) => [
        statement.source,
        statement.container?.logicalId,
        statement.container?.policyKind,
      ]),
      [
        ["cloudformation-yaml", "InvoiceKey", "key-policy"],
        ["cloudformation-yaml", "InvoiceKey", "key-policy"],
        ["cloudformation-yaml", "InvoiceKey", "key-policy"],
        ["cloudformation-yaml", "InvoiceRole", "identity-policy"],
        ["cloudformation-yaml", "InvoiceRole", "identity-policy"],
        ["cloudformation-yaml", "ReportingPolicy", "identity-policy"],
      ],
    );
    assert.deepEqual(requiredContextKeys(statements[1]), [
      { contextKey: "purpose", operator: "StringEquals", values: ["invoice-pdf"] },
    ]);
  });

  it("CloudFormation JSON: Fn::Join root delegation, a lone Statement object", () => {
    assert.deepEqual(summarize("cloudformation.json", template("cloudformation.json")), [
      "KMS110 22:13-28:14",
      "KMS102 29:13-44:14",
    ]);
  });

  it("SAM function Policies: only the inline policy document is read", () => {
    assert.deepEqual(summarize("sam.yaml", template("sam.yaml")), ["KMS101 25:15-29:46"]);
    assert.equal(statementCount("sam.yaml", template("sam.yaml")), 3);
  });

  it("managed-policy dump (PolicyVersion.Document)", () => {
    assert.deepEqual(summarize("managed-policy.json", template("managed-policy.json")), [
      "KMS105 6:17-19:18",
    ]);
  });

  it("key-policy dump with the policy as a JSON string maps ranges into the string", () => {
    const text = template("key-policy-dump.json");
    const [finding] = analyzeDocument({ fileName: "dump.json", text }).findings;
    assert.equal(finding.code, "KMS101");
    const lines = text.split("\n");
    const start = finding.range.start.character;
    const end = finding.range.end.character;
    assert.equal(lines[1].slice(start, start + 1), "{");
    assert.equal(lines[1].slice(end - 1, end), "}");
    assert.match(lines[1].slice(start, end), /Allow use of the key/);
    assert.deepEqual(finding.fixes, [], "no fix can be applied inside an escaped string");
  });

  it("PolicyDocument given as a JSON string (aws iam get-role-policy style)", () => {
    const text = JSON.stringify({
      RoleName: "App",
      PolicyName: "inline",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "kms:Encrypt", Resource: "*" }],
      }),
    });
    assert.deepEqual(
      summarize("role-policy.json", text).map((line) => line.split(" ")[0]),
      ["KMS101"],
    );
  });

  it("Statement as a single object, Action and Resource as strings, identity policy", () => {
    const text =
      '{ "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*" } }';
    assert.deepEqual(summarize("identity.json", text), ["KMS101 1:41-1:104"]);
  });
});

describe("policy extraction: files that are not policies", () => {
  const notPolicies: [string, string][] = [
    ["package.json", '{ "name": "x", "version": "1.0.0", "scripts": { "test": "node --test" } }'],
    ["tsconfig.json", '{ "compilerOptions": { "strict": true }, "include": ["src"] }'],
    [
      "merely-statement.json",
      '{ "title": "notes", "Statement": [{ "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*" }] }',
    ],
    ["list.json", '[{ "Effect": "Allow", "Action": "kms:Decrypt" }]'],
    ["docker-compose.yaml", "services:\n  web:\n    image: nginx\n"],
  ];
  for (const [fileName, text] of notPolicies) {
    it(`${fileName} yields no statements`, () => {
      assert.equal(statementCount(fileName, text), 0);
      assert.deepEqual(summarize(fileName, text), []);
    });
  }
});

describe("policy extraction: broken and hostile input", () => {
  it(".json.tpl with unquoted placeholders: the broken statement parts never produce findings", () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": \${app_role_arn} },
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": \${context_condition}
    },
    {
      "Effect": "Allow",
      "Action": \${actions},
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:role/Reader" },
      "Action": "kms:Encrypt",
      "Resource": \${key_arn}
    }
  ]
}
`;
    // Only the third statement is readable where it matters (its Resource is unknown: some key).
    assert.deepEqual(summarize("policy.json.tpl", text), ["KMS101 16:5-21:6"]);
  });

  it("truncated JSON reports nothing and does not throw", () => {
    const text =
      '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "kms:Decr';
    assert.deepEqual(summarize("truncated.json", text), []);
  });

  it("a YAML alias bomb is read without expanding it", () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 12; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`);
    }
    lines.push(
      "Version: '2012-10-17'",
      "Statement:",
      "  - Effect: Allow",
      "    Action: *l",
      "    Resource: '*'",
    );
    const started = Date.now();
    assert.deepEqual(summarize("bomb.yaml", lines.join("\n")), []);
    assert.ok(Date.now() - started < 2000, "alias bomb took too long");
  });

  it("a mis-indented YAML statement is skipped; the statements before it still report", () => {
    const text = `Version: "2012-10-17"
Statement:
  - Effect: Allow
    Action: kms:Encrypt
    Resource: "*"
  - Effect: Allow
    Action: kms:Decrypt
    Resource: "*"
   Condition: { StringEquals: { kms:EncryptionContext:a: b } }
`;
    assert.deepEqual(summarize("broken.yaml", text), ["KMS101 3:5-5:18"]);
  });

  it("nesting under the engine's pre-parse limit but far beyond any policy reads as unknown", () => {
    const nested = `${"[".repeat(200)}"kms:Decrypt"${"]".repeat(200)}`;
    const json = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":${nested},"Resource":"*"}]}`;
    assert.deepEqual(summarize("deep.json", json), []);
    const yaml = `Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: ${nested}\n`;
    assert.deepEqual(summarize("deep.yaml", yaml), []);
  });

  it("unknown YAML tags and every CloudFormation intrinsic parse as unknown values", () => {
    const intrinsics = [
      "Ref",
      "Sub",
      "GetAtt",
      "If",
      "Join",
      "Select",
      "Split",
      "FindInMap",
      "ImportValue",
      "Base64",
      "Cidr",
      "GetAZs",
      "Condition",
      "Equals",
      "Not",
      "And",
      "Or",
    ];
    const statements = intrinsics
      .map(
        (name) =>
          `          - Effect: Allow\n            Action: !${name} [a, b]\n            Resource: !${name} x\n            Condition: { StringEquals: { kms:EncryptionContext:k: !${name} { v: 1 } } }`,
      )
      .join("\n");
    const text = `Resources:\n  K:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy:\n        Statement:\n${statements}\n`;
    assert.equal(statementCount("t.yaml", text), intrinsics.length);
    assert.deepEqual(summarize("t.yaml", text), []);
  });
});

describe("policy extraction: CDK", () => {
  const cdk = `import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";

export function wire(key: kms.Key, role: iam.Role, region: string) {
  key.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.AccountRootPrincipal()],
    actions: ["kms:*"],
    resources: ["*"],
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ["kms:Decrypt", "kms:DescribeKey"],
    resources: [key.keyArn],
    conditions: { StringEquals: { "kms:EncryptionContext:tenant": "t-1" } },
  }));
  key.addToResourcePolicy(new iam.PolicyStatement({
    effect: iam.Effect.ALLOW,
    principals: [new iam.ServicePrincipal(\`logs.\${region}.amazonaws.com\`)],
    actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:Describe*"],
    resources: ["*"],
    conditions: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": \`arn:aws:logs:\${region}:*\` } },
  }));
  const doc = iam.PolicyDocument.fromJson({
    Statement: [{ Effect: "Allow", Action: "kms:GenerateDataKey", Resource: "*" }],
  });
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    effect: iam.Effect.DENY,
    actions: ["kms:*"],
    resources: ["*"],
    conditions: { StringNotEquals: { "kms:EncryptionContext:tenant": "t-1" } },
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ["kms:Encrypt"], resources: ["*"], conditions: someConditions }));
  return doc;
}
`;

  it("reads PolicyStatement props and PolicyDocument.fromJson, with findings on the statement", () => {
    assert.deepEqual(summarize("stack.ts", cdk), [
      "KMS105 10:29-14:5",
      "KMS101 23:17-23:82",
      "KMS106 25:29-30:5",
    ]);
  });

  it("a file that never mentions PolicyStatement or PolicyDocument is not parsed for policies", () => {
    assert.equal(statementCount("plain.ts", "const x = { Statement: [] };"), 0);
  });
});
