/**
 * The language server's entry point, bundled to `dist/server/server.js`. The transport comes
 * from the command line (`--stdio`, `--node-ipc` or `--socket=<port>`), as
 * `vscode-languageserver` reads it.
 */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server";

startServer(createConnection(ProposedFeatures.all));
