// Runs every compiled unit and protocol test (out/**/*.test.js) with Node's built-in runner.
// Node 20's runner takes file paths rather than globs, so the files are listed here.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..", "out");

function findTests(directory) {
  if (!fs.existsSync(directory)) {
    return [];
  }
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      return findTests(full);
    }
    return entry.name.endsWith(".test.js") ? [full] : [];
  });
}

const filter = process.argv.slice(2);
const tests = findTests(root)
  .filter((file) => filter.length === 0 || filter.some((part) => file.includes(part)))
  .sort();

if (tests.length === 0) {
  console.error("No compiled tests found under out/; run `npm run compile` first.");
  process.exit(1);
}

const result = spawnSync(process.execPath, ["--test", "--test-reporter=spec", ...tests], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
