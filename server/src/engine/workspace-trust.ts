import type { UserConfig } from "./config";

/**
 * Restricted mode for untrusted workspaces.
 *
 * A workspace the user has not trusted may still be linted with the built-in rules, but it must
 * not steer what the analysis reads or how much work it does: patterns and paths (sensitive key
 * names, ignore globs, a config file elsewhere) and resource limits come only from the user's
 * own settings until the workspace is trusted. Switching rules or their severity stays allowed,
 * since it changes what is reported, not what is read or run.
 */

/** The options a workspace-level source (workspace settings, `.kms-context-guard.json`) keeps. */
export const OPTIONS_ALLOWED_WHEN_UNTRUSTED = ["enable", "rules"] as const;

/**
 * Settings (without the `kmsContextGuard.` prefix) that VS Code must not take from an
 * untrusted workspace; the manifest's `capabilities.untrustedWorkspaces.restrictedConfigurations`
 * lists the same names with the prefix.
 */
export const SETTINGS_RESTRICTED_WHEN_UNTRUSTED = ["sensitiveKeyNames", "maxFileSize"] as const;

/**
 * Keeps only what an untrusted workspace may decide from one workspace-level configuration
 * layer. User-level settings are not passed through here: they are the user's own.
 */
export function restrictUntrustedLayer(layer: UserConfig | undefined): UserConfig | undefined {
  if (!layer) {
    return undefined;
  }
  const restricted: UserConfig = {};
  if (layer.enable !== undefined) {
    restricted.enable = layer.enable;
  }
  if (layer.rules !== undefined) {
    restricted.rules = layer.rules;
  }
  return restricted;
}

/** The workspace layer to use given the trust state: unchanged when trusted. */
export function workspaceLayerFor(
  layer: UserConfig | undefined,
  trusted: boolean,
): UserConfig | undefined {
  return trusted ? layer : restrictUntrustedLayer(layer);
}
