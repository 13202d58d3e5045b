import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SilentReporter, downloadAndUnzipVSCode, runTests } from "@vscode/test-electron";

/**
 * Runs the mocha suite in `suite/` inside a real VS Code desktop through `@vscode/test-electron`
 * (`npm run test:vscode`). It needs to download VS Code from Microsoft's update server, so it
 * runs on a laptop or a hosted CI; where that server cannot be reached it says so in one line
 * and fails rather than pretend to pass. The real-editor tests that run everywhere, CI included,
 * are `npm run test:e2e` (code-server in headless Chromium).
 *
 * Set VSCODE_EXECUTABLE_PATH to use an installed VS Code instead of downloading one, and
 * VSCODE_TEST_VERSION to test another version than the oldest one the manifest accepts.
 */

const repoRoot = path.resolve(__dirname, "..", "..", "..");

/** The oldest VS Code the manifest's `engines.vscode` accepts: the one most likely to break. */
function oldestSupportedVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
  return String(manifest.engines.vscode).replace(/^[^\d]*/, "");
}

async function findVSCode(): Promise<string> {
  if (process.env.VSCODE_EXECUTABLE_PATH) {
    return process.env.VSCODE_EXECUTABLE_PATH;
  }
  const version = process.env.VSCODE_TEST_VERSION ?? oldestSupportedVersion();
  try {
    // Silent: a failed download then ends in the one line below, not a spinner and a stack.
    return await downloadAndUnzipVSCode({ version, reporter: new SilentReporter() });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    console.error(
      `test:vscode: cannot download VS Code ${version} (${reason}); the @vscode/test-electron ` +
        "suite cannot run on this machine: run `npm run test:e2e` for the real-editor tests here.",
    );
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const vscodeExecutablePath = await findVSCode();

  // The suite edits documents; it works on a copy of the fixture workspace.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "kms-vscode-test-"));
  fs.cpSync(path.join(repoRoot, "test-fixtures", "workspaces", "e2e-code"), workspace, {
    recursive: true,
  });

  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, "suite", "index.js"),
      launchArgs: [workspace, "--disable-extensions", "--disable-workspace-trust"],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`test:vscode: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
