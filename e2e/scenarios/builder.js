// "KMS: Build Encryption Context…" end to end, with the keyboard only: from the KMS001 code
// action into a TypeScript call, from the palette into a key policy (JSON) and a CloudFormation
// statement (YAML), into a CreateGrant request as Constraints, and to the clipboard as AWS CLI
// arguments. Each insertion clears its finding and leaves the file valid.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const { parseDocument } = require("yaml");

const { poll } = require("../lib/poll");
const { commandTitle, positionAfter } = require("./expectations");

const WORKSPACE = "e2e-builder";

/** The quick input (pick list or input box) once its title contains `title`. */
async function quickInput(workbench, title) {
  const widget = workbench.page.locator(".quick-input-widget");
  await widget.locator(".quick-input-title", { hasText: title }).waitFor({ timeout: 20_000 });
  return widget;
}

/** Filters the open pick list by `text` and accepts the row it focuses. */
async function pick(workbench, title, text) {
  const widget = await quickInput(workbench, title);
  await workbench.page.keyboard.type(text);
  await widget.locator(".monaco-list-row.focused", { hasText: text }).waitFor({ timeout: 10_000 });
  await workbench.page.keyboard.press("Enter");
}

/** Accepts the focused (first) row of the pick list titled `title` without filtering. */
async function acceptFirst(workbench, title, firstRowText) {
  const widget = await quickInput(workbench, title);
  await widget
    .locator(".monaco-list-row.focused", { hasText: firstRowText })
    .waitFor({ timeout: 10_000 });
  await workbench.page.keyboard.press("Enter");
}

/** Types `value` (possibly nothing) into the input box titled `title` and accepts it. */
async function answer(workbench, title, value) {
  await quickInput(workbench, title);
  if (value) {
    await workbench.page.keyboard.type(value);
  }
  await workbench.page.keyboard.press("Enter");
}

/** Waits for the preview dialog, optionally photographs it, and accepts it with Enter. */
async function acceptPreview(workbench, button, screenshot) {
  const dialog = workbench.page.locator(".monaco-dialog-box");
  await dialog.waitFor({ timeout: 20_000 });
  await dialog.locator(".monaco-button", { hasText: button }).waitFor({ timeout: 5_000 });
  const preview = await dialog.textContent();
  if (screenshot) {
    await workbench.screenshot(screenshot);
  }
  await workbench.page.keyboard.press("Enter");
  await dialog.waitFor({ state: "hidden", timeout: 10_000 });
  return preview;
}

/**
 * Starts the builder from the palette. Unlike `Workbench.runCommand` it does not wait for the
 * quick input to close: the builder opens its own pick list in the same widget at once.
 */
async function startBuilder(workbench, manifest) {
  const { title } = commandTitle(manifest, "buildEncryptionContext");
  await workbench.page.keyboard.press("F1");
  const widget = workbench.page.locator(".quick-input-widget");
  await widget.locator("input").waitFor({ timeout: 10_000 });
  await workbench.page.keyboard.type(title);
  await widget
    .locator(`.monaco-list-row.focused[aria-label^="${title}"]`)
    .waitFor({ timeout: 10_000 });
  await workbench.page.keyboard.press("Enter");
  await quickInput(workbench, "(1/3)");
}

/** Saves the active editor and returns the file's text once the save reached the disk. */
async function saveAndRead(workbench, file, before) {
  await workbench.page.keyboard.press("Control+S");
  // The editor truncates the file before writing it, so a read can catch it empty or half
  // written: the new text counts once two reads in a row agree.
  let previousRead;
  return poll(
    () => {
      const text = fs.readFileSync(file, "utf8");
      const settled = text !== before && text.length > 0 && text === previousRead;
      previousRead = text;
      return settled ? text : undefined;
    },
    { timeoutMs: 10_000, what: `${path.basename(file)} to be saved` },
  );
}

/** A pattern for `lines` written one under the other, each indented by any amount. */
function consecutiveLines(...lines) {
  const escaped = lines.map((line) => line.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(escaped.join("\\n\\s+"));
}

/** The editor's visible text once it matches `pattern` (edits apply after the dialog closes). */
async function waitForText(workbench, pattern) {
  return poll(
    async () => {
      const text = await workbench.visibleText();
      return pattern.test(text) ? text : undefined;
    },
    { timeoutMs: 10_000, what: `the editor to show ${pattern}` },
  );
}

/** Steps 1 and 2: the "Tenant + purpose" preset, tenant left to code, purpose "invoices". */
async function tenantPurposePreset(workbench, tenant = "", { stayOnPairs = false } = {}) {
  await pick(workbench, "(1/3)", "Tenant + purpose");
  await answer(workbench, ": tenantId (1/2)", tenant);
  await answer(workbench, ": purpose (2/2)", "invoices");
  if (!stayOnPairs) {
    await acceptFirst(workbench, "(2/3)", "Continue");
  }
}

async function openAt(context, file, needle) {
  const folder = context.copyWorkspace(WORKSPACE);
  const workbench = await context.openWorkbench(folder);
  await workbench.openFile(file);
  const { line, column } = positionAfter(path.join(folder, file), needle);
  return { workbench, folder, line, column };
}

module.exports = [
  {
    name: "builder-code-action",
    screenshots: {
      "builder-presets": "builder-presets.png",
      "builder-preview": "builder-preview.png",
    },

    async run(context) {
      const { workbench } = await openAt(context, "seal.ts", "new EncryptCommand");
      await workbench.focusProblems();
      await workbench.waitForProblem("KMS001");

      await workbench.clickSquiggle("warning");
      const titles = await workbench.openQuickFixMenu("KMS Context Guard (KMS001): ");
      const builder = "KMS Context Guard (KMS001): Build encryption context…";
      assert.ok(titles.includes(builder), `the menu offers the builder: ${titles.join(" | ")}`);
      await workbench.applyQuickFix(builder);

      await quickInput(workbench, "(1/3)");
      await workbench.screenshot(context.screenshotPath("builder-presets"));
      await tenantPurposePreset(workbench);
      await acceptFirst(workbench, "(3/3)", "Insert EncryptionContext into the request");
      const preview = await acceptPreview(
        workbench,
        "Insert",
        context.screenshotPath("builder-preview"),
      );
      assert.match(preview, /tenant: tenantId,/);

      await workbench.waitForNoProblem("KMS001", 15_000);
      await waitForText(
        workbench,
        consecutiveLines(
          'KeyId: "alias/app",',
          "Plaintext: data,",
          "EncryptionContext: {",
          "tenant: tenantId,",
          'purpose: "invoices",',
          "},",
        ),
      );

      // One undo takes the whole insertion back, and the finding returns.
      await workbench.page.keyboard.press("Control+Z");
      await workbench.waitForProblem("KMS001", 15_000);
      assert.doesNotMatch(await workbench.visibleText(), /EncryptionContext/);
    },
  },

  {
    name: "builder-key-policy-json",
    screenshots: { "builder-validation": "builder-validation.png" },

    async run(context) {
      const { workbench, folder, line, column } = await openAt(context, "key-policy.json", '"Sid"');
      const original = fs.readFileSync(path.join(folder, "key-policy.json"), "utf8");
      await workbench.focusProblems();
      await workbench.waitForProblem("KMS101");
      await workbench.goTo(line, column);

      await startBuilder(workbench, context.manifest);
      await tenantPurposePreset(workbench, "t-42", { stayOnPairs: true });

      // A sensitive key is judged while it is typed, as KMS004 would judge it in code.
      await pick(workbench, "(2/3)", "Add a pair");
      await quickInput(workbench, "Encryption context key");
      await workbench.page.keyboard.type("userEmail");
      const message = workbench.page.locator(".quick-input-widget .quick-input-message");
      await message.filter({ hasText: "KMS004" }).waitFor({ timeout: 10_000 });
      assert.match(await message.textContent(), /KMS004: The key "userEmail" suggests an email/);
      await workbench.screenshot(context.screenshotPath("builder-validation"));
      await workbench.page.keyboard.press("Escape");
      await acceptFirst(workbench, "(2/3)", "Continue");

      await pick(workbench, "(3/3)", "plus the kms:EncryptionContextKeys allow-list");
      await acceptPreview(workbench, "Insert");

      await workbench.waitForNoProblem("KMS101", 15_000);
      const file = path.join(folder, "key-policy.json");
      const policy = JSON.parse(await saveAndRead(workbench, file, original));
      assert.deepEqual(policy.Statement[0].Condition, {
        StringEquals: {
          "kms:EncryptionContext:tenant": "t-42",
          "kms:EncryptionContext:purpose": "invoices",
        },
        "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["tenant", "purpose"] },
        Null: { "kms:EncryptionContextKeys": "false" },
      });
      assert.deepEqual(await workbench.problems(), []);
    },
  },

  {
    name: "builder-cloudformation-yaml",
    async run(context) {
      const { workbench, folder, line, column } = await openAt(
        context,
        "template.yaml",
        "Sid: AllowApp",
      );
      const original = fs.readFileSync(path.join(folder, "template.yaml"), "utf8");
      await workbench.focusProblems();
      await workbench.waitForProblem("KMS101");
      await workbench.goTo(line, column);

      await startBuilder(workbench, context.manifest);
      await tenantPurposePreset(workbench);
      await pick(workbench, "(3/3)", "Insert a Condition into the policy statement");
      await acceptPreview(workbench, "Insert");

      await workbench.waitForNoProblem("KMS101", 15_000);
      const text = await saveAndRead(workbench, path.join(folder, "template.yaml"), original);
      const document = parseDocument(text);
      assert.deepEqual(document.errors, []);
      assert.match(text, /AWS: !Sub arn:aws:iam::\$\{AWS::AccountId\}:role\/App\n/);
      const statement = document.toJS().Resources.AppKey.Properties.KeyPolicy.Statement[0];
      assert.deepEqual(statement.Condition, {
        StringEquals: { "kms:EncryptionContext:purpose": "invoices" },
        Null: { "kms:EncryptionContext:tenant": "false" },
      });
    },
  },

  {
    name: "builder-grant-and-cli",
    async run(context) {
      const { workbench, line, column } = await openAt(context, "grant.ts", "Operations:");
      await workbench.goTo(line, column);

      await startBuilder(workbench, context.manifest);
      await tenantPurposePreset(workbench);
      await pick(workbench, "(3/3)", "Insert grant Constraints (EncryptionContextEquals)");
      await acceptPreview(workbench, "Insert");
      await waitForText(
        workbench,
        consecutiveLines(
          'Operations: ["Decrypt"],',
          "Constraints: {",
          "EncryptionContextEquals: {",
          "tenant: tenantId,",
          'purpose: "invoices",',
        ),
      );

      // The same context again, from the recent list, as CLI arguments on the clipboard.
      await workbench.page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
      await startBuilder(workbench, context.manifest);
      await pick(workbench, "(1/3)", "tenant = tenantId");
      await acceptFirst(workbench, "(2/3)", "Continue");
      await pick(workbench, "(3/3)", "Copy AWS CLI arguments: --constraints");
      await acceptPreview(workbench, "Copy");
      const copied = await poll(
        // The extension writes the clipboard after the dialog closes; empty means not yet.
        async () =>
          (await workbench.page.evaluate(() => navigator.clipboard.readText())) || undefined,
        { timeoutMs: 10_000, what: "the CLI arguments on the clipboard" },
      );
      assert.equal(
        copied,
        `--constraints '{"EncryptionContextEquals":{"tenant":"<tenantId>","purpose":"invoices"}}'`,
      );
    },
  },
];
