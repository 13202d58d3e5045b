// @ts-check
// Section 2: policies. The same bytes go through the bare parser the engine builds on
// (jsonc-parser's parseTree for JSON, yaml's parseDocument for YAML) and through the full
// analysis; the ratio is what extraction and the policy rules add on top of parsing.
const fs = require("node:fs");
const path = require("node:path");
const jsonc = require("jsonc-parser");
const YAML = require("yaml");
const { generateKeyPolicy } = require("../lib/generate");
const { engineBundle, fixturesDir } = require("../lib/paths");
const { compareVariants, round } = require("../lib/stats");
const { runSection } = require("../lib/section");

/** @typedef {{ fileName: string, text: string, kind: "json" | "yaml" }} PolicyFile */

/** Every JSON/YAML/.template file under test-fixtures/, where the policy fixtures live. */
function fixtureFiles() {
  /** @type {PolicyFile[]} */
  const found = [];
  /** @param {string} directory */
  const walk = (directory) => {
    if (!fs.existsSync(directory)) {
      return;
    }
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      const text = fs.readFileSync(full, "utf8");
      if (/\.jsonc?$/i.test(entry.name)) {
        found.push({ fileName: full, text, kind: "json" });
      } else if (/\.ya?ml$/i.test(entry.name)) {
        found.push({ fileName: full, text, kind: "yaml" });
      } else if (/\.template$/i.test(entry.name)) {
        found.push({ fileName: full, text, kind: /^\s*[{[]/.test(text) ? "json" : "yaml" });
      }
    }
  };
  walk(fixturesDir);
  return found.sort((a, b) => a.fileName.localeCompare(b.fileName));
}

/**
 * The generated key policy inside a CloudFormation YAML template, so the YAML path is measured
 * on a file of realistic size too (the fixtures are a few lines each).
 * @param {number} statements
 */
function generateTemplate(statements) {
  const KeyPolicy = JSON.parse(generateKeyPolicy(statements));
  return YAML.stringify({
    AWSTemplateFormatVersion: "2010-09-09",
    Resources: { AppKey: { Type: "AWS::KMS::Key", Properties: { KeyPolicy } } },
  });
}

runSection(async (options) => {
  const engine = require(engineBundle);
  const statements = 2000;
  const fixtures = fixtureFiles();

  /** @type {{ name: string, files: PolicyFile[] }[]} */
  const groups = [
    {
      name: `generated key policy (${statements} statements, JSON)`,
      files: [{ fileName: "key-policy.json", text: generateKeyPolicy(statements), kind: "json" }],
    },
    {
      name: `generated CloudFormation template (${statements} statements, YAML)`,
      files: [{ fileName: "template.yaml", text: generateTemplate(statements), kind: "yaml" }],
    },
    { name: "test-fixtures JSON", files: fixtures.filter((f) => f.kind === "json") },
    { name: "test-fixtures YAML", files: fixtures.filter((f) => f.kind === "yaml") },
  ];

  const rows = [];
  for (const group of groups) {
    if (group.files.length === 0) {
      rows.push({ name: group.name, files: 0, note: "no files" });
      continue;
    }
    let lastFindings = 0;
    const { medians } = compareVariants(
      {
        parse: () => {
          for (const file of group.files) {
            if (file.kind === "json") {
              jsonc.parseTree(file.text, [], { allowTrailingComma: true });
            } else {
              YAML.parseAllDocuments(file.text);
            }
          }
        },
        engine: () => {
          lastFindings = 0;
          for (const file of group.files) {
            lastFindings += engine.analyzeDocument({ fileName: file.fileName, text: file.text })
              .findings.length;
          }
        },
      },
      { rounds: options.rounds, warmup: 2 },
    );
    rows.push({
      name: group.name,
      files: group.files.length,
      kilobytes: round(group.files.reduce((sum, file) => sum + file.text.length, 0) / 1e3, 1),
      parseMs: round(medians.parse, 3),
      engineMs: round(medians.engine, 3),
      engineVsParse: round(medians.engine / medians.parse),
      findings: lastFindings,
    });
  }
  return { rounds: options.rounds, rows };
});
