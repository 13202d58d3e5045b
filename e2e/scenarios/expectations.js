// What the product contract fixes, and the scenarios therefore expect to see in the editor.
const fs = require("node:fs");
const path = require("node:path");

const repoRoot = path.join(__dirname, "..", "..");

/** Where rule pages are published: the repository's docs/rules/ folder on GitHub. */
const RULE_DOCS_BASE_URL =
  "https://github.com/kms-context-guard/kms-context-guard/blob/main/docs/rules/";

/**
 * The page a rule's documentation link must open. The site cannot be reached from here, so a
 * link counts as working when it has this exact address and the page it names exists in the
 * repository (docs/rules/ is generated from rule metadata and published from main).
 */
function ruleDocs(name) {
  return {
    url: `${RULE_DOCS_BASE_URL}${name}.md`,
    file: path.join(repoRoot, "docs", "rules", `${name}.md`),
  };
}

/** The repository file a documentation URL points at, or undefined for another site. */
function repositoryFileOf(url) {
  return url.startsWith(RULE_DOCS_BASE_URL)
    ? path.join(repoRoot, "docs", "rules", url.slice(RULE_DOCS_BASE_URL.length))
    : undefined;
}

/** The 1-based line and column just after the first occurrence of `needle` in a file. */
function positionAfter(file, needle) {
  const text = fs.readFileSync(file, "utf8");
  const offset = text.indexOf(needle);
  if (offset === -1) {
    throw new Error(`${needle} is not in ${file}`);
  }
  const before = text.slice(0, offset + needle.length).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** The palette title of the contributed command whose id ends with `suffix`. */
function commandTitle(manifest, suffix) {
  const command = (manifest.contributes?.commands ?? []).find((entry) =>
    entry.command.endsWith(suffix),
  );
  if (!command) {
    throw new Error(`package.json contributes no command ending in ${suffix}`);
  }
  return {
    id: command.command,
    title: command.category ? `${command.category}: ${command.title}` : command.title,
  };
}

module.exports = { commandTitle, positionAfter, repositoryFileOf, ruleDocs };
