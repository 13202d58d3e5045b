// @ts-check
// Turns the sections' results into the checks against the targets and a plain-text table.

/**
 * @typedef {{ section: string, what: string, value: number | string, target: string,
 *   ok: boolean | undefined }} Check
 */

/**
 * Every target of the benchmark with the figure measured for it. `ok` is undefined when the
 * figure could not be measured in this run.
 * @param {Record<string, any>} results
 * @returns {Check[]}
 */
function evaluateTargets(results) {
  /** @type {Check[]} */
  const checks = [];
  /**
   * @param {string} section @param {string} what @param {number | undefined} value
   * @param {"<=" | ">="} relation @param {number} limit @param {string} [unit]
   */
  const check = (section, what, value, relation, limit, unit = "") => {
    const measured = typeof value === "number" && Number.isFinite(value);
    checks.push({
      section,
      what,
      value: measured ? `${value}${unit}` : "not measured",
      target: `${relation} ${limit}${unit}`,
      ok: measured ? (relation === "<=" ? value <= limit : value >= limit) : undefined,
    });
  };

  const throughput = results.throughput;
  for (const row of throughput?.rows ?? []) {
    const limit = row.name.startsWith("KMS") ? 1.25 : 0.5;
    check("throughput", `${row.name}: engine / parse-only`, row.engineVsParse, "<=", limit, "×");
    check("throughput", `${row.name}: ESLint / engine`, row.eslintVsEngine, ">=", 10, "×");
  }

  for (const row of results.policies?.rows ?? []) {
    if (row.files > 0) {
      check("policies", `${row.name}: engine / parse-only`, row.engineVsParse, "<=", 1.5, "×");
    }
  }

  for (const row of results.latency?.rows ?? []) {
    check("latency", `${row.name}: didChange → diagnostics p50`, row.p50Ms, "<=", 10, " ms");
    check("latency", `${row.name}: didChange → diagnostics p95`, row.p95Ms, "<=", 30, " ms");
  }
  check("latency", "code action p95", results.latency?.codeActions?.p95Ms, "<=", 30, " ms");

  const memory = results.memory;
  check("memory", "server RSS, 5,000 files open", memory?.memory?.rssMB, "<=", 150, " MB");
  check(
    "memory",
    "spawn → initialize result p50",
    memory?.startup?.initializeP50Ms,
    "<=",
    300,
    " ms",
  );
  check("memory", ".vsix size", memory?.sizes?.vsix?.megabytes, "<=", 3, " MB");

  check("scaling", "fitted exponent of analysis time", results.scaling?.engineExponent, "<=", 1.2);
  return checks;
}

/**
 * Renders rows of cells as an aligned text table; numbers are right-aligned.
 * @param {string[]} header
 * @param {(string | number | undefined | null)[][]} rows
 */
function table(header, rows) {
  const cells = [header, ...rows.map((row) => row.map((cell) => (cell ?? "–").toString()))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const numeric = header.map((_, column) =>
    rows.every(
      (row) => row[column] === undefined || row[column] === null || typeof row[column] === "number",
    ),
  );
  const line = (/** @type {string[]} */ row) =>
    row
      .map((cell, column) =>
        numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join("  ")
      .trimEnd();
  return [
    line(cells[0]),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...cells.slice(1).map(line),
  ].join("\n");
}

/**
 * The whole human-readable report.
 * @param {Record<string, any>} results
 * @param {Check[]} checks
 */
function renderReport(results, checks) {
  const out = [];
  const machine = results.machine;
  out.push(
    `KMS Context Guard benchmark — ${machine.date}`,
    `${machine.cpu} × ${machine.cores} cores, ${machine.memoryGB} GB, node ${machine.node}, ${machine.platform}`,
    `load average ${machine.loadAverageAtStart.join(" ")} at start, ${machine.loadAverageAtEnd.join(" ")} at end; ${machine.clock === "cpu" ? "in-process figures in CPU time (BENCH_CLOCK=cpu)" : "wall time"}`,
    `median of ${results.options.rounds} rounds after warm-up${results.options.quick ? " (quick mode)" : ""}`,
    "",
  );

  const throughput = results.throughput;
  if (throughput?.rows) {
    const packages = throughput.packages
      .map((/** @type {any} */ p) => `${p.name}@${p.version}`)
      .join(", ");
    out.push(`1. Throughput on ${packages}`);
    out.push(
      table(
        [
          "files",
          "count",
          "MB",
          "parse ms",
          "engine ms",
          "engine/parse",
          "ESLint files",
          "ESLint ms",
          "ESLint/engine",
        ],
        throughput.rows.map((/** @type {any} */ row) => [
          row.name,
          row.files,
          row.megabytes,
          row.parseMs,
          row.engineMs,
          row.engineVsParse,
          row.eslintSampleFiles,
          row.eslintMs,
          row.eslintVsEngine,
        ]),
      ),
      `   ${throughput.declarationFiles} .d.ts files are parsed by the baseline but skipped by the engine on purpose;`,
      `   ESLint runs on every ${throughput.eslintSampleEvery}th file (${throughput.eslintRounds} rounds), compared with the engine on the same files.`,
      "",
    );
  }

  if (results.policies?.rows) {
    out.push("2. Policies");
    out.push(
      table(
        ["input", "files", "KB", "parse ms", "engine ms", "engine/parse", "findings"],
        results.policies.rows.map((/** @type {any} */ row) => [
          row.name,
          row.files,
          row.kilobytes,
          row.parseMs,
          row.engineMs,
          row.engineVsParse,
          row.findings,
        ]),
      ),
      "",
    );
  }

  if (results.latency?.rows) {
    out.push(
      `3. Editor latency over LSP (${results.latency.edits} one-character edits per document)`,
    );
    out.push(
      table(
        [
          "document",
          "open ms",
          "p50 ms",
          "p95 ms",
          "max ms",
          "in-process ms",
          "p50/in-process",
          "diagnostics",
        ],
        results.latency.rows.map((/** @type {any} */ row) => [
          row.name,
          row.openToDiagnosticsMs,
          row.p50Ms,
          row.p95Ms,
          row.maxMs,
          row.inProcessAnalysisMs,
          row.p50VsInProcess,
          row.diagnostics,
        ]),
      ),
    );
    const actions = results.latency.codeActions;
    out.push(
      actions?.p95Ms !== undefined
        ? `   code action on ${actions.code}: p50 ${actions.p50Ms} ms, p95 ${actions.p95Ms} ms (${actions.actions} actions)`
        : `   code action: ${actions?.skipped}`,
      "",
    );
  }

  const memory = results.memory;
  if (memory?.memory) {
    out.push(
      "4. Memory and start-up",
      `   ${memory.memory.files} files open: RSS ${memory.memory.rssMB} MB (idle ${memory.memory.idleRssMB} MB, peak ${memory.memory.peakRssMB} MB), all diagnosed in ${memory.memory.openAllToDiagnosticsMs} ms`,
      `   spawn → initialize: p50 ${memory.startup.initializeP50Ms} ms (bare node ${memory.startup.bareNodeP50Ms} ms, ${memory.startup.initializeVsBareNode}×)`,
      `   ${memory.sizes.build} bundle sizes (MB): ${JSON.stringify(memory.sizes.megabytes)}, .vsix ${memory.sizes.vsix ? memory.sizes.vsix.megabytes : "not built"}`,
      "",
    );
  }

  if (results.scaling?.rows) {
    out.push(
      `5. Scaling (exponent: engine ${results.scaling.engineExponent}, parser ${results.scaling.parseExponent})`,
    );
    out.push(
      table(
        ["lines", "KB", "parse ms", "engine ms", "engine/parse", "findings"],
        results.scaling.rows.map((/** @type {any} */ row) => [
          row.lines,
          row.kilobytes,
          row.parseMs,
          row.engineMs,
          row.engineVsParse,
          row.findings,
        ]),
      ),
      "",
    );
  }

  const indexing = results.indexing;
  if (indexing) {
    out.push(
      "6. Workspace indexing",
      indexing.indexMs !== undefined
        ? `   ${indexing.files} files: index ${indexing.indexMs} ms, parse-only ${indexing.parseMs} ms (${indexing.indexVsParse}×), analyse each ${indexing.analyzeEachMs} ms (${indexing.indexVsAnalyzeEach}×); index holds ${JSON.stringify(indexing.indexedSummary)}`
        : `   ${indexing.skipped ?? indexing.error}`,
      ...(indexing.oneFileUpdateMs !== undefined
        ? [
            `   one changed ${indexing.oneFileLines}-line file: update + re-resolve ${indexing.oneFileUpdateMs} ms, parse it ${indexing.oneFileParseMs} ms (${indexing.oneFileUpdateVsParse}×); target ≤ 50 ms`,
          ]
        : []),
      "",
    );
  }

  for (const [name, result] of Object.entries(results.sections ?? {})) {
    if (result.error || result.skipped) {
      out.push(`${name}: ${result.skipped ?? result.error.split("\n")[0]}`);
    }
  }

  out.push("", "Targets");
  out.push(
    table(
      ["", "section", "figure", "measured", "target"],
      checks.map((c) => [
        c.ok === undefined ? "?" : c.ok ? "ok" : "MISS",
        c.section,
        c.what,
        c.value,
        c.target,
      ]),
    ),
  );
  return out.join("\n");
}

module.exports = { evaluateTargets, renderReport, table };
