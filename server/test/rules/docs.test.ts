import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import {
  planDocs,
  renderRulePage,
  renderRulesTable,
  replaceRulesSection,
} from "../../src/rules/generate-docs";
import { allRuleMetas } from "../../src/rules/registry";
import type { RuleMeta } from "../../src/rules/rule";
import { repoRoot } from "../support/paths";

const STALE_HINT = "run `npm run docs` and commit the result";

describe("generated rule documentation", async () => {
  const plan = await planDocs(repoRoot);

  it("has an up-to-date page for every registered rule", () => {
    for (const [page, expected] of plan.pages) {
      const file = path.join(repoRoot, page);
      assert.ok(fs.existsSync(file), `${page} is missing; ${STALE_HINT}`);
      assert.equal(fs.readFileSync(file, "utf8"), expected, `${page} is stale; ${STALE_HINT}`);
    }
  });

  it("has no page without a rule", () => {
    assert.deepEqual(plan.stalePages, [], `pages without a rule; ${STALE_HINT}`);
  });

  it("has an up-to-date rules table in the README", () => {
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    assert.equal(readme, plan.readme, `README rules table is stale; ${STALE_HINT}`);
  });

  it("gets complete metadata from every rule", () => {
    for (const meta of allRuleMetas()) {
      assert.match(meta.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${meta.code} name`);
      for (const field of ["whatItFlags", "whyItMatters", "whenNotToUse"] as const) {
        assert.ok(meta.docs[field].trim().length > 0, `${meta.code} docs.${field} is empty`);
      }
      assert.match(
        meta.docs.badExample.trim(),
        /^```\w+\n[\s\S]*\n```$/,
        `${meta.code} bad example`,
      );
      assert.match(
        meta.docs.fixedExample.trim(),
        /^```\w+\n[\s\S]*\n```$/,
        `${meta.code} fixed example`,
      );
      assert.ok(meta.docs.references.length > 0, `${meta.code} has no references`);
    }
  });
});

const SAMPLE: RuleMeta = {
  code: "KMS900",
  name: "sample-rule",
  summary: "Flags a sample | with a pipe, GenerateDataKey* and kms:EncryptionContext:<key>.",
  defaultSeverity: "warning",
  area: "code",
  fix: "sometimes",
  docs: {
    whatItFlags: "What.",
    whyItMatters: "Why.",
    badExample: "```ts\nbad();\n```",
    fixedExample: "```ts\ngood();\n```",
    whenNotToUse: "Never.",
    references: [{ title: "AWS KMS", url: "https://docs.aws.amazon.com/kms/" }],
  },
};

describe("docs rendering", () => {
  it("renders a page with every section in order", () => {
    const page = renderRulePage(SAMPLE);
    const headings = page.split("\n").filter((line) => line.startsWith("#"));
    assert.deepEqual(headings, [
      "# KMS900: `sample-rule`",
      "## What it flags",
      "## Why it matters",
      "## Example",
      "## When not to use it",
      "## Configuration",
      "## References",
    ]);
    assert.ok(page.includes("| Default severity | warning |"));
    assert.ok(page.includes("// kms-context-guard-disable-next-line KMS900 -- why this is safe"));
    assert.ok(page.includes("- [AWS KMS](https://docs.aws.amazon.com/kms/)"));
  });

  it("renders a table row per rule, escaping pipes", () => {
    assert.equal(
      renderRulesTable([SAMPLE]).split("\n").at(-1),
      "| KMS900 | [`sample-rule`](docs/rules/sample-rule.md) | Flags a sample \\| with a pipe, GenerateDataKey\\* and kms:EncryptionContext:&lt;key&gt;. | warning | yes |",
    );
  });

  it("replaces the rules region and keeps its markers, so it can be regenerated", () => {
    const once = replaceRulesSection("# T\n\n<!-- section: rules -->\n\n## Next\n", "TABLE");
    assert.equal(
      once,
      "# T\n\n<!-- section: rules -->\n\nTABLE\n\n<!-- end section: rules -->\n\n## Next\n",
    );
    assert.equal(replaceRulesSection(once, "TABLE"), once);
    assert.equal(
      replaceRulesSection(once, "OTHER"),
      "# T\n\n<!-- section: rules -->\n\nOTHER\n\n<!-- end section: rules -->\n\n## Next\n",
    );
  });
});
