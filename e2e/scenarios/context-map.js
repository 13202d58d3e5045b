// On the cross-file fixture workspace, a policy's KMS112 finding (it needs the other files)
// shows in the Problems panel, and "KMS: Show Encryption Context Map" opens the map in the
// Explorer: keys with their encrypt and decrypt uses, the mismatching decrypt marked, and the
// policy statement that constrains alias/orders.
const assert = require("node:assert/strict");

const { poll } = require("../lib/poll");

/** How long the server may take to start and index the workspace in a fresh editor. */
const MAP_READY_MS = 90_000;

/** The labels of the map view's rows, top to bottom, as the person reads them. */
async function mapRows(page) {
  const pane = page.locator(".pane").filter({
    has: page.locator(".pane-header", { hasText: /KMS Encryption Context Map/i }),
  });
  return pane.locator(".monaco-list-row").evaluateAll((rows) =>
    rows.map((row) => ({
      label: row.querySelector(".label-name")?.textContent?.trim() ?? "",
      description: row.querySelector(".label-description")?.textContent?.trim() ?? "",
      icon: [...(row.querySelector(".custom-view-tree-node-item-icon")?.classList ?? [])]
        .filter((name) => name.startsWith("codicon-"))
        .join(" "),
    })),
  );
}

/**
 * Makes the map readable in one screenshot: the panel closed, the folder tree collapsed and the
 * side bar wider, so every key and its uses fit without scrolling or cut-off text.
 */
async function giveTheMapRoom(page) {
  await page.keyboard.press("Control+J");
  await page.locator(".panel.basepanel").waitFor({ state: "hidden", timeout: 10_000 });
  await page.locator(".pane-header", { hasText: "cross-file" }).first().click({ timeout: 10_000 });

  // Drag the side bar's edge to the right so the contexts are not cut off.
  const sidebar = await page.locator(".part.sidebar").boundingBox();
  if (sidebar) {
    const y = sidebar.y + sidebar.height / 2;
    await page.mouse.move(sidebar.x + sidebar.width + 1, y);
    await page.mouse.down();
    await page.mouse.move(820, y, { steps: 12 });
    await page.mouse.up();
  }
}

module.exports = {
  name: "context-map",
  screenshots: { "context-map": "context-map.png" },

  async run(context) {
    const folder = context.copyWorkspace("cross-file");
    const workbench = await context.openWorkbench(folder);

    // Open the orders role policy: its KMS112 finding needs the whole workspace indexed, and
    // seeing it proves the server is up before the palette is asked for our command.
    await workbench.page
      .locator('.explorer-folders-view .monaco-list-row[aria-label="policy"]')
      .click({ timeout: 30_000 });
    await workbench.openFile("orders-role-policy.json");
    await workbench.focusProblems();
    const unsatisfiable = await workbench.waitForProblem("KMS112", MAP_READY_MS);
    assert.equal(unsatisfiable.severity, "info");
    assert.match(unsatisfiable.message, /no call sends the key "department"/);

    await workbench.runCommand("KMS: Show Encryption Context Map");
    await giveTheMapRoom(workbench.page);
    const rows = await poll(
      async () => {
        const current = await mapRows(workbench.page);
        // Ready once the mismatching decrypt of alias/orders is listed (it is expanded).
        return current.some((row) => row.description.includes("load-order.ts:6 · mismatch"))
          ? current
          : undefined;
      },
      { timeoutMs: MAP_READY_MS, intervalMs: 250, what: "the context map with alias/orders" },
    );

    const labels = rows.map((row) => row.label);
    for (const key of ["SecretBox's this.keyId", "alias/profiles", "alias/orders"]) {
      assert.ok(labels.includes(key), `the map lists ${key}; it shows ${labels.join(" | ")}`);
    }
    const mismatch = rows.find((row) => row.description.includes("load-order.ts:6"));
    assert.equal(mismatch.label, '{ purpose: "orders", app: "shop" }');
    assert.match(mismatch.icon, /codicon-error/);
    assert.ok(
      rows.some(
        (row) => row.label === "UseOrdersKey" && row.description === 'department = "sales"',
      ),
      "the orders key shows the statement that constrains it",
    );

    await workbench.screenshot(context.screenshotPath("context-map"));
  },
};
