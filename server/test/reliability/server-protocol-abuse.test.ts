import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { ErrorCodes, ResponseError } from "vscode-languageserver-protocol/node";
import { LIST_RULES_REQUEST } from "../../src/server/protocol";
import { codeVariant, expectedDiagnostics } from "../support/load-documents";
import { ServerProcess } from "../support/server-process";

/**
 * What the server does with input no well-behaved client sends: broken frames, bodies that are
 * not JSON-RPC, unknown methods, and documents it must skip. It must neither exit nor stop
 * answering, and must say so once in its log rather than on every message.
 */
let server: ServerProcess;
before(async () => {
  server = await ServerProcess.start();
});
after(async () => {
  assert.equal(await server.stop(), 0, server.stderr);
});

function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body, "utf8")}\r\n\r\n${body}`;
}

/** Sends a request that must be answered; a broken frame may swallow one, never two. */
async function assertResponsive(what: string): Promise<void> {
  const ask = () =>
    Promise.race([
      server.connection.sendRequest(LIST_RULES_REQUEST).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1500)),
    ]);
  const answered = (await ask()) || (await ask());
  assert.ok(answered, `no answer after ${what}`);
  assert.equal(server.child.exitCode, null, `the server exited after ${what}`);
}

const GARBAGE: [string, string][] = [
  ["a non-numeric Content-Length", "Content-Length: abc\r\n\r\n"],
  ["a header line without a colon", "garbage without colon\r\n\r\n"],
  ["headers without Content-Length", "X-Whatever: 1\r\n\r\n"],
  ["a body that is not JSON", frame("{not json")],
  ["a JSON body that is not an object", frame("42")],
  ["a JSON array body", frame("[]")],
  ["a message without jsonrpc or method", frame('{"hello":"world"}')],
  ["a response to a request never sent", frame('{"jsonrpc":"2.0","id":4242,"result":null}')],
  ["bytes that are not UTF-8", `Content-Length: 4\r\n\r\n\u00ff\u00fe\u00fd\u00fc`],
  [
    "a request with params of the wrong type",
    frame('{"jsonrpc":"2.0","id":7,"method":"textDocument/codeAction","params":"x"}'),
  ],
  [
    "a didOpen without a text document",
    frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}}'),
  ],
  [
    "a didChange for a document never opened",
    frame(
      '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nope.ts","version":2},"contentChanges":[{"text":"x"}]}}',
    ),
  ],
];

for (const [what, bytes] of GARBAGE) {
  test(`survives ${what}`, async () => {
    server.child.stdin.write(what.includes("UTF-8") ? Buffer.from(bytes, "latin1") : bytes);

    await assertResponsive(what);
  });
}

test("a Content-Length shorter than its body desynchronises the stream but the process lives on", async () => {
  const desynchronised = await ServerProcess.start();
  after(async () => {
    await desynchronised.stop();
  });

  desynchronised.child.stdin.write("Content-Length: 1\r\n\r\n{}");
  const answers = await Promise.race([
    desynchronised.connection.sendRequest(LIST_RULES_REQUEST).then(() => "answered"),
    new Promise<string>((resolve) => setTimeout(() => resolve("no answer"), 2000)),
  ]);
  const alsoLater = await Promise.race([
    desynchronised.connection.sendRequest(LIST_RULES_REQUEST).then(() => "answered"),
    new Promise<string>((resolve) => setTimeout(() => resolve("no answer"), 2000)),
  ]);

  // FIXME: vscode-jsonrpc's reader never resynchronises after a body shorter than announced:
  // the stray "}" is read as part of the next header, whose body is then left over in front of
  // the header after it, and so on for every later message. The process survives (no crash,
  // no exit), but the connection is dead until the client restarts the server. A reader that
  // skips to the next "Content-Length:" header would recover; no real client sends this.
  assert.deepEqual([answers, alsoLater], ["no answer", "no answer"]);
  assert.equal(desynchronised.child.exitCode, null);
});

test("answers an unknown request with MethodNotFound and ignores an unknown notification", async () => {
  await server.connection.sendNotification("kmsContextGuard/noSuchNotification", { a: 1 });
  await server.connection.sendNotification("$/noSuchThing", {});

  const error = await server.connection.sendRequest("kmsContextGuard/noSuchRequest", {}).then(
    () => undefined,
    (reason: unknown) => reason,
  );

  assert.ok(error instanceof ResponseError, String(error));
  assert.equal(error.code, ErrorCodes.MethodNotFound);
  await assertResponsive("unknown methods");
});

test("after all of it, documents are still analysed as a fresh analysis would", async () => {
  const uri = "file:///kms-abuse/after.ts";

  await server.open(uri, "typescript", 1, codeVariant(3));

  assert.deepEqual(
    await server.diagnosticsFor(uri, 1),
    expectedDiagnostics({ uri, languageId: "typescript", text: codeVariant(3) }),
  );
});

test("a skipped document is logged once with its reason however often it is edited", async () => {
  const uri = "file:///kms-abuse/huge.ts";
  const huge = (variant: number) => `// ${variant}\n${"const filler = 1;\n".repeat(130_000)}`;

  await server.open(uri, "typescript", 1, huge(1));
  for (let version = 2; version <= 6; version++) {
    await server.change(uri, version, huge(version));
    await server.diagnosticsFor(uri, version);
  }
  await server.change(uri, 7, codeVariant(1));
  await server.diagnosticsFor(uri, 7);
  await server.change(uri, 8, `binary\u0000`);
  await server.diagnosticsFor(uri, 8);

  assert.deepEqual(
    server.logs.filter((line) => line.includes("skipped")),
    [
      `${uri}: skipped: larger than the 2097152-byte limit (maxFileSize)`,
      `${uri}: skipped: binary content (NUL bytes)`,
    ],
  );
});

test("a config file nested 10,000 deep is reported once and the defaults apply", async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kms-deep-config-"));
  fs.writeFileSync(
    path.join(folder, ".kms-context-guard.json"),
    `${'{"a":'.repeat(10000)}1${"}".repeat(10000)}`,
  );
  const deep = await ServerProcess.start({ rootPath: folder });
  after(async () => {
    await deep.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  const uri = `file://${folder}/seal.ts`;

  await deep.open(uri, "typescript", 1, codeVariant(1));

  assert.deepEqual(
    await deep.diagnosticsFor(uri, 1),
    expectedDiagnostics({ uri, languageId: "typescript", text: codeVariant(1) }),
  );
  assert.deepEqual(
    deep.logs.filter((line) => line.includes(".kms-context-guard.json")),
    [
      `${folder}/.kms-context-guard.json: the configuration is nested deeper than 256 levels`,
      `Using ${folder}/.kms-context-guard.json`,
    ],
  );
});
