import {
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from "jsonc-parser";
import type { IgnoreEntry, UserConfig } from "./config";
import { MAX_NESTING_DEPTH, nestingDepth } from "./input-limits";
import { isRuleCode } from "../rules/registry";
import { LineIndex } from "./line-index";
import type { ConfiguredSeverity, Position, RuleCode } from "./types";

/**
 * Reading `.kms-context-guard.json`, the project configuration shared by the editor and the CLI.
 * The file is JSON (comments and trailing commas tolerated); it is parsed, never executed.
 */

/** The config file's name, at the workspace or project root. */
export const CONFIG_FILE_NAME = ".kms-context-guard.json";

/** Something wrong in a config file; the rest of the file still applies. */
export interface ConfigProblem {
  message: string;
  /** Where the problem is, zero-based, when it can be located. */
  position?: Position;
  /** `error` when the file (or a value) could not be used at all. */
  severity: "error" | "warning";
}

/** The usable part of a config file and what was wrong with the rest. */
export interface ConfigFileResult {
  config: UserConfig;
  problems: ConfigProblem[];
}

const SEVERITIES: readonly ConfiguredSeverity[] = [
  "error",
  "warning",
  "information",
  "hint",
  "off",
];
const RULE_CODE = /^KMS\d{3}$/;
const KNOWN_KEYS = new Set([
  "$schema",
  "enable",
  "rules",
  "sensitiveKeyNames",
  "ignore",
  "maxFileSize",
]);

/**
 * Parses and validates a config file's text. Invalid values are dropped with a problem each, so
 * one typo never disables the whole file; a file that is not a JSON object yields an empty
 * config and an error. `directory` (the folder holding the file) becomes the base of the
 * `ignore` globs.
 */
export function parseConfigFile(text: string, directory?: string): ConfigFileResult {
  const lines = new LineIndex(text);
  const problems: ConfigProblem[] = [];
  const problem = (message: string, node?: Node, severity: "error" | "warning" = "warning") => {
    problems.push({
      message,
      severity,
      position: node ? lines.positionAt(node.offset) : undefined,
    });
  };

  // jsonc-parser recurses per level: a file nested thousands deep would overflow the stack.
  if (nestingDepth(text, false) > MAX_NESTING_DEPTH) {
    problem(
      `the configuration is nested deeper than ${MAX_NESTING_DEPTH} levels`,
      undefined,
      "error",
    );
    return { config: {}, problems };
  }

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const error of errors) {
    problems.push({
      message: `invalid JSON: ${printParseErrorCode(error.error)}`,
      severity: "error",
      position: lines.positionAt(error.offset),
    });
  }
  if (!root || root.type !== "object") {
    if (errors.length === 0) {
      problem("the configuration must be a JSON object", root, "error");
    }
    return { config: {}, problems };
  }

  const config: UserConfig = {};
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) {
      continue;
    }
    const key = String(keyNode.value);
    switch (key) {
      case "enable":
        if (valueNode.type === "boolean") {
          config.enable = valueNode.value;
        } else {
          problem("`enable` must be true or false", valueNode);
        }
        break;
      case "rules":
        config.rules = readRules(valueNode, problem);
        break;
      case "sensitiveKeyNames":
        config.sensitiveKeyNames = readStringArray(valueNode, "sensitiveKeyNames", problem);
        break;
      case "maxFileSize":
        if (valueNode.type === "number" && valueNode.value > 0) {
          config.maxFileSize = valueNode.value;
        } else {
          problem("`maxFileSize` must be a positive number of bytes", valueNode);
        }
        break;
      case "ignore":
        config.ignore = readIgnore(valueNode, directory, problem);
        break;
      default:
        if (!KNOWN_KEYS.has(key)) {
          problem(`unknown option \`${key}\``, keyNode);
        }
    }
  }

  return { config, problems };
}

type Report = (message: string, node?: Node) => void;

function readRules(node: Node, problem: Report): Partial<Record<RuleCode, ConfiguredSeverity>> {
  const rules: Partial<Record<RuleCode, ConfiguredSeverity>> = {};
  if (node.type !== "object") {
    problem("`rules` must be an object of rule codes to severities", node);
    return rules;
  }
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    const code = String(keyNode?.value);
    if (!RULE_CODE.test(code)) {
      problem(`\`${code}\` is not a rule code (expected KMS followed by three digits)`, keyNode);
      continue;
    }
    if (!isRuleCode(code)) {
      // Kept anyway: the setting is harmless, and it may name a rule of a newer version.
      problem(`${code} is not a known rule`, keyNode);
    }
    const severity = valueNode?.value;
    if (!SEVERITIES.includes(severity)) {
      problem(`the severity of ${code} must be one of ${SEVERITIES.join(", ")}`, valueNode);
      continue;
    }
    rules[code as RuleCode] = severity;
  }
  return rules;
}

function readStringArray(node: Node, name: string, problem: Report): string[] {
  if (node.type !== "array") {
    problem(`\`${name}\` must be an array of strings`, node);
    return [];
  }
  const values: string[] = [];
  for (const item of node.children ?? []) {
    if (item.type === "string" && item.value.trim() !== "") {
      values.push(item.value);
    } else {
      problem(`\`${name}\` entries must be non-empty strings`, item);
    }
  }
  return values;
}

function readIgnore(node: Node, directory: string | undefined, problem: Report): IgnoreEntry[] {
  if (node.type !== "array") {
    problem("`ignore` must be an array of `{ path, codes?, statement? }` entries", node);
    return [];
  }

  const entries: IgnoreEntry[] = [];
  for (const item of node.children ?? []) {
    const value = getNodeValue(item);
    if (item.type !== "object" || typeof value.path !== "string" || value.path.trim() === "") {
      problem("each `ignore` entry needs a `path` glob", item);
      continue;
    }

    const entry: IgnoreEntry = { path: value.path };
    if (value.codes !== undefined) {
      const codes = Array.isArray(value.codes) ? value.codes : [];
      const valid = codes.filter(
        (code: unknown) => typeof code === "string" && RULE_CODE.test(code),
      );
      if (!Array.isArray(value.codes) || valid.length !== codes.length) {
        problem('`codes` must be an array of rule codes such as "KMS101"', item);
      }
      entry.codes = valid;
    }
    if (value.statement !== undefined) {
      if (typeof value.statement === "string" || typeof value.statement === "number") {
        entry.statement = String(value.statement);
      } else {
        problem("`statement` must be a statement Sid or its zero-based index", item);
      }
    }
    if (directory) {
      entry.base = directory.replace(/\\/g, "/");
    }
    entries.push(entry);
  }
  return entries;
}
