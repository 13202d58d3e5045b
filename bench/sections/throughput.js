// @ts-check
// Section 1: throughput on real code. Every corpus file is timed on its own in each round, so
// one pass per variant yields the whole corpus and every subset; a subset's figure is the
// median over rounds of the summed per-file times.
const ts = require("typescript");
const { Linter } = require("eslint");
const typescriptEslintParser = require("@typescript-eslint/parser");
const { ensureCorpus, loadCorpus } = require("../lib/corpus");
const { engineBundle } = require("../lib/paths");
const { median, now, collectGarbage, round } = require("../lib/stats");
const { runSection } = require("../lib/section");

/** @typedef {{ fileName: string, text: string, kms: boolean }} CorpusFile */

runSection(async (options) => {
  const packages = ensureCorpus();
  const files = loadCorpus();
  const engine = require(engineBundle);

  // ESLint over the whole corpus takes minutes per round; by default it runs over a fixed,
  // evenly spread sample (every k-th file) and the engine is compared on the very same files.
  const eslintEvery = options.full ? 1 : options.quick ? 50 : 10;
  const eslintSample = files.map((_, index) => index).filter((index) => index % eslintEvery === 0);

  // ESLint ignores anything under node_modules/ by default, and the corpus lives there; lint
  // each file under its package-relative name from a virtual project root instead.
  const linter = new Linter({ cwd: "/corpus" });
  const lintNames = files.map((file) => "/corpus/" + file.fileName.split("/node_modules/").pop());
  let callsVisited = 0;
  /** @type {import("eslint").Linter.Config[]} */
  const eslintConfig = [
    {
      files: ["**/*.js", "**/*.ts"],
      languageOptions: { parser: typescriptEslintParser, sourceType: "module" },
      plugins: {
        bench: {
          rules: {
            "visit-calls": {
              meta: { type: /** @type {const} */ ("problem"), schema: [] },
              create: () => ({ CallExpression: () => void callsVisited++ }),
            },
          },
        },
      },
      rules: { "bench/visit-calls": "error" },
    },
  ];

  const engineStats = { findings: 0, skipped: /** @type {Record<string, number>} */ ({}) };
  let eslintFatal = 0;

  /** @type {Record<string, (file: CorpusFile, index: number) => void>} */
  const variants = {
    parse: (file) => {
      ts.createSourceFile(file.fileName, file.text, ts.ScriptTarget.Latest, false);
    },
    engine: (file) => {
      const result = engine.analyzeDocument({ fileName: file.fileName, text: file.text });
      engineStats.findings += result.findings.length;
      if (result.skipped) {
        engineStats.skipped[result.skipped] = (engineStats.skipped[result.skipped] ?? 0) + 1;
      }
    },
    eslint: (file, index) => {
      const messages = linter.verify(file.text, eslintConfig, { filename: lintNames[index] });
      if (messages.some((message) => message.fatal)) {
        eslintFatal++;
      }
    },
  };

  /** @param {string} name @param {number[]} indices */
  const pass = (name, indices) => {
    const times = new Float64Array(files.length);
    const variant = variants[name];
    collectGarbage();
    for (const index of indices) {
      const start = now();
      variant(files[index], index);
      times[index] = now() - start;
    }
    return times;
  };

  const everyFile = files.map((_, index) => index);
  const warmupSample = everyFile.filter((index) => index % 20 === 0);
  for (const name of ["parse", "engine", "eslint"]) {
    pass(name, warmupSample);
  }
  engineStats.findings = 0;
  engineStats.skipped = {};

  /** @type {Record<string, Float64Array[]>} */
  const rounds = { parse: [], engine: [], eslint: [] };
  for (let roundIndex = 0; roundIndex < options.rounds; roundIndex++) {
    const order = roundIndex % 2 === 0 ? ["parse", "engine"] : ["engine", "parse"];
    for (const name of order) {
      rounds[name].push(pass(name, everyFile));
    }
    if (roundIndex < options.eslintRounds) {
      rounds.eslint.push(pass("eslint", eslintSample));
    }
  }

  /** @param {string} name @param {number[]} indices */
  const medianTotal = (name, indices) =>
    median(rounds[name].map((times) => indices.reduce((sum, index) => sum + times[index], 0)));

  const isJs = (/** @type {number} */ index) => !files[index].fileName.endsWith(".d.ts");
  const subsets = {
    "whole corpus (.js + .d.ts)": everyFile,
    "whole corpus, .js only": everyFile.filter(isJs),
    "KMS subset (.js + .d.ts)": everyFile.filter((index) => files[index].kms),
    "KMS subset, .js only": everyFile.filter((index) => files[index].kms && isJs(index)),
  };

  const rows = Object.entries(subsets).map(([name, indices]) => {
    const sampled = indices.filter((index) => index % eslintEvery === 0);
    const parseMs = medianTotal("parse", indices);
    const engineMs = medianTotal("engine", indices);
    const engineOnSampleMs = medianTotal("engine", sampled);
    const eslintMs = medianTotal("eslint", sampled);
    return {
      name,
      files: indices.length,
      megabytes: round(indices.reduce((sum, index) => sum + files[index].text.length, 0) / 1e6, 1),
      parseMs: round(parseMs, 1),
      engineMs: round(engineMs, 1),
      engineVsParse: round(engineMs / parseMs),
      eslintSampleFiles: sampled.length,
      eslintMs: round(eslintMs, 1),
      engineOnSampleMs: round(engineOnSampleMs, 1),
      eslintVsEngine: round(eslintMs / engineOnSampleMs, 1),
    };
  });

  return {
    packages,
    rounds: options.rounds,
    eslintRounds: Math.min(options.rounds, options.eslintRounds),
    eslintSampleEvery: eslintEvery,
    declarationFiles: files.filter((file) => file.fileName.endsWith(".d.ts")).length,
    findingsPerRound: Math.round(engineStats.findings / options.rounds),
    skippedPerRound: Object.fromEntries(
      Object.entries(engineStats.skipped).map(([reason, count]) => [
        reason,
        count / options.rounds,
      ]),
    ),
    eslintFatalPerRound: eslintFatal / Math.max(1, rounds.eslint.length),
    eslintCallsVisitedPerRound: Math.round(callsVisited / Math.max(1, rounds.eslint.length)),
    rows,
  };
});
