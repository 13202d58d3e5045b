// Drives the VS Code workbench the way a person does: the explorer, the editor, the command
// palette, the Problems panel, the light bulb menu and the status bar. Every wait polls with a
// timeout; nothing sleeps a fixed time. Selectors are the workbench's own class names, read
// from the DOM of code-server 4.139 (VS Code 1.139).
const { poll } = require("./poll");

/** How long the first diagnostics may take: a fresh extension host, activation, server start. */
const FIRST_DIAGNOSTICS_MS = 60_000;

class Workbench {
  /**
   * @param {import('playwright-core').Page} page
   */
  constructor(page) {
    this.page = page;
  }

  /** Opens `folder` in a new page of `context` and waits for the workbench to be drawn. */
  static async open(context, serverUrl, folder) {
    const page = await context.newPage();
    await page.goto(`${serverUrl}/?folder=${encodeURIComponent(folder)}`);
    await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
    await page.locator(".explorer-folders-view").waitFor({ timeout: 30_000 });
    return new Workbench(page);
  }

  /** Opens a file by clicking its row in the explorer (top-level files of the workspace). */
  async openFile(name) {
    const row = this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`);
    await row.click({ timeout: 30_000 });
    await this.page
      .locator(".tabs-container .tab.active")
      .filter({ hasText: name })
      .waitFor({ timeout: 30_000 });
    await this.editor().locator(".view-lines").waitFor({ timeout: 30_000 });
  }

  /** The active editor's Monaco instance. */
  editor() {
    return this.page.locator(".editor-group-container.active .monaco-editor").first();
  }

  /** The text of the visible lines of the active editor, as the person reads them. */
  async visibleText() {
    const lines = await this.editor()
      .locator(".view-lines .view-line")
      .evaluateAll((elements) =>
        elements
          .map((element) => ({ top: parseFloat(element.style.top), text: element.textContent }))
          .sort((a, b) => a.top - b.top)
          .map((line) => line.text.replace(/\u00a0/g, " ")),
      );
    return lines.join("\n");
  }

  /**
   * Times, in the page itself, how long after the editor shows text matching `pattern` the
   * Problems panel stops listing `code`. Playwright's own round trips are slow on a busy machine,
   * so the clock runs in the renderer: a mutation observer notes when each of the two happened.
   * Call it, make the edit, then await the returned function for the milliseconds.
   */
  async timeUntilProblemLeaves(pattern, code) {
    const editor = await this.editor().elementHandle();
    await this.page.evaluate(
      ({ editor, source, flags, code }) => {
        const pattern = new RegExp(source, flags);
        const timing = { shownAt: undefined, goneAt: undefined };
        const listed = () =>
          [...document.querySelectorAll(".markers-panel .monaco-list-row .marker-code")].some(
            (element) => element.textContent.trim() === code,
          );
        const check = () => {
          const now = performance.now();
          const text = editor.querySelector(".view-lines")?.textContent.replace(/\u00a0/g, " ");
          if (timing.shownAt === undefined && pattern.test(text ?? "")) {
            timing.shownAt = now;
          }
          if (timing.shownAt !== undefined && timing.goneAt === undefined && !listed()) {
            timing.goneAt = now;
            observer.disconnect();
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.querySelector(".monaco-workbench"), {
          subtree: true,
          childList: true,
          characterData: true,
        });
        window.__kmsTiming = timing;
      },
      { editor, source: pattern.source, flags: pattern.flags, code },
    );
    return async (timeoutMs = 10_000) => {
      const timing = await poll(
        () =>
          this.page.evaluate(() => (window.__kmsTiming.goneAt ? window.__kmsTiming : undefined)),
        { timeoutMs, what: `${code} to leave the Problems panel after the edit showed` },
      );
      return Math.round(timing.goneAt - timing.shownAt);
    };
  }

  /**
   * Runs a command from the palette (F1). It waits for the matching row to be the focused one
   * before pressing Enter: an Enter pressed while the list is still filtering gets lost.
   */
  async runCommand(title) {
    await this.page.keyboard.press("F1");
    const widget = this.page.locator(".quick-input-widget");
    await widget.locator("input").waitFor({ timeout: 10_000 });
    await this.page.keyboard.type(title);
    await widget
      .locator(`.monaco-list-row.focused[aria-label^="${title.replace(/"/g, '\\"')}"]`)
      .waitFor({ timeout: 10_000 });
    await this.page.keyboard.press("Enter");
    await widget.waitFor({ state: "hidden", timeout: 10_000 });
  }

  /** Opens and focuses the Problems panel. */
  async focusProblems() {
    await this.runCommand("View: Focus Problems (Errors, Warnings, Infos)");
    await this.page.locator(".markers-panel").waitFor({ timeout: 10_000 });
  }

  /**
   * The rows of the Problems panel that are problems (not file headers), as the person sees them:
   * message, source, code, the code's link target and the position.
   */
  async problems() {
    return this.page.locator(".markers-panel .monaco-list-row").evaluateAll((rows) =>
      rows
        .filter((row) => row.querySelector(".marker-message"))
        .map((row) => {
          const text = (selector) => row.querySelector(selector)?.textContent?.trim() ?? "";
          return {
            severity: row.querySelector(".marker-icon")?.classList.contains("error")
              ? "error"
              : row.querySelector(".marker-icon")?.classList.contains("warning")
                ? "warning"
                : "info",
            message: text(".marker-message"),
            source: text(".marker-source"),
            code: text(".marker-code"),
            href: row.querySelector("a.monaco-link")?.getAttribute("href") ?? "",
            position: text(".marker-line"),
          };
        }),
    );
  }

  /** Waits until the Problems panel shows a problem with `code`, and returns it. */
  async waitForProblem(code, timeoutMs = FIRST_DIAGNOSTICS_MS) {
    return poll(async () => (await this.problems()).find((problem) => problem.code === code), {
      timeoutMs,
      what: `a ${code} problem in the Problems panel`,
    });
  }

  /** Waits until the Problems panel no longer shows any problem with `code`. */
  async waitForNoProblem(code, timeoutMs) {
    return poll(async () => !(await this.problems()).some((problem) => problem.code === code), {
      timeoutMs,
      intervalMs: 25,
      what: `the ${code} problem to leave the Problems panel`,
    });
  }

  /** Clicks the middle of the first squiggle of `severity`, putting the cursor on the finding. */
  async clickSquiggle(severity = "warning") {
    const squiggle = this.editor().locator(`.squiggly-${severity}`).first();
    await squiggle.waitFor({ timeout: FIRST_DIAGNOSTICS_MS });
    const box = await squiggle.boundingBox();
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }

  /**
   * Opens the quick-fix menu at the cursor and returns the titles it offers once one starts with
   * `expectedPrefix`. The light bulb shows once the first code action provider has answered, so
   * this waits for it; the built-in TypeScript service can take several seconds more on a small
   * machine and the bulb moves when it does, which made clicking it flaky. The menu is therefore
   * opened with the keyboard (Ctrl+.), and reopened while the expected fix has not arrived yet.
   */
  async openQuickFixMenu(expectedPrefix) {
    await this.editor().locator(".lightBulbWidget").waitFor({ timeout: 60_000 });

    const rows = this.quickFixRows();
    const deadline = Date.now() + 45_000;
    let titles = [];
    while (Date.now() < deadline) {
      await this.page.keyboard.press("Control+Period");
      const opened = await rows
        .first()
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      if (opened) {
        titles = await rows.locator(".title").allTextContents();
        if (titles.some((title) => title.startsWith(expectedPrefix))) return titles;
      }
      await this.page.keyboard.press("Escape");
      await rows
        .first()
        .waitFor({ state: "hidden", timeout: 5_000 })
        .catch(() => {});
    }
    return titles;
  }

  quickFixRows() {
    return this.page.locator(".context-view .action-widget .monaco-list-row.action");
  }

  /** Applies the quick fix whose title starts with `prefix` from the open menu. */
  async applyQuickFix(prefix) {
    const row = this.quickFixRows().filter({
      has: this.page.locator(".title", { hasText: prefix }),
    });
    await row.first().click({ timeout: 10_000 });
    await this.quickFixRows().first().waitFor({ state: "hidden", timeout: 10_000 });
  }

  /** Puts the cursor at a 1-based line and column, typing ":line:column" into quick open. */
  async goTo(line, column) {
    await this.page.keyboard.press("F1");
    const input = this.page.locator(".quick-input-widget input");
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press("Enter");
    await this.page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: 10_000 });
    await poll(
      async () =>
        (await this.page.locator("[id='status.editor.selection']").getAttribute("aria-label")) ===
        `Ln ${line}, Col ${column}`,
      { timeoutMs: 5_000, what: `the cursor at ${line}:${column}` },
    );
  }

  /**
   * Opens the language status hover (the `{}` item in the status bar) and returns its entries:
   * the text on the left and the command links on the right.
   */
  async languageStatus() {
    await this.page.locator("[id='status.languageStatus']").click();
    const entries = this.page.locator(".hover-language-status .element");
    await entries.first().waitFor({ timeout: 10_000 });
    return entries.evaluateAll((elements) =>
      elements.map((element) => ({
        // The hover draws a separator between an item's text and its detail; keep it readable.
        text: [...(element.querySelector(".left")?.childNodes ?? [])]
          .map((node) => (node.classList?.contains("separator") ? " – " : node.textContent))
          .join("")
          .replace(/\u00a0/g, " ")
          .trim(),
        links: [...element.querySelectorAll(".right a.monaco-link")].map((link) => ({
          label: link.textContent.trim(),
          href: link.getAttribute("href"),
        })),
      })),
    );
  }

  /**
   * Waits until the language status hover has an entry that `matches`, and returns it. The hover
   * shows a snapshot taken when it opens, and the extension host updates its items a moment after
   * the diagnostics it counts, so the hover is reopened until it matches.
   */
  async waitForLanguageStatus(matches, what, timeoutMs = 10_000) {
    let last = [];
    try {
      return await poll(
        async () => {
          last = await this.languageStatus();
          const entry = last.find(matches);
          if (!entry) {
            await this.closeHover();
          }
          return entry;
        },
        { timeoutMs, intervalMs: 250, what },
      );
    } catch (error) {
      throw new Error(`${error.message}; the status hover shows ${JSON.stringify(last)}`);
    }
  }

  /** Waits until the Output panel shows the channel called `name`. */
  async waitForOutputChannel(name) {
    const picker = this.page.locator(
      '.panel .title-actions select.monaco-select-box[aria-label="Switch Output"]',
    );
    await poll(async () => (await picker.inputValue()) === name, {
      timeoutMs: 10_000,
      what: `the Output panel to show the "${name}" channel`,
    });
    const lines = this.page.locator(".panel .output-view .view-lines .view-line");
    await lines.first().waitFor({ timeout: 10_000 });
    return (await lines.allTextContents()).map((line) => line.replace(/\u00a0/g, " "));
  }

  async closeHover() {
    await this.page.keyboard.press("Escape");
  }

  async screenshot(file) {
    await this.page.screenshot({ path: file });
  }

  async close() {
    await this.page.close();
  }
}

module.exports = { FIRST_DIAGNOSTICS_MS, Workbench };
