import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import type { CodeAction, Diagnostic } from "vscode-languageserver-protocol";
import {
  DOCUMENT_SKIPPED_NOTIFICATION,
  type DocumentSkippedParams,
} from "../../src/server/protocol";
import {
  applyWorkspaceEdit,
  BUNDLED_SERVER,
  startLspClient,
  type LspTestClient,
} from "../support/lsp-client";

/** A TS file with one KMS001 finding (an Encrypt without a context), with a tenantId in scope. */
const KMS001_SOURCE = [
  'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";',
  "const kms = new KMSClient({});",
  "export async function seal(tenantId: string, p: Uint8Array) {",
  '  return kms.send(new EncryptCommand({ KeyId: "alias/app", Plaintext: p }));',
  "}",
  "",
].join("\n");

const KMS001_RANGE = { start: { line: 3, character: 18 }, end: { line: 3, character: 74 } };

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "kcg-protocol-"));
after(() => fs.rmSync(workspace, { recursive: true, force: true }));

const withFindings = (params: { diagnostics: Diagnostic[] }) => params.diagnostics.length > 0;
const withoutFindings = (params: { diagnostics: Diagnostic[] }) => params.diagnostics.length === 0;

describe("language server over stdio (bundled dist/server/server.js)", () => {
  let client: LspTestClient;

  before(async () => {
    client = await startLspClient({ rootPath: workspace });
  });

  after(async () => {
    await client.stop();
  });

  it("announces incremental sync, quick fixes and the documentation command", () => {
    const capabilities = client.initializeResult.capabilities;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual(capabilities.codeActionProvider, {
      codeActionKinds: ["quickfix", "source.fixAll.kms-context-guard"],
      resolveProvider: false,
    });
    assert.deepEqual(capabilities.executeCommandProvider, {
      commands: ["kms-context-guard.showRuleDocs"],
    });
    assert.equal(client.initializeResult.serverInfo?.name, "kms-context-guard");
  });

  it("publishes a diagnostic on open, fixes it with a code action, and clears it", async () => {
    const uri = client.uriOf("fix.ts");
    await client.openDocument(uri, "typescript", KMS001_SOURCE);
    const published = await client.waitForDiagnostics(uri, withFindings);

    assert.equal(published.version, 1);
    assert.deepEqual(
      published.diagnostics.map(({ data, ...rest }) => rest),
      [
        {
          range: KMS001_RANGE,
          severity: 2,
          code: "KMS001",
          codeDescription: {
            href: "https://github.com/kms-context-guard/kms-context-guard/blob/main/docs/rules/missing-encryption-context.md",
          },
          source: "kms-context-guard",
          message:
            "Encrypt is called without an EncryptionContext; add one that describes the data (for example its tenant and purpose) so the ciphertext is bound to it.",
        },
      ],
    );

    const actions = (await client.codeActions(
      uri,
      KMS001_RANGE,
      published.diagnostics,
    )) as CodeAction[];
    assert.deepEqual(
      actions.map((action) => action.title),
      [
        "KMS Context Guard (KMS001): Add an EncryptionContext",
        "KMS Context Guard (KMS001): Disable KMS001 for this line",
        "KMS Context Guard (KMS001): Open documentation for KMS001",
        "KMS Context Guard (KMS001): Build encryption context…",
      ],
    );

    // This client has no snippet edit support, so the placeholder arrives as its default text.
    const fixed = applyWorkspaceEdit(KMS001_SOURCE, uri, actions[0].edit!);
    assert.equal(
      fixed.split("\n")[3],
      '  return kms.send(new EncryptCommand({ KeyId: "alias/app", Plaintext: p, EncryptionContext: { tenantId } }));',
    );

    await client.changeDocument(uri, fixed);
    const cleared = await client.waitForDiagnostics(uri, (params) => params.version === 2);
    assert.deepEqual(cleared.diagnostics, []);
    await client.closeDocument(uri);
  });

  it("applies the incremental change that the disable-for-this-line action makes", async () => {
    const uri = client.uriOf("disable.ts");
    await client.openDocument(uri, "typescript", KMS001_SOURCE);
    const published = await client.waitForDiagnostics(uri, withFindings);
    const actions = (await client.codeActions(
      uri,
      KMS001_RANGE,
      published.diagnostics,
    )) as CodeAction[];
    const disable = actions.find((action) => action.title.includes("Disable"))!;

    const edit = (disable.edit!.documentChanges![0] as { edits: { range: any; newText: string }[] })
      .edits[0];
    assert.equal(edit.newText, "  // kms-context-guard-disable-next-line KMS001 -- reason\n");
    await client.changeDocument(uri, [{ range: edit.range, text: edit.newText }]);

    const cleared = await client.waitForDiagnostics(uri, (params) => params.version === 2);
    assert.deepEqual(cleared.diagnostics, []);
    await client.closeDocument(uri);
  });

  it("opens the documentation through window/showDocument", async () => {
    await client.connection.sendRequest("workspace/executeCommand", {
      command: "kms-context-guard.showRuleDocs",
      arguments: ["KMS001", "https://example.invalid/ignored"],
    });
    assert.deepEqual(client.shownDocuments, [
      {
        uri: "https://github.com/kms-context-guard/kms-context-guard/blob/main/docs/rules/missing-encryption-context.md",
        external: true,
      },
    ]);
  });

  it("offers to add a reason to a disable comment without one", async () => {
    const uri = client.uriOf("reasonless.ts");
    const text = "// kms-context-guard-disable-next-line KMS001\nexport const x = 1;\n";
    await client.openDocument(uri, "typescript", text);
    await client.waitForDiagnostics(uri);

    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = (await client.codeActions(uri, range, [])) as CodeAction[];
    assert.deepEqual(
      actions.map((action) => action.title),
      ["KMS Context Guard (KMS001): Add a reason to this disable comment"],
    );
    assert.equal(
      applyWorkspaceEdit(text, uri, actions[0].edit!),
      "// kms-context-guard-disable-next-line KMS001 -- reason\nexport const x = 1;\n",
    );
    await client.closeDocument(uri);
  });

  it("publishes only the latest of rapid changes, never an older version after a newer one", async () => {
    const uri = client.uriOf("typing.ts");
    await client.openDocument(uri, "typescript", KMS001_SOURCE);
    await client.waitForDiagnostics(uri, withFindings);
    const before = client.publishHistory.length;

    for (let i = 0; i < 8; i++) {
      await client.changeDocument(uri, `${KMS001_SOURCE}// edit ${i}\n`);
    }
    const final = await client.waitForDiagnostics(uri, (params) => params.version === 9);
    assert.equal(final.diagnostics.length, 1);

    const versions = client.publishHistory
      .slice(before)
      .filter((params) => params.uri === uri)
      .map((params) => params.version!);
    assert.ok(versions.length < 8, `expected coalescing, got versions ${versions.join(",")}`);
    assert.deepEqual(
      [...versions].sort((a, b) => a - b),
      versions,
    );
    await client.closeDocument(uri);
  });

  it("follows editor settings and the config file, re-reading both when they change", async () => {
    const uri = client.uriOf("configured.ts");
    await client.openDocument(uri, "typescript", KMS001_SOURCE);
    await client.waitForDiagnostics(uri, withFindings);

    await client.setSettings({ kmsContextGuard: { rules: { KMS001: "off" } } });
    await client.waitForDiagnostics(uri, withoutFindings);

    await client.setSettings({ kmsContextGuard: { rules: { KMS001: "error" } } });
    const asError = await client.waitForDiagnostics(uri, withFindings);
    assert.equal(asError.diagnostics[0].severity, 1);

    await client.setSettings({});
    const configFile = path.join(workspace, ".kms-context-guard.json");
    fs.writeFileSync(
      configFile,
      '{ "ignore": [{ "path": "configured.ts", "codes": ["KMS001"] }] }',
    );
    await client.fileChanged(configFile);
    await client.waitForDiagnostics(uri, withoutFindings);

    fs.writeFileSync(configFile, "{}");
    await client.fileChanged(configFile);
    await client.waitForDiagnostics(uri, withFindings);
    await client.closeDocument(uri);
    fs.rmSync(configFile);
  });

  it("analyses YAML and JSON policies; YAML gets a # disable comment, JSON none", async () => {
    const yaml = [
      "Resources:",
      "  Key:",
      "    Type: AWS::KMS::Key",
      "    Properties:",
      "      KeyPolicy:",
      '        Version: "2012-10-17"',
      "        Statement:",
      "          - Sid: AllowAppDecrypt",
      "            Effect: Allow",
      "            Principal:",
      "              AWS: arn:aws:iam::111122223333:role/app",
      "            Action: kms:Decrypt",
      '            Resource: "*"',
      "",
    ].join("\n");
    const yamlUri = client.uriOf("template.yaml");
    await client.openDocument(yamlUri, "yaml", yaml);
    const yamlPublished = await client.waitForDiagnostics(yamlUri, withFindings);
    assert.deepEqual(
      yamlPublished.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [["KMS101", 7, 12]],
    );
    const yamlActions = (await client.codeActions(
      yamlUri,
      yamlPublished.diagnostics[0].range,
      yamlPublished.diagnostics,
    )) as CodeAction[];
    const disable = yamlActions.find((action) => action.title.includes("Disable KMS101"))!;
    const disabled = applyWorkspaceEdit(yaml, yamlUri, disable.edit!);
    assert.equal(
      disabled.split("\n")[7],
      "          # kms-context-guard-disable-next-line KMS101 -- reason",
    );
    await client.changeDocument(yamlUri, disabled);
    await client.waitForDiagnostics(
      yamlUri,
      (params) => params.version === 2 && withoutFindings(params),
    );
    await client.closeDocument(yamlUri);

    const json = JSON.stringify(
      {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AllowAppDecrypt",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:role/app" },
            Action: "kms:Decrypt",
            Resource: "*",
          },
        ],
      },
      null,
      2,
    );
    const jsonUri = client.uriOf("key-policy.json");
    await client.openDocument(jsonUri, "json", json);
    const jsonPublished = await client.waitForDiagnostics(jsonUri, withFindings);
    assert.deepEqual(
      jsonPublished.diagnostics.map((d) => d.code),
      ["KMS101"],
    );
    const jsonActions = (await client.codeActions(
      jsonUri,
      jsonPublished.diagnostics[0].range,
      jsonPublished.diagnostics,
    )) as CodeAction[];
    assert.equal(jsonActions.filter((action) => action.title.includes("Disable")).length, 0);
    assert.ok(
      jsonActions.some((action) => action.title.startsWith("KMS Context Guard (KMS101): Require")),
    );
    await client.closeDocument(jsonUri);
  });

  it("skips a document over maxFileSize with no finding, logging and notifying it once", async () => {
    const skipNotices: DocumentSkippedParams[] = [];
    client.connection.onNotification(
      DOCUMENT_SKIPPED_NOTIFICATION,
      (params: DocumentSkippedParams) => {
        skipNotices.push(params);
      },
    );
    await client.setSettings({ kmsContextGuard: { maxFileSize: 100 } });
    const uri = client.uriOf("large.ts");
    await client.openDocument(uri, "typescript", KMS001_SOURCE);
    await client.waitForDiagnostics(uri, (params) => params.version === 1);
    await client.changeDocument(uri, `${KMS001_SOURCE}\n`);
    await client.waitForDiagnostics(uri, (params) => params.version === 2);

    assert.deepEqual(client.diagnostics.get(uri)?.diagnostics, []);
    const skips = client.logMessages.filter((message) => message.includes("large.ts: skipped"));
    assert.equal(skips.length, 1);
    assert.match(skips[0], /large\.ts: skipped: larger than the 100-byte limit/);
    // The status item learns of the skip once, not once per keystroke.
    assert.deepEqual(
      skipNotices.map((notice) => [notice.uri, notice.reason]),
      [[uri, "larger than the 100-byte limit (maxFileSize)"]],
    );

    // Raising the limit makes the file analysable again, and the client is told so.
    await client.setSettings({});
    await client.waitForDiagnostics(uri, withFindings);
    assert.deepEqual(skipNotices.at(-1), { uri });
    await client.closeDocument(uri);
  });

  it("does not re-send unchanged diagnostics when a re-analysis finds the same", async () => {
    const uri = client.uriOf("unchanged.ts");
    await client.openDocument(uri, "typescript", KMS001_SOURCE);
    await client.waitForDiagnostics(uri, withFindings);
    const publishes = () => client.publishHistory.filter((params) => params.uri === uri).length;
    const before = publishes();

    // A configuration change re-analyses every open document; nothing changes for this one.
    await client.setSettings({ kmsContextGuard: { sensitiveKeyNames: ["nickname"] } });
    await client.setSettings({});
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.equal(publishes(), before);

    await client.setSettings({ kmsContextGuard: { rules: { KMS001: "off" } } });
    await client.waitForDiagnostics(uri, withoutFindings);
    assert.equal(publishes(), before + 1);
    await client.setSettings({});
    await client.closeDocument(uri);
  });

  it("still fixes a document after many others were analysed since", async () => {
    // The server keeps whole analyses for the few documents used last; the first of these is
    // no longer among them when its code action is asked, so it is analysed again.
    const uris = Array.from({ length: 24 }, (_, n) => client.uriOf(`many-${n}.ts`));
    for (const uri of uris) {
      await client.openDocument(uri, "typescript", KMS001_SOURCE);
    }
    const published = await Promise.all(
      uris.map((uri) => client.waitForDiagnostics(uri, withFindings)),
    );

    const actions = (await client.codeActions(
      uris[0],
      KMS001_RANGE,
      published[0].diagnostics,
    )) as CodeAction[];

    assert.equal(actions[0].title, "KMS Context Guard (KMS001): Add an EncryptionContext");
    assert.equal(
      applyWorkspaceEdit(KMS001_SOURCE, uris[0], actions[0].edit!).split("\n")[3],
      '  return kms.send(new EncryptCommand({ KeyId: "alias/app", Plaintext: p, EncryptionContext: { tenantId } }));',
    );
    for (const uri of uris) {
      await client.closeDocument(uri);
    }
  });

  it("clears diagnostics when a document closes", async () => {
    const uri = client.uriOf("closing.ts");
    await client.openDocument(uri, "typescript", KMS001_SOURCE);
    await client.waitForDiagnostics(uri, withFindings);
    await client.closeDocument(uri);
    await client.waitForDiagnostics(uri, withoutFindings);
  });
});

describe("language server, other clients", () => {
  it("sends the fix as an LSP 3.18 snippet edit", async () => {
    const client = await startLspClient({
      rootPath: workspace,
      capabilities: {
        workspace: { workspaceEdit: { documentChanges: true, snippetEditSupport: true } },
      },
    });
    try {
      const uri = client.uriOf("snippet.ts");
      await client.openDocument(uri, "typescript", KMS001_SOURCE);
      const published = await client.waitForDiagnostics(uri, withFindings);
      const [fix] = (await client.codeActions(
        uri,
        KMS001_RANGE,
        published.diagnostics,
      )) as CodeAction[];
      assert.deepEqual(fix.edit!.documentChanges, [
        {
          textDocument: { uri, version: 1 },
          edits: [
            {
              range: { start: { line: 3, character: 71 }, end: { line: 3, character: 71 } },
              snippet: { kind: "snippet", value: ", EncryptionContext: { ${1:tenantId} }" },
            },
          ],
        },
      ]);
    } finally {
      await client.stop();
    }
  });

  it("also starts through the CLI's --stdio", async () => {
    const cli = path.join(path.dirname(path.dirname(BUNDLED_SERVER)), "cli.js");
    const client = await startLspClient({ serverPath: cli, rootPath: workspace });
    try {
      const uri = client.uriOf("via-cli.ts");
      await client.openDocument(uri, "typescript", KMS001_SOURCE);
      const published = await client.waitForDiagnostics(uri, withFindings);
      assert.deepEqual(
        published.diagnostics.map((d) => d.code),
        ["KMS001"],
      );
    } finally {
      await client.stop();
    }
  });
});
