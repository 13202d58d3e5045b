// Opening a TypeScript file whose Encrypt call has no context shows KMS001 in the Problems
// panel: a warning with the rule's code, our source, and a code that links to the rule's page.
const assert = require("node:assert/strict");
const fs = require("node:fs");

const { ruleDocs } = require("./expectations");

module.exports = {
  name: "problems-panel",
  screenshots: { "problems-panel": "problems-panel.png" },

  async run(context) {
    const folder = context.copyWorkspace("e2e-code");
    const workbench = await context.openWorkbench(folder);
    await workbench.openFile("invoices.ts");
    await workbench.focusProblems();

    const problem = await workbench.waitForProblem("KMS001");
    const docs = ruleDocs("missing-encryption-context");
    assert.equal(problem.severity, "warning");
    assert.equal(problem.source, "kms-context-guard");
    assert.equal(
      problem.message,
      "Encrypt is called without an EncryptionContext; add one that describes the data (for example its tenant and purpose) so the ciphertext is bound to it.",
    );
    assert.equal(problem.position, "[Ln 7, Col 33]");
    assert.equal(problem.href, docs.url, "the KMS001 code links to the rule's page");
    assert.ok(fs.existsSync(docs.file), `the linked page ${docs.file} exists in the repository`);

    // The squiggle sits on the call, where the person is looking.
    await workbench.editor().locator(".squiggly-warning").first().waitFor({ timeout: 10_000 });
    await workbench.screenshot(context.screenshotPath("problems-panel"));
  },
};
