// The demonstration behind `npm start`: analyse test-fixtures/ (or the folders given) with the
// CLI and show every finding and the summary. Findings are the point of the demo, so exit code 1
// ("findings present") is reported as success; only a usage or internal error (2) fails.
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const targets = process.argv.slice(2);
const cli = path.join(__dirname, "..", "dist", "cli.js");
const result = spawnSync(
  process.execPath,
  [cli, ...(targets.length ? targets : ["test-fixtures"])],
  {
    stdio: "inherit",
  },
);
process.exit(result.status === 2 || result.status === null ? 2 : 0);
