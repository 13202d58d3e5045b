// @ts-check
// Section 3: editor latency over the real protocol. The shipped server bundle is spawned and
// driven like an editor drives it: open a large KMS-dense module and a large key policy, then
// type one character at a time, each time waiting for the diagnostics of that version before
// typing the next. Latency is didChange sent → publishDiagnostics received, debounce included.
const { generateKeyPolicy, generateKmsModule } = require("../lib/generate");
const { BenchClient, fileUri } = require("../lib/lsp");
const { engineBundle } = require("../lib/paths");
const { compareVariants, wallNow: now, percentile, round } = require("../lib/stats");
const { runSection } = require("../lib/section");
const { createWorkspace, offsetNearMiddle, positionAt } = require("../lib/workspace-dir");

const EDITS = 200;
const CODE_ACTION_REQUESTS = 100;
const TIMEOUT_MS = 15_000;

runSection(async (options) => {
  if (!options.serverBundle) {
    return { skipped: "no server bundle" };
  }
  const engine = require(engineBundle);
  const workspace = createWorkspace({
    "src/kms-dense.ts": generateKmsModule(5_000),
    "policies/key-policy.json": generateKeyPolicy(2_000),
  });
  const client = new BenchClient(options.serverBundle);
  try {
    const { capabilities } = await client.initialize(workspace.root);
    const documents = [
      {
        name: "5,000-line TS module",
        path: workspace.paths["src/kms-dense.ts"],
        languageId: "typescript",
        marker: 'purpose: "record-',
      },
      {
        name: "2,000-statement key policy",
        path: workspace.paths["policies/key-policy.json"],
        languageId: "json",
        marker: '"Sid": "UseWithContext',
      },
    ];

    const rows = [];
    /** @type {any[]} */
    let codeDiagnostics = [];
    for (const document of documents) {
      let text = require("node:fs").readFileSync(document.path, "utf8");
      const uri = fileUri(document.path);
      const opened = client.nextDiagnostics(uri, 1, TIMEOUT_MS * 4);
      const openSentAt = now();
      client.open(uri, document.languageId, text);
      const first = await opened;
      const openMs = first.receivedAt - openSentAt;

      // Type into a string in the middle of the document: a realistic edit that changes what
      // the rules see, and one that keeps the document valid throughout.
      let offset = offsetNearMiddle(text, document.marker);
      /** @type {number[]} */
      const latencies = [];
      let last = first;
      for (let edit = 0; edit < EDITS; edit++) {
        const version = edit + 2;
        const character = String.fromCharCode(97 + (edit % 26));
        const published = client.nextDiagnostics(uri, version, TIMEOUT_MS);
        const sentAt = now();
        client.insert(uri, version, positionAt(text, offset), character);
        text = text.slice(0, offset) + character + text.slice(offset);
        offset++;
        last = await published;
        latencies.push(last.receivedAt - sentAt);
      }
      if (document.languageId === "typescript") {
        codeDiagnostics = last.diagnostics;
      }

      // The same analysis in-process, on the final text: what the protocol, the document sync
      // and any debounce add on top of the engine itself.
      const { medians } = compareVariants(
        { engine: () => engine.analyzeDocument({ fileName: document.path, text }) },
        { rounds: options.rounds, warmup: 2 },
      );
      rows.push({
        name: document.name,
        openToDiagnosticsMs: round(openMs, 1),
        diagnostics: last.diagnostics.length,
        p50Ms: round(percentile(latencies, 50), 2),
        p95Ms: round(percentile(latencies, 95), 2),
        minMs: round(Math.min(...latencies), 2),
        maxMs: round(Math.max(...latencies), 2),
        inProcessAnalysisMs: round(medians.engine, 2),
        p50VsInProcess: round(percentile(latencies, 50) / medians.engine, 1),
      });
    }

    const codeActions = await measureCodeActions(
      client,
      fileUri(documents[0].path),
      codeDiagnostics,
      capabilities,
    );
    return { edits: EDITS, rows, codeActions, serverStderr: client.stderr.join("").slice(0, 2000) };
  } finally {
    await client.stop();
    workspace.remove();
  }
});

/**
 * Times textDocument/codeAction on a finding of the module, as the editor asks when the cursor
 * lands on a squiggle.
 * @param {BenchClient} client
 * @param {string} uri
 * @param {any[]} diagnostics
 * @param {any} capabilities
 */
async function measureCodeActions(client, uri, diagnostics, capabilities) {
  if (!capabilities.codeActionProvider) {
    return { skipped: "the server does not offer code actions" };
  }
  const ours = diagnostics.filter((diagnostic) => diagnostic.source === "kms-context-guard");
  const target = ours.find((diagnostic) => diagnostic.code === "KMS002") ?? ours[0];
  if (!target) {
    return { skipped: "no finding in the module to act on" };
  }

  const request = () =>
    client.request("textDocument/codeAction", {
      textDocument: { uri },
      range: target.range,
      context: { diagnostics: [target], triggerKind: 1 },
    });
  for (let warmup = 0; warmup < 10; warmup++) {
    await request();
  }
  /** @type {number[]} */
  const latencies = [];
  let actions = 0;
  for (let index = 0; index < CODE_ACTION_REQUESTS; index++) {
    const start = now();
    const result = await request();
    latencies.push(now() - start);
    actions = Array.isArray(result) ? result.length : 0;
  }
  return {
    code: target.code,
    requests: CODE_ACTION_REQUESTS,
    actions,
    p50Ms: round(percentile(latencies, 50), 2),
    p95Ms: round(percentile(latencies, 95), 2),
  };
}
