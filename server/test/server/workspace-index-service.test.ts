import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it, mock } from "node:test";
import { TextDocument } from "vscode-languageserver-textdocument";
import { resolveConfig } from "../../src/engine/config";
import type { ServerContext } from "../../src/server/context";
import { pathToUri } from "../../src/server/settings";
import { WorkspaceIndexService } from "../../src/server/workspace-index-service";

const FILES: Record<string, string> = {
  "seal.ts":
    'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";\n' +
    "const kms = new KMSClient({});\n" +
    "export const seal = (b: Uint8Array) =>\n" +
    '  kms.send(new EncryptCommand({ KeyId: "alias/a", Plaintext: b }));\n',
  "wrapper-user.ts":
    'import { seal } from "./seal";\nexport const go = () => seal(new Uint8Array());\n',
  "plain.ts": "export const add = (a: number, b: number) => a + b;\n",
  "key-policy.json": JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }],
  }),
  "notes.json": '{ "title": "not a policy" }\n',
};

/** Resolves once `condition` holds, checking every 20 ms; rejects after `timeoutMs`. */
async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`still not true after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A context whose connection and settings do nothing, recording what is scheduled. */
function fakeContext(documents: TextDocument[], scheduled: string[]): ServerContext {
  const progress = { begin() {}, report() {}, done() {} };
  return {
    connection: {
      window: { createWorkDoneProgress: async () => progress },
      console: { info() {}, warn() {}, error() {} },
      sendNotification: async () => undefined,
    },
    documents: {
      all: () => documents,
      get: (uri: string) => documents.find((document) => document.uri === uri),
    },
    settings: { folderOf: () => undefined, configFor: async () => resolveConfig() },
    analyses: { schedule: (document: TextDocument) => scheduled.push(path.basename(document.uri)) },
    client: { snippetEdits: false, documentChanges: true, showDocument: true },
  } as unknown as ServerContext;
}

/** Writes FILES into `folder` and returns them as the editor's open documents. */
function writeOpenDocuments(folder: string): TextDocument[] {
  return Object.entries(FILES).map(([name, text]) => {
    const fileName = path.join(folder, name);
    fs.writeFileSync(fileName, text);
    const languageId = name.endsWith(".json") ? "json" : "typescript";
    return TextDocument.create(pathToUri(fileName), languageId, 1, text);
  });
}

describe("workspace index service", () => {
  it("re-analyses only open documents that other files can change", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kms-index-service-"));
    try {
      const documents = writeOpenDocuments(folder);
      const scheduled: string[] = [];
      const service = new WorkspaceIndexService(fakeContext(documents, scheduled));

      await service.indexFolders([folder]);

      // The first full index re-analyses after a short gathering delay; the plain module and
      // the JSON that is no policy hold nothing another file could make reportable.
      await waitFor(() => scheduled.length > 0, 5_000);
      assert.deepEqual(scheduled.sort(), ["key-policy.json", "seal.ts", "wrapper-user.ts"]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it("re-analyses the others once typing pauses, or after 2 s of continuous typing", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kms-index-service-"));
    try {
      const documents = writeOpenDocuments(folder);
      const scheduled: string[] = [];
      const service = new WorkspaceIndexService(fakeContext(documents, scheduled));
      await service.indexFolders([folder]);
      await waitFor(() => scheduled.length > 0, 5_000);
      scheduled.length = 0;

      mock.timers.enable({ apis: ["setTimeout", "Date"] });
      try {
        const sealName = path.join(folder, "seal.ts");
        let typed = FILES["seal.ts"];
        const type = () => {
          typed += "x";
          service.facts()!.syncDocument!({ fileName: sealName, text: typed }, {});
        };

        // A keystroke every 100 ms for a second: nothing until 300 ms after the last one.
        for (let keystroke = 0; keystroke < 10; keystroke++) {
          type();
          mock.timers.tick(100);
        }
        assert.deepEqual(scheduled, []);
        mock.timers.tick(200);
        assert.deepEqual(scheduled.sort(), ["key-policy.json", "wrapper-user.ts"]);

        // Typing without a pause: the others are analysed 2 s after the first keystroke.
        scheduled.length = 0;
        for (let keystroke = 0; keystroke < 19; keystroke++) {
          type();
          mock.timers.tick(100);
        }
        assert.deepEqual(scheduled, []);
        type();
        mock.timers.tick(100);
        assert.deepEqual(scheduled.sort(), ["key-policy.json", "wrapper-user.ts"]);
      } finally {
        mock.timers.reset();
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
