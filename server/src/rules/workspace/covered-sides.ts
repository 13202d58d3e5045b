import {
  actionsOfUse,
  partitionByResources,
  statementCoversAction,
  workspaceKeyGroups,
} from "../../engine/workspace/key-groups";
import type { ResolvedUse, ResolvedUseContext } from "../../engine/workspace/resolved";
import type { IndexedStatement } from "../../engine/workspace/types";

/**
 * What the policy-against-code rules ask of the workspace's uses, worked out once per uses
 * array. The index hands out one array per generation, and a large key policy asks the same
 * questions for thousands of statements that share a handful of action and resource lists, so
 * answers are kept per action list and per resource list rather than recomputed per statement.
 */

/** The key the Encryption SDK adds to the context of its signing suites. */
export const ESDK_PUBLIC_KEY = "aws-crypto-public-key";

/** One context the workspace's code sends to KMS under an action a statement may allow. */
export interface SentSide {
  use: ResolvedUse;
  side: ResolvedUseContext;
  keyGroup: string | undefined;
}

/** A side whose action a statement may allow, with the IAM actions it needs. */
interface CandidateSide {
  sent: SentSide;
  actions: string[];
}

/** The uses split by resources: governed for certain, and possibly (unknown key). */
export interface Partition<T> {
  certain: T[];
  possible: T[];
}

interface UsesTable {
  candidates: CandidateSide[];
  /** Encryption SDK encrypts with a signing suite, for the public-key allow-list check. */
  signingEncrypts: ResolvedUse[];
  coveredSides: Map<string, SentSide[]>;
  sidePartitions: Map<string, Partition<SentSide>>;
  signingPartitions: Map<string, ResolvedUse[]>;
  /** Each side's sent entries, with the key lower-cased for case-insensitive matching. */
  entries: WeakMap<SentSide, SentEntry[]>;
}

/** One `key: value` a side sends; `value` is undefined when it is not a literal. */
export interface SentEntry {
  key: string;
  lowerKey: string;
  value: string | undefined;
}

const tables = new WeakMap<readonly ResolvedUse[], UsesTable>();

function tableOf(uses: readonly ResolvedUse[]): UsesTable {
  let table = tables.get(uses);
  if (table) {
    return table;
  }
  const candidates: CandidateSide[] = [];
  for (const use of uses) {
    // CreateGrant's context is a grant constraint, not a request context, and Encryption SDK
    // decrypts replay the context the SDK encrypted with, which the encrypt side already shows.
    if (
      use.operation === "CreateGrant" ||
      use.operation === "decrypt" ||
      use.operation === "decryptStream"
    ) {
      continue;
    }
    for (const side of use.contexts) {
      candidates.push({
        sent: { use, side, keyGroup: side.keyGroup },
        actions: actionsOfUse(use, side.role),
      });
    }
  }
  const signingEncrypts = uses.filter(
    (use) =>
      use.via !== "sdk" &&
      (use.operation === "encrypt" || use.operation === "encryptStream") &&
      use.esdkSigning === "yes",
  );
  table = {
    candidates,
    signingEncrypts,
    coveredSides: new Map(),
    sidePartitions: new Map(),
    signingPartitions: new Map(),
    entries: new WeakMap(),
  };
  tables.set(uses, table);
  return table;
}

/** Statements with the same action list (and NotAction flag) cover the same uses. */
function actionSignature(statement: IndexedStatement): string {
  const actions = statement.actions === undefined ? "\u0002" : statement.actions.join("\u0001");
  return `${statement.notAction ? "!" : "="}${actions}`;
}

function resourceSignature(statement: IndexedStatement): string {
  return statement.resources.join("\u0001");
}

/**
 * The sides of every use whose action the statement covers, excluding CreateGrant and
 * Encryption SDK decrypts. The array is shared between statements: do not modify it.
 */
export function sidesCoveredBy(
  statement: IndexedStatement,
  uses: readonly ResolvedUse[],
): readonly SentSide[] {
  const table = tableOf(uses);
  const signature = actionSignature(statement);
  let covered = table.coveredSides.get(signature);
  if (covered === undefined) {
    covered = [];
    for (const candidate of table.candidates) {
      const allowed = candidate.actions.some((action) =>
        statementCoversAction(statement.actions, statement.notAction, action),
      );
      if (allowed) {
        covered.push(candidate.sent);
      }
    }
    table.coveredSides.set(signature, covered);
  }
  return covered;
}

/**
 * The covered sides split by the statement's resources (see `partitionByResources`). Shared
 * between statements with the same actions and resources: do not modify the arrays.
 */
export function coveredSidesByResource(
  statement: IndexedStatement,
  uses: readonly ResolvedUse[],
): Readonly<Partition<SentSide>> {
  const table = tableOf(uses);
  const signature = `${actionSignature(statement)}\u0000${resourceSignature(statement)}`;
  let partition = table.sidePartitions.get(signature);
  if (partition === undefined) {
    const covered = sidesCoveredBy(statement, uses);
    partition = partitionByResources(statement.resources, covered, workspaceKeyGroups(uses));
    table.sidePartitions.set(signature, partition);
  }
  return partition;
}

/** The actions the Encryption SDK's KMS keyring calls with the context it built. */
const ESDK_ACTIONS = ["kms:generatedatakey", "kms:encrypt", "kms:decrypt"];

/**
 * Encryption SDK encrypts with a signing suite (the default) that the statement governs for
 * certain. Shared between statements with the same actions and resources: do not modify it.
 */
export function signingEncryptsGovernedBy(
  statement: IndexedStatement,
  uses: readonly ResolvedUse[],
): readonly ResolvedUse[] {
  const table = tableOf(uses);
  const signature = `${actionSignature(statement)}\u0000${resourceSignature(statement)}`;
  let governed = table.signingPartitions.get(signature);
  if (governed === undefined) {
    const covers = ESDK_ACTIONS.some((action) =>
      statementCoversAction(statement.actions, statement.notAction, action),
    );
    governed = covers
      ? partitionByResources(statement.resources, table.signingEncrypts, workspaceKeyGroups(uses))
          .certain
      : [];
    table.signingPartitions.set(signature, governed);
  }
  return governed;
}

/**
 * The entries a side really sends: the Encryption SDK adds its public key when it signs.
 * Kept per side for as long as the uses array lives.
 */
export function sentEntries(sent: SentSide, uses: readonly ResolvedUse[]): readonly SentEntry[] {
  const table = tableOf(uses);
  let entries = table.entries.get(sent);
  if (entries === undefined) {
    entries = [];
    const context = sent.side.context;
    if (context.kind === "known") {
      for (const entry of context.entries) {
        const key = entry.key ?? "";
        const value = entry.value.kind === "string" ? entry.value.value : undefined;
        entries.push({ key, lowerKey: key.toLowerCase(), value });
      }
    }
    if (sent.use.via === "esdk" && sent.use.esdkSigning !== "no") {
      entries.push({ key: ESDK_PUBLIC_KEY, lowerKey: ESDK_PUBLIC_KEY, value: undefined });
    }
    table.entries.set(sent, entries);
  }
  return entries;
}
