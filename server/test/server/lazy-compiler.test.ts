import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { startLspClient, type LspTestClient } from "../support/lsp-client";

/**
 * The bundled server loads the TypeScript compiler (dist/server/typescript.js) only when a
 * TypeScript or JavaScript document is first analysed: start-up and policy-only workspaces do
 * without it. A probe preloaded into the server process writes a line to stderr when the
 * compiler file is required, so the test sees what the process really loaded.
 */
const LOADED = "probe: compiler loaded";

const PROBE = `
const Module = require("node:module");
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/[\\\\/]typescript\\.js$/.test(request)) {
    process.stderr.write(${JSON.stringify(LOADED + "\n")});
  }
  return load.call(this, request, ...rest);
};
`;

const POLICY = JSON.stringify(
  {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" }],
  },
  null,
  2,
);

const CODE = [
  'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";',
  "const kms = new KMSClient({});",
  "export async function seal(p: Uint8Array) {",
  '  return kms.send(new EncryptCommand({ KeyId: "alias/app", Plaintext: p }));',
  "}",
  "",
].join("\n");

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "kcg-lazy-compiler-"));
after(() => fs.rmSync(workspace, { recursive: true, force: true }));

describe("the bundled server's TypeScript compiler", () => {
  let client: LspTestClient;

  before(async () => {
    const probe = path.join(workspace, "probe.cjs");
    fs.writeFileSync(probe, PROBE);
    fs.writeFileSync(path.join(workspace, "key-policy.json"), POLICY);
    client = await startLspClient({ rootPath: workspace, nodeArgs: ["--require", probe] });
  });

  after(async () => {
    await client.stop();
  });

  it("is not loaded to start or to analyse a policy, and is loaded for the first code file", async () => {
    const policyUri = client.uriOf("key-policy.json");
    await client.openDocument(policyUri, "json", POLICY);
    const policy = await client.waitForDiagnostics(policyUri, (p) => p.diagnostics.length > 0);

    assert.deepEqual(
      policy.diagnostics.map((diagnostic: Diagnostic) => diagnostic.code),
      ["KMS101"],
    );
    assert.equal(client.stderr().includes(LOADED), false, client.stderr());

    const codeUri = client.uriOf("seal.ts");
    await client.openDocument(codeUri, "typescript", CODE);
    const code = await client.waitForDiagnostics(codeUri, (p) => p.diagnostics.length > 0);

    assert.deepEqual(
      code.diagnostics.map((diagnostic: Diagnostic) => [diagnostic.code, diagnostic.range]),
      [["KMS001", { start: { line: 3, character: 18 }, end: { line: 3, character: 74 } }]],
    );
    assert.equal(client.stderr().split(LOADED).length - 1, 1, client.stderr());
  });
});
