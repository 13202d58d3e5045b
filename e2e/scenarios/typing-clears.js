// Typing an encryption context into the request clears KMS001 within a second of the typed
// text showing in the editor, as the person watches the Problems panel (timed in the page). Typed key by key, the warning may go as
// soon as the key name is complete, so the round trip is also timed on its own: the context is
// deleted (the warning comes back) and inserted again in one edit, as a paste would.
const assert = require("node:assert/strict");
const path = require("node:path");

const { positionAfter } = require("./expectations");

const TYPED = ", EncryptionContext: { tenantId }";
const WITH_CONTEXT = /Plaintext: invoice, EncryptionContext: \{ tenantId \} \}\)/;

module.exports = {
  name: "typing-clears",

  async run(context) {
    const folder = context.copyWorkspace("e2e-code");
    const workbench = await context.openWorkbench(folder);
    const keyboard = workbench.page.keyboard;
    await workbench.openFile("invoices.ts");
    await workbench.focusProblems();
    await workbench.waitForProblem("KMS001");

    const { line, column } = positionAfter(path.join(folder, "invoices.ts"), "Plaintext: invoice");
    await workbench.goTo(line, column);
    const typing = await workbench.timeUntilProblemLeaves(WITH_CONTEXT, "KMS001");
    await keyboard.type(TYPED, { delay: 15 });
    const afterTyping = await typing();
    assert.match(await workbench.visibleText(), WITH_CONTEXT);
    assert.ok(afterTyping <= 1_000, `KMS001 left ${afterTyping} ms after the typed context showed`);

    // Select what was typed and delete it: the request has no context again.
    for (let index = 0; index < TYPED.length; index += 1) {
      await keyboard.press("Shift+ArrowLeft");
    }
    await keyboard.press("Delete");
    await workbench.waitForProblem("KMS001", 10_000);

    const pasting = await workbench.timeUntilProblemLeaves(WITH_CONTEXT, "KMS001");
    await keyboard.insertText(TYPED);
    const roundTrip = await pasting();
    assert.ok(roundTrip <= 1_000, `KMS001 left ${roundTrip} ms after the inserted context showed`);
    assert.deepEqual(
      (await workbench.problems()).filter((problem) => problem.code === "KMS001"),
      [],
    );

    console.log(
      `        KMS001 cleared ${afterTyping} ms after the typed context showed, ` +
        `${roundTrip} ms after a one-edit insertion`,
    );
  },
};
