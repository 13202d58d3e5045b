/**
 * The `kms-context-guard` command, bundled to `dist/cli.js`. `--stdio` hands the process over
 * to the language server; everything else is a one-shot scan (see `runCli`).
 */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "../server/server";
import { EXIT_USAGE, runCli } from "./run";

function main(): void {
  const argv = process.argv.slice(2);
  if (argv.includes("--stdio")) {
    startServer(createConnection(ProposedFeatures.all));
    return;
  }

  let exitCode: number;
  try {
    exitCode = runCli(argv, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      cwd: process.cwd(),
      stdoutIsTTY: process.stdout.isTTY === true,
      stderrIsTTY: process.stderr.isTTY === true,
      env: process.env,
    });
  } catch (error) {
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`kms-context-guard: internal error: ${reason}\n`);
    exitCode = EXIT_USAGE;
  }
  // Let stdout drain before exiting: large SARIF output is written asynchronously to pipes.
  process.exitCode = exitCode;
}

main();
