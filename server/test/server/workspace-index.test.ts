import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Diagnostic,
} from "vscode-languageserver-protocol";
import {
  CONTEXT_MAP_CHANGED_NOTIFICATION,
  CONTEXT_MAP_REQUEST,
  type ContextMapResult,
} from "../../src/shared/protocol";
import { startLspClient, type LspTestClient } from "../support/lsp-client";
import { fixturePath } from "../support/paths";

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "kcg-workspace-"));
fs.cpSync(fixturePath("workspaces", "cross-file"), workspace, { recursive: true });
after(() => fs.rmSync(workspace, { recursive: true, force: true }));

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const codes = (params: { diagnostics: Diagnostic[] }) =>
  params.diagnostics.map((diagnostic) => diagnostic.code);

/** A new module that sends the `department` the orders role policy requires. */
const DEPARTMENT_SOURCE = [
  'import { EncryptCommand } from "@aws-sdk/client-kms";',
  'import { kms, ORDERS_KEY } from "../lib/kms";',
  "export const saveInvoice = (p: Uint8Array) =>",
  '  kms.send(new EncryptCommand({ KeyId: ORDERS_KEY, Plaintext: p, EncryptionContext: { department: "sales" } }));',
  "",
].join("\n");

describe("language server: workspace index and context map", () => {
  let client: LspTestClient;
  let mapChanges = 0;

  async function contextMap(): Promise<ContextMapResult> {
    return client.connection.sendRequest<ContextMapResult>(CONTEXT_MAP_REQUEST, {});
  }

  async function waitForIndex(): Promise<ContextMapResult> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const map = await contextMap();
      if (!map.indexing) {
        return map;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("the workspace was never indexed");
  }

  async function sendFileEvent(relative: string, type: FileChangeType): Promise<void> {
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: client.uriOf(relative), type }],
    });
  }

  before(async () => {
    client = await startLspClient({ rootPath: workspace });
    client.connection.onNotification(CONTEXT_MAP_CHANGED_NOTIFICATION, () => {
      mapChanges++;
    });
  });

  after(async () => {
    await client.stop();
  });

  it("indexes the workspace on start and answers the context map request", async () => {
    const map = await waitForIndex();

    assert.equal(map.fileCount, 10);
    assert.deepEqual(
      map.keys.map((key) => [key.label, key.uses.length, key.statements.length, key.problemCount]),
      [
        ["SecretBox's this.keyId", 3, 0, 3],
        ["alias/profiles", 2, 0, 2],
        ["alias/orders", 2, 1, 1],
        ["alias/archive", 1, 1, 0],
      ],
    );
    const orders = map.keys.find((key) => key.id === "alias/orders")!;
    assert.deepEqual(orders.uses[0], {
      role: "decrypt",
      operation: "Decrypt",
      context: '{ purpose: "orders", app: "shop" }',
      location: {
        uri: client.uriOf("src/orders/load-order.ts"),
        range: { start: { line: 5, character: 4 }, end: { line: 9, character: 6 } },
      },
      mismatch: '"purpose" is "orders" here but "order" when encrypting',
      unconstrained: false,
    });
    // The notification follows the end of indexing after the re-publish delay.
    await waitUntil(() => mapChanges >= 1, "the map-changed notification after indexing");
  });

  it("publishes cross-file findings for open documents, with related information", async () => {
    const policyUri = client.uriOf("policy/orders-role-policy.json");
    await client.openDocument(
      policyUri,
      "json",
      fs.readFileSync(path.join(workspace, "policy/orders-role-policy.json"), "utf8"),
    );
    const published = await client.waitForDiagnostics(policyUri, (params) =>
      codes(params).includes("KMS112"),
    );
    const finding = published.diagnostics.find((diagnostic) => diagnostic.code === "KMS112")!;

    assert.equal(finding.severity, 3);
    assert.deepEqual(
      finding.relatedInformation?.map((related) => related.location.uri),
      [client.uriOf("src/orders/load-order.ts"), client.uriOf("src/orders/save-order.ts")],
    );

    const vaultUri = client.uriOf("src/vault.ts");
    await client.openDocument(
      vaultUri,
      "typescript",
      fs.readFileSync(path.join(workspace, "src/vault.ts"), "utf8"),
    );
    const vault = await client.waitForDiagnostics(vaultUri, (params) =>
      codes(params).includes("KMS001"),
    );
    assert.deepEqual(
      vault.diagnostics
        .filter((diagnostic) => diagnostic.code === "KMS001")
        .map((diagnostic) => diagnostic.range.start.line),
      [5],
    );
  });

  it("follows file creation and deletion and re-publishes affected documents", async () => {
    const policyUri = client.uriOf("policy/orders-role-policy.json");
    const created = path.join(workspace, "src/orders/invoice.ts");
    const changesBefore = mapChanges;

    fs.writeFileSync(created, DEPARTMENT_SOURCE);
    await sendFileEvent("src/orders/invoice.ts", FileChangeType.Created);
    await client.waitForDiagnostics(policyUri, (params) => !codes(params).includes("KMS112"));
    const withInvoice = await contextMap();
    const orders = withInvoice.keys.find((key) => key.id === "alias/orders")!;
    assert.equal(orders.uses.length, 3);
    await waitUntil(() => mapChanges > changesBefore, "the map-changed notification");

    fs.rmSync(created);
    await sendFileEvent("src/orders/invoice.ts", FileChangeType.Deleted);
    await client.waitForDiagnostics(policyUri, (params) => codes(params).includes("KMS112"));
  });

  it("takes an open document's unsaved text over the file on disk", async () => {
    const policyUri = client.uriOf("policy/orders-role-policy.json");
    const loadUri = client.uriOf("src/orders/load-order.ts");
    const loadText = fs.readFileSync(path.join(workspace, "src/orders/load-order.ts"), "utf8");
    await client.openDocument(loadUri, "typescript", loadText);
    await client.changeDocument(
      loadUri,
      loadText.replace('app: "shop"', 'app: "shop", department: "sales"'),
    );

    await client.waitForDiagnostics(policyUri, (params) => !codes(params).includes("KMS112"));
    await client.closeDocument(loadUri);
    await client.waitForDiagnostics(policyUri, (params) => codes(params).includes("KMS112"));
  });
});
