import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeDocument } from "../../../src/engine/analyze";
import { policyCompletionsAt } from "../../../src/engine/policy/completion";
import { policyHoverAt } from "../../../src/engine/policy/hover";
import type { WorkspaceFacts } from "../../../src/engine/workspace-facts";

const workspace: WorkspaceFacts = {
  sentContextKeys: () => [
    { key: "tenant", values: ["t-42"], count: 4 },
    { key: "purpose", values: [], count: 1 },
  ],
};

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["kms:Decrypt", "kms:CreateGrant"],
      "Resource": "*",
      "Condition": {
        "StringEqualsIfExists": { "kms:EncryptionContext:tenant": "t-42" },
        "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["tenant"] },
        "StringEquals": { "kms:GrantConstraintType": "EncryptionContextEquals", "kms:EncrytionContext:x": "y" },
        "Bool": { "kms:GrantIsForAWSResource": "true", "aws:SecureTransport": "true" }
      }
    }
  ]
}
`;

function hoverOn(text: string, fileName: string, word: string, withWorkspace = true) {
  const model = analyzeDocument({ fileName, text }).policyModel!;
  const offset = text.indexOf(word) + 3;
  return policyHoverAt(model, offset, withWorkspace ? workspace : undefined);
}

describe("policy hover", () => {
  it("a context pair key: what it checks, the actions, the pitfalls, the rule links and the workspace's use", () => {
    const hover = hoverOn(POLICY, "key.json", '"kms:EncryptionContext:tenant"')!;
    assert.equal(POLICY.slice(hover.start, hover.end), '"kms:EncryptionContext:tenant"');
    assert.match(
      hover.markdown,
      /^\*\*`kms:EncryptionContext:tenant`\*\* — the value of the encryption-context pair `tenant`/,
    );
    assert.match(hover.markdown, /`kms:Decrypt`.*`kms:CreateGrant`.*`kms:RetireGrant`/);
    assert.match(
      hover.markdown,
      /\[KMS103 set-operator-on-context-pair\]\(https:\/\/github\.com\/kms-context-guard\/kms-context-guard\/blob\/main\/docs\/rules\/set-operator-on-context-pair\.md\)/,
    );
    assert.match(
      hover.markdown,
      /The workspace's code sends `tenant` in 4 call\(s\), with `t-42`\./,
    );
  });

  it("without workspace facts the hover says nothing about the workspace", () => {
    const hover = hoverOn(POLICY, "key.json", '"kms:EncryptionContext:tenant"', false)!;
    assert.doesNotMatch(hover.markdown, /workspace/);
  });

  it("kms:EncryptionContextKeys, kms:GrantConstraintType, kms:GrantIsForAWSResource and a misspelt key", () => {
    assert.match(
      hoverOn(POLICY, "key.json", '"kms:EncryptionContextKeys"')!.markdown,
      /Multi-valued: use it with `ForAnyValue:`.*KMS104.*KMS102/s,
    );
    assert.match(
      hoverOn(POLICY, "key.json", '"kms:GrantConstraintType"')!.markdown,
      /`kms:CreateGrant` and `kms:RetireGrant`.*KMS110/s,
    );
    assert.match(
      hoverOn(POLICY, "key.json", '"kms:GrantIsForAWSResource"')!.markdown,
      /`kms:CreateGrant`, `kms:ListGrants` and `kms:RevokeGrant`/,
    );
    assert.match(
      hoverOn(POLICY, "key.json", '"kms:EncrytionContext:x"')!.markdown,
      /is not a condition key IAM knows: the key name is misspelt.*KMS109/s,
    );
  });

  it("condition operators explain set prefixes, IfExists and negation", () => {
    const ifExists = hoverOn(POLICY, "key.json", '"StringEqualsIfExists"')!;
    assert.equal(POLICY.slice(ifExists.start, ifExists.end), '"StringEqualsIfExists"');
    assert.match(ifExists.markdown, /`StringEquals` — case-sensitive exact match/);
    assert.match(
      ifExists.markdown,
      /`IfExists`: the condition is true when the key is absent.*KMS107/s,
    );
    assert.match(
      hoverOn(POLICY, "key.json", '"ForAllValues:StringEquals"')!.markdown,
      /also when the request has \*\*no\*\* value/,
    );
  });

  it("no hover on other keys, values, or outside a policy", () => {
    assert.equal(hoverOn(POLICY, "key.json", '"aws:SecureTransport"'), undefined);
    assert.equal(hoverOn(POLICY, "key.json", '"EncryptionContextEquals"'), undefined);
    const notPolicy =
      '{ "name": "x", "Condition": { "StringEquals": { "kms:EncryptionContext:a": "b" } } }';
    assert.equal(hoverOn(notPolicy, "package.json", "kms:EncryptionContext:a"), undefined);
  });

  it("works in YAML templates", () => {
    const text = `Resources:
  K:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Deny
            Action: kms:*
            Condition:
              StringNotLike: { kms:EncryptionContext:app: bill* }
`;
    const hover = hoverOn(text, "t.yaml", "StringNotLike")!;
    assert.equal(text.slice(hover.start, hover.end), "StringNotLike");
    assert.match(
      hover.markdown,
      /wildcards.*Negated: a request \*\*without\*\* the key matches.*KMS106/s,
    );
  });
});

function completeAt(text: string, kind: "json" | "yaml") {
  const offset = text.indexOf("|");
  const result = policyCompletionsAt(text.replace("|", ""), kind, offset, workspace);
  return result && { ...result, labels: result.items.map((item) => item.label) };
}

describe("policy completion", () => {
  it("JSON: operators where an operator goes", () => {
    const result = completeAt(
      '{ "Statement": [ { "Effect": "Allow", "Condition": { "Str|" } } ] }',
      "json",
    )!;
    assert.equal(result.labels[0], "StringEquals");
    assert.ok(result.labels.includes("ForAnyValue:StringEquals"));
    assert.ok(result.labels.includes("Null"));
    assert.equal(
      result.replaceStart,
      '{ "Statement": [ { "Effect": "Allow", "Condition": { "'.length,
    );
    assert.equal(result.replaceEnd, result.replaceStart + 3);
  });

  it("JSON: KMS keys, the workspace's context keys first, where a key goes", () => {
    const result = completeAt(
      '{ "Statement": { "Condition": { "StringEquals": { "|" } } } }',
      "json",
    )!;
    assert.deepEqual(result.labels, [
      "kms:EncryptionContext:tenant",
      "kms:EncryptionContext:purpose",
      "kms:EncryptionContext:",
      "kms:EncryptionContextKeys",
      "kms:GrantConstraintType",
      "kms:GrantIsForAWSResource",
      "kms:GrantOperations",
      "kms:ViaService",
      "kms:CallerAccount",
    ]);
    assert.equal(result.items[0].detail, "context key sent by 4 call(s) in the workspace");
  });

  it("JSON: nothing outside a statement's Condition block, or at a value", () => {
    assert.equal(completeAt('{ "Statement": [ { "|" } ] }', "json"), undefined);
    assert.equal(completeAt('{ "Condition": { "|" } }', "json"), undefined);
    assert.equal(
      completeAt('{ "Statement": { "Condition": { "StringEquals": { "a": "|" } } } }', "json"),
      undefined,
    );
  });

  it("YAML block style: operators and keys inside a template's key policy", () => {
    const template = (cursorLines: string) => `Resources:
  K:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Action: kms:Decrypt
            Condition:
${cursorLines}
`;
    const operator = completeAt(template("              Str|"), "yaml")!;
    assert.equal(operator.labels[0], "StringEquals");
    const key = completeAt(
      template("              StringEquals:\n                kms:Enc|"),
      "yaml",
    )!;
    assert.equal(key.labels[0], "kms:EncryptionContext:tenant");
    const text = template("              StringEquals:\n                kms:Enc|");
    assert.equal(text.slice(key.replaceStart, key.replaceEnd + 1), "kms:Enc|");
    assert.equal(
      completeAt(template("              StringEquals:\n                a: |"), "yaml"),
      undefined,
    );
  });
});
