import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Finding } from "../../src/engine/types";
import { findingToDiagnostic, readDiagnosticData } from "../../src/server/diagnostics";

describe("finding → LSP diagnostic", () => {
  it("maps every field (golden)", () => {
    const finding: Finding = {
      code: "KMS006",
      name: "encryption-context-mismatch",
      severity: "warning",
      message: "This Decrypt can never match the Encrypt on line 3: key `tenant` differs.",
      range: { start: { line: 9, character: 20 }, end: { line: 11, character: 3 } },
      fixes: [
        {
          title: "Use the encrypt-side context",
          edits: [
            {
              range: { start: { line: 10, character: 4 }, end: { line: 10, character: 30 } },
              newText: 'EncryptionContext: { tenantId: "a" }',
            },
          ],
          isPreferred: true,
        },
      ],
      related: [
        {
          range: { start: { line: 2, character: 0 }, end: { line: 2, character: 10 } },
          message: "the encrypt call",
        },
        {
          fileName: "/work/project/src/writer.ts",
          range: { start: { line: 5, character: 1 }, end: { line: 5, character: 9 } },
          message: "another encrypt call",
        },
      ],
      data: { operation: "Decrypt" },
    };

    assert.deepEqual(findingToDiagnostic(finding, "file:///work/project/src/reader.ts"), {
      range: { start: { line: 9, character: 20 }, end: { line: 11, character: 3 } },
      severity: 2,
      code: "KMS006",
      codeDescription: {
        href: "https://github.com/kms-context-guard/kms-context-guard/blob/main/docs/rules/encryption-context-mismatch.md",
      },
      source: "kms-context-guard",
      message: "This Decrypt can never match the Encrypt on line 3: key `tenant` differs.",
      data: {
        name: "encryption-context-mismatch",
        finding: { operation: "Decrypt" },
      },
      relatedInformation: [
        {
          location: {
            uri: "file:///work/project/src/reader.ts",
            range: { start: { line: 2, character: 0 }, end: { line: 2, character: 10 } },
          },
          message: "the encrypt call",
        },
        {
          location: {
            uri: "file:///work/project/src/writer.ts",
            range: { start: { line: 5, character: 1 }, end: { line: 5, character: 9 } },
          },
          message: "another encrypt call",
        },
      ],
    });
  });

  it("maps the four severities and leaves out empty extras", () => {
    const base: Finding = {
      code: "KMS008",
      name: "cdk-grant-without-context-condition",
      severity: "information",
      message: "m",
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      fixes: [],
    };
    const severities = (["error", "warning", "information", "hint"] as const).map(
      (severity) => findingToDiagnostic({ ...base, severity }, "file:///a.ts").severity,
    );
    assert.deepEqual(severities, [1, 2, 3, 4]);
    const diagnostic = findingToDiagnostic(base, "file:///a.ts");
    assert.equal("relatedInformation" in diagnostic, false);
    assert.deepEqual(diagnostic.data, { name: "cdk-grant-without-context-condition" });
  });

  it("reads back the data, and nothing from a mangled diagnostic", () => {
    const diagnostic = findingToDiagnostic(
      {
        code: "KMS001",
        name: "missing-encryption-context",
        severity: "warning",
        message: "m",
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        fixes: [],
      },
      "file:///a.ts",
    );
    assert.deepEqual(readDiagnosticData(diagnostic), {
      name: "missing-encryption-context",
      finding: undefined,
    });
    assert.equal(readDiagnosticData({ ...diagnostic, data: "x" }), undefined);
    assert.equal(readDiagnosticData({ ...diagnostic, data: undefined }), undefined);
  });
});
