// Typing an encryption context into the request clears KMS001 within a second of the last
// keystroke, as the person watches the Problems panel.
const assert = require("node:assert/strict");
const path = require("node:path");

const { positionAfter } = require("./expectations");

const TYPED = ", EncryptionContext: { tenantId }";

module.exports = {
  name: "typing-clears",

  async run(context) {
    const folder = context.copyWorkspace("e2e-code");
    const workbench = await context.openWorkbench(folder);
    await workbench.openFile("invoices.ts");
    await workbench.focusProblems();
    await workbench.waitForProblem("KMS001");

    const { line, column } = positionAfter(path.join(folder, "invoices.ts"), "Plaintext: invoice");
    await workbench.goTo(line, column);
    await workbench.page.keyboard.type(TYPED, { delay: 15 });
    const lastKeystroke = Date.now();

    await workbench.waitForNoProblem("KMS001", 1_000);
    const elapsed = Date.now() - lastKeystroke;
    assert.match(
      await workbench.visibleText(),
      /Plaintext: invoice, EncryptionContext: \{ tenantId \} \}\)/,
    );
    console.log(`        KMS001 cleared ${elapsed} ms after the last keystroke`);
  },
};
