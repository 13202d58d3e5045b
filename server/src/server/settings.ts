import { promises as fs } from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Connection } from "vscode-languageserver";
import { CONFIG_FILE_NAME, parseConfigFile } from "../engine/config-file";
import { resolveConfig, type ResolvedConfig, type UserConfig } from "../engine/config";
import { workspaceLayerFor } from "../engine/workspace-trust";
import type { ConfiguredSeverity, RuleCode } from "../engine/types";
import { SETTINGS_SECTION } from "./protocol";

const SEVERITIES = new Set(["error", "warning", "information", "hint", "off"]);

/**
 * Where the server's configuration comes from, merged per document: defaults, then the
 * `.kms-context-guard.json` of the document's workspace folder, then the editor settings
 * (`kmsContextGuard.*`), so a choice made in the editor wins over the project's file.
 */
export class SettingsStore {
  private workspaceFolders: string[] = [];
  private pullSettings = false;
  private pushedSettings: UserConfig | undefined;
  private workspaceTrusted = true;
  private readonly editorSettings = new Map<string, Promise<UserConfig>>();
  private readonly configFiles = new Map<string, Promise<UserConfig>>();
  /**
   * Resolved configurations by what they were resolved from. Documents of one folder with the
   * same editor settings share one object: the server keeps each open document's configuration
   * (to analyse it again for a code action), and thousands of copies of one would add up.
   */
  private readonly resolved = new Map<string, ResolvedConfig>();

  constructor(private readonly connection: Connection) {}

  /** Records what the client announced at `initialize`. */
  initialize(options: {
    workspaceFolders: string[];
    pullSettings: boolean;
    initialSettings?: unknown;
    workspaceTrusted?: boolean;
  }): void {
    this.workspaceFolders = options.workspaceFolders.map((folder) => folder.replace(/\/+$/, ""));
    this.pullSettings = options.pullSettings;
    this.workspaceTrusted = options.workspaceTrusted ?? true;
    if (options.initialSettings !== undefined) {
      this.pushedSettings = sanitizeSettings(options.initialSettings);
    }
  }

  /** Updates the workspace folders after `workspace/didChangeWorkspaceFolders`. */
  setWorkspaceFolders(folders: string[]): void {
    this.workspaceFolders = folders.map((folder) => folder.replace(/\/+$/, ""));
    this.configFiles.clear();
    this.resolved.clear();
  }

  /** Forgets editor settings; `settings` is the pushed value of clients that do not pull. */
  editorSettingsChanged(settings: unknown): void {
    this.editorSettings.clear();
    this.resolved.clear();
    const section = (settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    if (section !== undefined) {
      this.pushedSettings = sanitizeSettings(section);
    }
  }

  /**
   * Records the workspace's trust. Untrusted, the config file only keeps `enable` and `rules`;
   * VS Code itself withholds the workspace values of restricted settings.
   */
  setWorkspaceTrusted(trusted: boolean): void {
    this.workspaceTrusted = trusted;
    this.configFiles.clear();
    this.resolved.clear();
  }

  /**
   * Forgets the editor settings cached for a closed document. Without it every document ever
   * opened in a long session would keep an entry.
   */
  forgetDocument(uri: string): void {
    this.editorSettings.delete(uri);
  }

  /** Forgets every config file read so far, so the next analysis reads them again. */
  configFilesChanged(): void {
    this.configFiles.clear();
    this.resolved.clear();
  }

  /** The configuration for the document at `uri`. */
  async configFor(uri: string): Promise<ResolvedConfig> {
    const folder = this.folderOf(uri);
    const [fileConfig, editorConfig] = await Promise.all([
      folder ? this.configFileOf(folder) : Promise.resolve(undefined),
      this.editorSettingsOf(uri),
    ]);
    const workspaceLayer = workspaceLayerFor(fileConfig, this.workspaceTrusted);
    const key = JSON.stringify([workspaceLayer ?? null, editorConfig]);
    let config = this.resolved.get(key);
    if (!config) {
      config = resolveConfig(workspaceLayer, editorConfig);
      this.resolved.set(key, config);
    }
    return config;
  }

  /** The workspace folder (a file system path) holding `uri`, if any. */
  folderOf(uri: string): string | undefined {
    const filePath = uriToPath(uri);
    if (!filePath) {
      return undefined;
    }
    let best: string | undefined;
    for (const folder of this.workspaceFolders) {
      const inside = filePath === folder || filePath.startsWith(folder + path.sep);
      if (inside && (!best || folder.length > best.length)) {
        best = folder;
      }
    }
    return best;
  }

  private editorSettingsOf(uri: string): Promise<UserConfig> {
    if (!this.pullSettings) {
      return Promise.resolve(this.pushedSettings ?? {});
    }
    let pending = this.editorSettings.get(uri);
    if (!pending) {
      pending = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(sanitizeSettings, () => this.pushedSettings ?? {});
      this.editorSettings.set(uri, pending);
    }
    return pending;
  }

  private configFileOf(folder: string): Promise<UserConfig> {
    let pending = this.configFiles.get(folder);
    if (!pending) {
      pending = this.readConfigFile(folder);
      this.configFiles.set(folder, pending);
    }
    return pending;
  }

  private async readConfigFile(folder: string): Promise<UserConfig> {
    const file = path.join(folder, CONFIG_FILE_NAME);
    let text: string;
    try {
      text = await fs.readFile(file, "utf8");
    } catch {
      return {};
    }

    const { config, problems } = parseConfigFile(text, folder);
    for (const problem of problems) {
      const where = problem.position
        ? `:${problem.position.line + 1}:${problem.position.character + 1}`
        : "";
      this.connection.console.warn(`${file}${where}: ${problem.message}`);
    }
    this.connection.console.info(`Using ${file}`);
    if (!this.workspaceTrusted) {
      this.connection.console.info(
        `${file}: the workspace is not trusted, so only \`enable\` and \`rules\` apply`,
      );
    }
    return config;
  }
}

/** Keeps the well-formed part of the editor settings; the rest falls back to defaults. */
export function sanitizeSettings(value: unknown): UserConfig {
  if (!value || typeof value !== "object") {
    return {};
  }
  const settings = value as Record<string, unknown>;
  const config: UserConfig = {};

  if (typeof settings.enable === "boolean") {
    config.enable = settings.enable;
  }
  if (settings.rules && typeof settings.rules === "object") {
    const rules: Partial<Record<RuleCode, ConfiguredSeverity>> = {};
    for (const [code, severity] of Object.entries(settings.rules)) {
      if (/^KMS\d{3}$/.test(code) && typeof severity === "string" && SEVERITIES.has(severity)) {
        rules[code as RuleCode] = severity as ConfiguredSeverity;
      }
    }
    config.rules = rules;
  }
  if (Array.isArray(settings.sensitiveKeyNames)) {
    config.sensitiveKeyNames = settings.sensitiveKeyNames.filter(
      (name): name is string => typeof name === "string" && name.trim() !== "",
    );
  }
  if (typeof settings.maxFileSize === "number" && settings.maxFileSize > 0) {
    config.maxFileSize = settings.maxFileSize;
  }
  return config;
}

/** The file system path of a `file:` URI; undefined for other schemes (untitled, git...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) {
    return undefined;
  }
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The `file:` URI of a path. */
export function pathToUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}
