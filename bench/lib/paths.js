// @ts-check
// Where the bench reads and writes. Everything it creates lives under bench/ and is ignored.
const path = require("node:path");

const repoRoot = path.resolve(__dirname, "..", "..");
const benchRoot = path.join(repoRoot, "bench");

module.exports = {
  repoRoot,
  benchRoot,
  buildDir: path.join(benchRoot, ".build"),
  corpusDir: path.join(benchRoot, "corpus"),
  resultsFile: path.join(benchRoot, "results.json"),
  engineBundle: path.join(benchRoot, ".build", "engine.js"),
  serverBundle: path.join(repoRoot, "dist", "server", "server.js"),
  fixturesDir: path.join(repoRoot, "test-fixtures"),
};
