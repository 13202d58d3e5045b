// Policy documents where people keep them: a CloudFormation template in YAML and a key policy
// in JSON each show their findings in the Problems panel, with the rule's code and page.
const assert = require("node:assert/strict");
const fs = require("node:fs");

const { ruleDocs } = require("./expectations");

/** Asserts a problem as the Problems panel shows it, and that its code links to the rule page. */
function assertProblem(problem, expected) {
  const docs = ruleDocs(expected.name);
  assert.deepEqual(
    { ...problem },
    {
      severity: expected.severity,
      message: expected.message,
      source: "kms-context-guard",
      code: expected.code,
      href: docs.url,
      position: expected.position,
    },
  );
  assert.ok(fs.existsSync(docs.file), `the linked page ${docs.file} exists in the repository`);
}

module.exports = {
  name: "policy-findings",
  screenshots: { "policy-template": "policy-template.png" },

  async run(context) {
    const folder = context.copyWorkspace("e2e-policy");
    const workbench = await context.openWorkbench(folder);

    await workbench.openFile("template.yaml");
    await workbench.focusProblems();
    assertProblem(await workbench.waitForProblem("KMS101"), {
      code: "KMS101",
      name: "missing-context-condition",
      severity: "warning",
      message:
        'Statement "InvoiceService" allows kms:Encrypt, kms:Decrypt without any encryption-context condition, so the key works for any data, with any context or none.',
      position: "[Ln 18, Col 13]",
    });
    assertProblem(await workbench.waitForProblem("KMS107"), {
      code: "KMS107",
      name: "optional-context-condition",
      severity: "warning",
      message:
        'Statement "Reporting" uses StringEqualsIfExists on kms:EncryptionContext:purpose: requests without that context key pass the condition.',
      position: "[Ln 26, Col 13]",
    });
    await workbench.editor().locator(".squiggly-warning").first().waitFor({ timeout: 10_000 });
    await workbench.screenshot(context.screenshotPath("policy-template"));

    await workbench.openFile("key-policy.json");
    assertProblem(await workbench.waitForProblem("KMS103"), {
      code: "KMS103",
      name: "set-operator-on-context-pair",
      severity: "error",
      message:
        'Statement "TenantDecrypt" uses ForAllValues:StringEquals on the single-valued kms:EncryptionContext:tenant; it also matches requests without that context pair. Drop the set operator.',
      position: "[Ln 11, Col 5]",
    });
    await workbench.editor().locator(".squiggly-error").first().waitFor({ timeout: 10_000 });
    await workbench.screenshot(context.screenshotPath("policy-key-policy"));
  },
};
