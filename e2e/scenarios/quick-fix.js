// The quick-fix menu on KMS001 offers "KMS Context Guard (KMS001): …"; applying it inserts an
// encryption context into the request, and the warning leaves the Problems panel.
const assert = require("node:assert/strict");

const ADD_CONTEXT = "KMS Context Guard (KMS001): Add an EncryptionContext";

module.exports = {
  name: "quick-fix",
  screenshots: { "quick-fix-menu": "quick-fix-menu.png" },

  async run(context) {
    const folder = context.copyWorkspace("e2e-code");
    const workbench = await context.openWorkbench(folder);
    await workbench.openFile("invoices.ts");
    await workbench.focusProblems();
    await workbench.waitForProblem("KMS001");

    await workbench.clickSquiggle("warning");
    const titles = await workbench.openQuickFixMenu("KMS Context Guard (KMS001): ");
    const ours = titles.filter((title) => title.startsWith("KMS Context Guard (KMS001): "));
    assert.ok(
      ours.includes(ADD_CONTEXT),
      `the menu offers "${ADD_CONTEXT}"; it offers: ${titles.join(" | ")}`,
    );
    await workbench.screenshot(context.screenshotPath("quick-fix-menu"));

    assert.equal(
      await workbench.visibleText().then((text) => text.includes("EncryptionContext")),
      false,
    );
    await workbench.applyQuickFix(ADD_CONTEXT);
    // A snippet fix leaves placeholders to tab through; Escape accepts the text as inserted.
    await workbench.page.keyboard.press("Escape");

    const text = await workbench.visibleText();
    assert.match(text, /new EncryptCommand\(\{[^\n]*EncryptionContext: \{[^}\n]+\}/);
    await workbench.waitForNoProblem("KMS001", 10_000);
    assert.equal(await workbench.editor().locator(".squiggly-warning").count(), 0);
  },
};
