import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { renderCodeFrame } from "../../src/cli/code-frame";
import { runCli } from "../../src/cli/run";
import { analyzeDocument } from "../../src/engine/analyze";
import { redactSensitiveText } from "../../src/engine/redact";
import { throwingRule } from "../support/fake-rules";

/** The raw values no output of ours may contain in full. */
export const RAW_SENSITIVE_VALUES = [
  "alice@example.com",
  "4111 1111 1111 1111",
  "4111111111111111",
  "123-45-6789",
  "AKIAIOSFODNN7EXAMPLE",
  "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
];

test("sensitive-looking literals are masked in free text, keeping their length", () => {
  const cases: [string, string][] = [
    ['contact: "alice@example.com"', 'contact: "a****@example.com"'],
    [
      "card '4111 1111 1111 1111' or 4111111111111111",
      "card '**** **** **** 1111' or ************1111",
    ],
    ["ssn=123-45-6789;", "ssn=***-**-****;"],
    ["key AKIAIOSFODNN7EXAMPLE", "key AKIA****************"],
    [
      "`eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl`",
      "`eyJ**********************************************`",
    ],
    // Identifiers, ARNs and ordinary words stay readable.
    [
      'tenantId: "t-42", arn: "arn:aws:kms:eu-west-1:111122223333:key/1"',
      'tenantId: "t-42", arn: "arn:aws:kms:eu-west-1:111122223333:key/1"',
    ],
  ];

  for (const [input, expected] of cases) {
    assert.equal(redactSensitiveText(input), expected);
    assert.equal(redactSensitiveText(input).length, input.length);
  }
});

test("the CLI's code frame masks the literals it quotes and keeps the carets aligned", () => {
  const text =
    'const context = {\n  contact: "alice@example.com",\n  card: "4111111111111111",\n};\n';
  const range = { start: { line: 1, character: 11 }, end: { line: 1, character: 30 } };

  const frame = renderCodeFrame(text, range, { marker: (t) => t, gutter: (t) => t });

  assert.equal(
    frame,
    [
      "  1 | const context = {",
      '> 2 |   contact: "a****@example.com",',
      "    |            ^^^^^^^^^^^^^^^^^^^",
      '  3 |   card: "************1111",',
    ].join("\n"),
  );
});

test("a failing rule's log line masks what its error message quotes", () => {
  const lines: string[] = [];
  const error = new SyntaxError('Unexpected token in "alice@example.com" at 4111111111111111');

  analyzeDocument(
    { fileName: "/work/masking/log.ts", text: "const a = 1;\n" },
    { onlyRules: [throwingRule("KMS940", error)], logger: { warn: (line) => lines.push(line) } },
  );

  assert.deepEqual(lines, [
    'KMS940 failed on /work/masking/log.ts: SyntaxError: Unexpected token in "a****@example.com" at ************1111',
  ]);
  for (const value of RAW_SENSITIVE_VALUES) {
    assert.ok(!lines[0].includes(value), value);
  }
});

/** A project whose encryption contexts and policy conditions hold every raw value above. */
function sensitiveProject(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "kms-masking-"));
  fs.writeFileSync(path.join(directory, "package.json"), "{}");
  fs.writeFileSync(
    path.join(directory, "seal.ts"),
    [
      'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";',
      "const kms = new KMSClient({});",
      "export async function seal(data: Uint8Array) {",
      "  await kms.send(new EncryptCommand({",
      '    KeyId: "alias/app",',
      "    Plaintext: data,",
      "    EncryptionContext: {",
      '      contact: "alice@example.com",',
      '      card: "4111 1111 1111 1111",',
      '      cardCompact: "4111111111111111",',
      '      ssn: "123-45-6789",',
      '      accessKey: "AKIAIOSFODNN7EXAMPLE",',
      '      session: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",',
      "    },",
      "  }));",
      "}",
      "",
    ].join("\n"),
  );
  fs.writeFileSync(
    path.join(directory, "key-policy.json"),
    JSON.stringify(
      {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:role/App" },
            Action: "kms:Decrypt",
            Resource: "*",
            Condition: { StringEquals: { "kms:EncryptionContext:contact": "alice@example.com" } },
          },
        ],
      },
      null,
      2,
    ),
  );
  return directory;
}

function countKms004(format: string, stdout: string): number {
  if (format === "json") {
    return (JSON.parse(stdout) as { findings: { code: string }[] }).findings.filter(
      (finding) => finding.code === "KMS004",
    ).length;
  }
  if (format === "sarif") {
    return (
      JSON.parse(stdout) as { runs: { results: { ruleId: string }[] }[] }
    ).runs[0].results.filter((result) => result.ruleId === "KMS004").length;
  }
  return stdout.split("\n").filter((line) => line.includes("  KMS004  ")).length;
}

test("no CLI output format writes a sensitive value found by KMS004 in full", () => {
  const directory = sensitiveProject();
  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  for (const format of ["text", "json", "sarif"]) {
    let stdout = "";
    let stderr = "";
    const code = runCli(["--format", format, "--no-color", "."], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      cwd: directory,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      env: {},
    });

    assert.equal(code, 1, `${format}: ${stderr}`);
    assert.equal(stderr, "");
    // Every value (and the key `ssn`) is reported, so the output does mention them all.
    assert.equal(countKms004(format, stdout), 8, format);
    for (const value of RAW_SENSITIVE_VALUES) {
      assert.ok(!stdout.includes(value), `${format} output contains ${value}`);
    }
    if (format === "json") {
      const messages = (JSON.parse(stdout) as { findings: { message: string }[] }).findings.map(
        (finding) => finding.message,
      );
      assert.ok(
        messages.some((message) => message.includes("a***@example.com")),
        "email mask",
      );
      assert.ok(
        messages.some((message) => message.includes("****1111")),
        "card mask",
      );
    }
  }
});
