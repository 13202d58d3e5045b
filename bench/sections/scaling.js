// @ts-check
// Section 5: scaling. Analysis time of generated KMS-dense modules of growing size; the
// exponent of a least-squares fit of log(time) over log(lines) must stay near 1. The parser's
// own exponent over the same files is the baseline: it is as linear as anything can be.
const ts = require("typescript");
const { generateKmsModule } = require("../lib/generate");
const { engineBundle } = require("../lib/paths");
const { compareVariants, fitExponent, round } = require("../lib/stats");
const { runSection } = require("../lib/section");

const SIZES = [1_000, 5_000, 20_000, 80_000];

runSection(async (options) => {
  const engine = require(engineBundle);
  // An 80k-line module is ~2.2 MB, above the default size limit that protects the editor; the
  // limit is raised here because the point is how the rules scale, not where the guard sits.
  const config = engine.resolveConfig({ maxFileSize: 64 * 1024 * 1024 });

  const rows = [];
  for (const lines of SIZES) {
    const text = generateKmsModule(lines);
    const fileName = `generated-${lines}.ts`;
    let findings = 0;
    const { medians } = compareVariants(
      {
        parse: () => ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false),
        engine: () => {
          const result = engine.analyzeDocument({ fileName, text }, { config });
          findings = result.findings.length;
        },
      },
      { rounds: Math.max(options.rounds, 5), warmup: 2 },
    );
    rows.push({
      lines,
      kilobytes: round(text.length / 1e3, 1),
      parseMs: round(medians.parse, 2),
      engineMs: round(medians.engine, 2),
      engineVsParse: round(medians.engine / medians.parse),
      findings,
    });
  }

  return {
    rows,
    engineExponent: round(
      fitExponent(rows.map((row) => ({ size: row.lines, time: row.engineMs }))),
    ),
    parseExponent: round(fitExponent(rows.map((row) => ({ size: row.lines, time: row.parseMs })))),
  };
});
