// The language server's lifecycle as the person meets it: the language status item shows the
// server, the restart command starts a new server process, and when the server process dies
// the client starts another one and the diagnostics come back.
const assert = require("node:assert/strict");

const { poll } = require("../lib/poll");
const { alive, processesMatching } = require("../lib/processes");
const { commandTitle } = require("./expectations");

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

    // The language status item names our server and offers the restart command.
    const entries = await workbench.languageStatus();
    const ours = entries.find((entry) =>
      entry.links.some((link) => link.href === `command:${restart.id}`),
    );
    assert.ok(ours, `a language status entry links to ${restart.id}: ${JSON.stringify(entries)}`);
    assert.match(ours.text, /KMS/);
    await workbench.closeHover();

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
  },
};
