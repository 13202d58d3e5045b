import type { RuleCode } from "../engine/types";
import type { Rule, WorkspaceCheck } from "./rule";
import { checkCrossFileMismatch } from "./workspace/cross-file-mismatch";
import { esdkPublicKeyNotAllowed } from "./workspace/esdk-public-key-not-allowed";
import {
  checkDecryptMissingThroughHelpers,
  checkMissingThroughHelpers,
  checkSensitiveThroughHelpers,
} from "./workspace/through-helpers";
import { unsatisfiableContextCondition } from "./workspace/unsatisfiable-context-condition";

/** Rules that exist only with the workspace index (policy against code), in code order. */
export const workspaceRules: Rule[] = [esdkPublicKeyNotAllowed, unsatisfiableContextCondition];

/**
 * Cross-file checks of rules defined elsewhere. Each runs beside the rule with the same code,
 * reports under its code and severity, and only looks at what single-file analysis cannot see.
 */
const crossFileChecks: ReadonlyMap<RuleCode, readonly WorkspaceCheck[]> = new Map<
  RuleCode,
  WorkspaceCheck[]
>([
  ["KMS001", [checkMissingThroughHelpers]],
  ["KMS002", [checkDecryptMissingThroughHelpers]],
  ["KMS004", [checkSensitiveThroughHelpers]],
  ["KMS006", [checkCrossFileMismatch]],
]);

/** The cross-file checks that run with the rule registered under `code`. */
export function crossFileChecksFor(code: RuleCode): readonly WorkspaceCheck[] {
  return crossFileChecks.get(code) ?? [];
}
