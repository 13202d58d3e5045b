// @ts-check
// Section 6: indexing a 5,000-file workspace with the workspace index, against parsing the same
// files with the bare parsers and against analysing each of them on its own.
const ts = require("typescript");
const jsonc = require("jsonc-parser");
const { generateWorkspaceFile } = require("../lib/generate");
const { engineBundle } = require("../lib/paths");
const { compareVariants, round } = require("../lib/stats");
const { runSection } = require("../lib/section");

const FILES = 5_000;

runSection(async (options) => {
  const engine = require(engineBundle);
  const indexWorkspace = engine.workspaceIndex?.indexWorkspace ?? engine.indexWorkspace;
  if (typeof indexWorkspace !== "function") {
    return { skipped: "no workspace index in the engine yet (indexWorkspace not exported)" };
  }

  const files = Array.from({ length: FILES }, (_, n) => {
    const file = generateWorkspaceFile(n);
    return { fileName: `/workspace/${file.path}`, text: file.text, languageId: file.languageId };
  });

  let indexed;
  const { medians } = compareVariants(
    {
      parse: () => {
        for (const file of files) {
          if (file.languageId === "json") {
            jsonc.parseTree(file.text);
          } else {
            ts.createSourceFile(file.fileName, file.text, ts.ScriptTarget.Latest, false);
          }
        }
      },
      analyze: () => {
        for (const file of files) {
          engine.analyzeDocument(file);
        }
      },
      index: () => {
        indexed = indexWorkspace(files);
      },
    },
    { rounds: options.rounds, warmup: 1 },
  );

  const oneFile = measureOneFileUpdate(indexed, files, options.rounds);

  return {
    files: FILES,
    ...oneFile,
    parseMs: round(medians.parse, 1),
    analyzeEachMs: round(medians.analyze, 1),
    indexMs: round(medians.index, 1),
    indexVsParse: round(medians.index / medians.parse),
    indexVsAnalyzeEach: round(medians.index / medians.analyze),
    indexedSummary: summarize(indexed),
  };
});

/**
 * A few facts about what the index holds, so a fast but empty index is visible.
 * @param {any} indexed
 */
function summarize(indexed) {
  const count = (/** @type {string} */ method) =>
    typeof indexed?.[method] === "function" ? indexed[method]().length : undefined;
  return { files: count("fileNames"), uses: count("uses"), statements: count("statements") };
}

/**
 * What one keystroke costs the index: re-indexing one changed code file of typical size and
 * re-resolving the workspace, against parsing that file alone. The index is the full 5,000-file
 * one, so resolution work that grows with the workspace shows up here.
 * @param {any} indexed
 * @param {{ fileName: string, text: string, languageId: string }[]} files
 * @param {number} rounds
 */
function measureOneFileUpdate(indexed, files, rounds) {
  const file = files.find((candidate) => candidate.languageId !== "json");
  if (!file || typeof indexed?.update !== "function") {
    return {};
  }

  // Every call sends new text, as an editor does; an unchanged text is a no-op for the index.
  let edit = 0;
  const { medians } = compareVariants(
    {
      parseOne: () => {
        ts.createSourceFile(file.fileName, `${file.text}// ${edit++}\n`, ts.ScriptTarget.Latest);
      },
      updateOne: () => {
        indexed.update(file.fileName, `${file.text}// ${edit++}\n`, {}, file.languageId);
        indexed.uses();
      },
    },
    { rounds, warmup: 1 },
  );

  return {
    oneFileLines: file.text.split("\n").length,
    oneFileUpdateMs: round(medians.updateOne, 2),
    oneFileParseMs: round(medians.parseOne, 2),
    oneFileUpdateVsParse: round(medians.updateOne / medians.parseOne),
  };
}
