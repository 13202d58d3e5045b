import type { ServerContext } from "../context";

/**
 * `kmsContextGuard/workspaceTrustGranted`: leave restricted mode. The config files are read
 * again in full and every open document is analysed with them.
 */
export function handleWorkspaceTrustGranted(context: ServerContext): void {
  context.connection.console.info(
    "The workspace is trusted now; reading its configuration in full",
  );
  context.settings.setWorkspaceTrusted(true);
  context.analyses.scheduleAll();
}
