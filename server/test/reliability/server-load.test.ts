import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, afterEach, beforeEach, test } from "node:test";
import { LIST_RULES_REQUEST } from "../../src/server/protocol";
import {
  codeVariant,
  expectedDiagnostics,
  freshWorkspace,
  policyVariant,
  templateVariant,
  type LoadDocument,
} from "../support/load-documents";
import { ServerProcess } from "../support/server-process";

/**
 * The server under load: a burst of edits to one document, many documents at once. Stale
 * versions must be coalesced (few publishes, never an older version after a newer one), the
 * server must stay responsive, and the final diagnostics must equal a fresh analysis.
 */
// A fresh server per test: the workspace index of one test's documents must not change the
// cross-file findings of the next.
let server: ServerProcess;
beforeEach(async () => {
  server = await ServerProcess.start();
});
afterEach(async () => {
  assert.equal(await server.stop(), 0, server.stderr);
});

function publishedVersions(uri: string, from: number): number[] {
  return server.published
    .slice(from)
    .filter((params) => params.uri === uri)
    .map((params) => params.version ?? -1);
}

test("1,000 rapid edits to one document: coalesced, responsive, and the final result is fresh", async () => {
  const uri = "file:///kms-load/rapid/seal.ts";
  await server.open(uri, "typescript", 1, codeVariant(1));
  await server.diagnosticsFor(uri, 1);
  const publishedBefore = server.published.length;

  const burstStarted = performance.now();
  // Written back to back, as an editor flushes a burst (a macro, a replace-all): the server
  // finds many changes of the document queued at once and must analyse only the last of them.
  const sent: Promise<void>[] = [];
  for (let version = 2; version <= 1001; version++) {
    sent.push(server.change(uri, version, codeVariant(version)));
  }
  await Promise.all(sent);
  const burstMs = performance.now() - burstStarted;
  const requestStarted = performance.now();
  await server.connection.sendRequest(LIST_RULES_REQUEST);
  const responseMs = performance.now() - requestStarted;
  const final = await server.diagnosticsFor(uri, 1001);

  const versions = publishedVersions(uri, publishedBefore);
  console.log(
    `1,000 edits sent in ${burstMs.toFixed(0)} ms; ${versions.length} publishes; ` +
      `a request during the backlog answered in ${responseMs.toFixed(0)} ms`,
  );
  assert.ok(responseMs < 1000, `a request after the burst waited ${responseMs.toFixed(0)} ms`);
  assert.ok(versions.length <= 25, `${versions.length} publishes for 1,000 edits`);
  assert.deepEqual(
    versions,
    [...versions].sort((a, b) => a - b),
    "an older version was published after a newer one",
  );
  assert.equal(versions.at(-1), 1001);
  assert.deepEqual(
    final,
    expectedDiagnostics({ uri, languageId: "typescript", text: codeVariant(1001) }),
  );
  assert.deepEqual(
    final.map((diagnostic) => diagnostic.code),
    ["KMS001", "KMS002"],
  );
});

test("edits arriving while analyses run: never a stale publish, the last one is fresh", async () => {
  const uri = "file:///kms-load/paced/seal.ts";
  await server.open(uri, "typescript", 1, codeVariant(1));
  await server.diagnosticsFor(uri, 1);
  const publishedBefore = server.published.length;

  // Pauses from none to 300 ms, so some analyses start and are overtaken by edits.
  const pauses = [
    0, 40, 160, 10, 300, 155, 0, 0, 170, 90, 145, 200, 5, 150, 160, 30, 250, 0, 140, 165,
  ];
  for (let index = 0; index < 40; index++) {
    await server.change(uri, index + 2, codeVariant(index + 2));
    await new Promise((resolve) => setTimeout(resolve, pauses[index % pauses.length]));
  }
  const final = await server.diagnosticsFor(uri, 41);

  const versions = publishedVersions(uri, publishedBefore);
  assert.ok(versions.length >= 2 && versions.length <= 40, `${versions.length} publishes`);
  assert.deepEqual(
    versions,
    [...versions].sort((a, b) => a - b),
  );
  assert.equal(new Set(versions).size, versions.length, "a version was published twice");
  assert.deepEqual(
    final,
    expectedDiagnostics({ uri, languageId: "typescript", text: codeVariant(41) }),
  );
});

test("200 documents opened at once all get the diagnostics of a fresh analysis", async () => {
  // In a workspace folder, so the server indexes the open documents for the cross-file rules.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "kms-load-"));
  await server.stop();
  server = await ServerProcess.start({ rootPath: root });
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const documents: LoadDocument[] = Array.from({ length: 200 }, (_, index) => {
    const kind = index % 3;
    return kind === 0
      ? {
          uri: `file://${root}/many/code-${index}.ts`,
          languageId: "typescript",
          text: codeVariant(index),
        }
      : kind === 1
        ? {
            uri: `file://${root}/many/policy-${index}.json`,
            languageId: "json",
            text: policyVariant(index),
          }
        : {
            uri: `file://${root}/many/template-${index}.yaml`,
            languageId: "yaml",
            text: templateVariant(index),
          };
  });

  const started = performance.now();
  await Promise.all(
    documents.map((document) => server.open(document.uri, document.languageId, 1, document.text)),
  );
  for (const document of documents) {
    await server.diagnosticsFor(document.uri, 1, 240000);
  }
  // The workspace index re-analyses open documents in rounds: wait until the server is quiet.
  let seen = -1;
  while (seen !== server.published.length) {
    seen = server.published.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const elapsedMs = performance.now() - started;

  console.log(
    `200 documents analysed in ${elapsedMs.toFixed(0)} ms with ${server.published.length} ` +
      `publishes; server RSS ${server.rssKilobytes()} kB`,
  );
  // Each document is analysed about once: the workspace index's re-analysis rounds must not
  // grow with the number of open documents (they once cost ~17,000 analyses for these 200).
  assert.ok(
    server.published.length <= 2 * documents.length,
    `${server.published.length} publishes for ${documents.length} documents`,
  );
  const workspace = freshWorkspace(documents);
  let withFindings = 0;
  for (const document of documents) {
    const published = server.latest(document.uri)!;
    assert.deepEqual(published.diagnostics, expectedDiagnostics(document, workspace), document.uri);
    withFindings += published.diagnostics.length > 0 ? 1 : 0;
  }
  // Odd variants of every kind have findings; make sure the comparison was not of empty lists.
  assert.ok(withFindings >= 100, `only ${withFindings} documents had findings`);

  await Promise.all(documents.map((document) => server.close(document.uri)));
  await server.waitFor(
    () => documents.every((document) => server.latest(document.uri)?.diagnostics.length === 0),
    "cleared diagnostics after closing",
  );
});
