import type { ConfiguredSeverity, RuleCode } from "./types";

/** One entry of the config file's `ignore` list: codes silenced for matching files. */
export interface IgnoreEntry {
  /** A glob relative to the project root, e.g. `infra/**\/*.json`. */
  path: string;
  /** Codes to silence; omitted or empty means every code. */
  codes?: RuleCode[];
  /** A statement's `Sid`, or its zero-based index as a string, to narrow the entry to it. */
  statement?: string;
  /**
   * The directory `path` is relative to (the folder holding the config file), as an absolute
   * path with forward slashes. Set by the config file reader, never by users; without it the
   * glob may match any trailing part of a file's path.
   */
  base?: string;
}

/**
 * The options shared by the editor settings (`kmsContextGuard.*`) and the config file
 * (`.kms-context-guard.json`). All fields are optional; `resolveConfig` fills the defaults.
 */
export interface UserConfig {
  enable?: boolean;
  /** Severity per rule code, or `off`. */
  rules?: Partial<Record<RuleCode, ConfiguredSeverity>>;
  /** Extra context key names to treat as sensitive (plain words, matched case-insensitively). */
  sensitiveKeyNames?: string[];
  ignore?: IgnoreEntry[];
  /** Documents larger than this many bytes are skipped with a notice. */
  maxFileSize?: number;
}

/** A configuration with every default filled in. */
export interface ResolvedConfig {
  enable: boolean;
  rules: Partial<Record<RuleCode, ConfiguredSeverity>>;
  sensitiveKeyNames: string[];
  ignore: IgnoreEntry[];
  maxFileSize: number;
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

/** Merges configurations left to right (later wins) over the defaults. */
export function resolveConfig(...layers: (UserConfig | undefined)[]): ResolvedConfig {
  const resolved: ResolvedConfig = {
    enable: true,
    rules: {},
    sensitiveKeyNames: [],
    ignore: [],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
  };

  for (const layer of layers) {
    if (!layer) {
      continue;
    }
    if (typeof layer.enable === "boolean") {
      resolved.enable = layer.enable;
    }
    if (layer.rules) {
      resolved.rules = { ...resolved.rules, ...layer.rules };
    }
    if (layer.sensitiveKeyNames) {
      resolved.sensitiveKeyNames = [...resolved.sensitiveKeyNames, ...layer.sensitiveKeyNames];
    }
    if (layer.ignore) {
      resolved.ignore = [...resolved.ignore, ...layer.ignore];
    }
    if (typeof layer.maxFileSize === "number" && layer.maxFileSize > 0) {
      resolved.maxFileSize = layer.maxFileSize;
    }
  }

  return resolved;
}
