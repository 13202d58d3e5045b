// The language server's lifecycle as the person meets it: the language status item shows the
// server, the restart command starts a new server process, and when the server process dies
// the client starts another one and the diagnostics come back.
const assert = require("node:assert/strict");

const { poll } = require("../lib/poll");
const { alive, processesMatching } = require("../lib/processes");
const { commandTitle } = require("./expectations");

/** What the language status item reads while the server runs and invoices.ts has KMS001. */
const RUNNING_WITH_ONE_FINDING = "KMS Context Guard: 1 finding – server running";

/** The running language servers of this run's extension, by pid. */
function serverPids(context) {
  return new Set(processesMatching(context.serverBundle).map((process) => process.pid));
}

/** Waits for a server process that was not running before (`known`), and returns its pid. */
function waitForNewServer(context, known, what) {
  return poll(() => [...serverPids(context)].find((pid) => !known.has(pid)), {
    timeoutMs: 30_000,
    what,
  });
}

module.exports = {
  name: "server-restart",

  async run(context) {
    const restart = commandTitle(context.manifest, "restartServer");
    const before = serverPids(context);
    const folder = context.copyWorkspace("e2e-code");
    const workbench = await context.openWorkbench(folder);
    await workbench.openFile("invoices.ts");
    await workbench.focusProblems();
    await workbench.waitForProblem("KMS001");
    const first = await waitForNewServer(context, before, "this window's language server");

    // The language status item shows the server and the finding count, and its link opens the
    // extension's log in the Output panel.
    const showLog = commandTitle(context.manifest, "showLog");
    const isOurs = (entry) => entry.links.some((link) => link.href === `command:${showLog.id}`);
    await workbench.waitForLanguageStatus(
      (entry) => isOurs(entry) && entry.text === RUNNING_WITH_ONE_FINDING,
      `the status entry to read "${RUNNING_WITH_ONE_FINDING}" with an Open Log link`,
    );
    await workbench.page
      .locator(".hover-language-status .element a.monaco-link", { hasText: "Open Log" })
      .click();
    const log = await workbench.waitForOutputChannel("KMS Context Guard");
    assert.ok(
      log.some((line) => line.includes(`kms-context-guard ${context.manifest.version} started`)),
      `the log says the server started: ${log.join(" / ")}`,
    );
    await workbench.closeHover();
    await workbench.focusProblems();

    // The palette command replaces the server process; diagnostics are there after it.
    await workbench.runCommand(restart.title);
    const second = await waitForNewServer(
      context,
      new Set([...before, first]),
      "a restarted server",
    );
    await poll(() => !alive(first), { timeoutMs: 10_000, what: `the old server ${first} to exit` });
    await workbench.waitForProblem("KMS001", 30_000);

    // Killed from outside, the server is started again by the client. An edit made after that
    // moves the finding down a line: only a live server can report the new position.
    process.kill(second, "SIGKILL");
    const third = await waitForNewServer(
      context,
      new Set([...before, first, second]),
      "the server after a crash",
    );
    await workbench.goTo(1, 1);
    await workbench.page.keyboard.press("Enter");
    await poll(
      async () =>
        (await workbench.problems()).find(
          (p) => p.code === "KMS001" && p.position.startsWith("[Ln 8,"),
        ),
      { timeoutMs: 30_000, what: "KMS001 reported on line 8 by the restarted server" },
    );
    assert.ok(alive(third));

    // The status item tells the same story as the Problems panel once the server is back.
    await workbench.waitForLanguageStatus(
      (entry) => isOurs(entry) && entry.text === RUNNING_WITH_ONE_FINDING,
      "the status item to show the running server again",
    );
    await workbench.closeHover();
  },
};
