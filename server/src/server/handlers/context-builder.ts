import {
  CodeActionKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { analyzeDocument } from "../../engine/analyze";
import { placeContext } from "../../engine/builder/place";
import { renderContext } from "../../engine/builder/render";
import type { ContextMemberName } from "../../engine/builder/render-code";
import { grantConstraintWarnings } from "../../engine/builder/render-grant";
import type { ContextPair } from "../../engine/builder/types";
import { validateContext, type SensitiveDetector } from "../../engine/builder/validate";
import { collectContextKeys, mergeContextKeys } from "../../engine/builder/workspace-keys";
import type { CodeModel, ContextInfo, StaticValue } from "../../engine/code/model";
import type { ResolvedConfig } from "../../engine/config";
import type { WorkspaceFacts } from "../../engine/workspace-facts";
import {
  BUILD_CONTEXT_COMMAND,
  PLACE_CONTEXT_METHOD,
  RENDER_CONTEXT_METHOD,
  VALIDATE_CONTEXT_METHOD,
  WORKSPACE_CONTEXT_KEYS_METHOD,
  type BuildContextCommandArgs,
  type PlaceContextParams,
  type PlaceContextResult,
  type PlacementTarget,
  type RenderContextParams,
  type RenderContextResult,
  type ValidateContextParams,
  type ValidateContextResult,
  type WorkspaceContextKeysParams,
  type WorkspaceContextKeysResult,
} from "../../shared/builder-protocol";
import { readDiagnosticData } from "../diagnostics";
import { uriToPath } from "../settings";

/** What the builder's handlers need from the rest of the server. */
export interface ContextBuilderServices {
  /** The open documents, as the server keeps them in sync. */
  documents: { get(uri: string): TextDocument | undefined; all(): TextDocument[] };
  /** The effective configuration for a document (or the workspace when undefined). */
  configFor(uri: string | undefined): ResolvedConfig | Promise<ResolvedConfig>;
  /** The workspace index, when there is one. */
  workspaceFacts?(): WorkspaceFacts | undefined;
  /** The engine's sensitive-data detector, shared with KMS004. */
  sensitive?: SensitiveDetector;
}

/** Registers the builder's custom requests on the connection. */
export function registerContextBuilderHandlers(
  connection: Pick<Connection, "onRequest">,
  services: ContextBuilderServices,
): void {
  connection.onRequest(
    VALIDATE_CONTEXT_METHOD,
    async (params: ValidateContextParams): Promise<ValidateContextResult> => {
      const config = await services.configFor(params.uri);
      const problems = validateContext(sanitizePairs(params.pairs), {
        target: params.target,
        config,
        sensitive: services.sensitive,
      });
      return { problems };
    },
  );

  connection.onRequest(
    WORKSPACE_CONTEXT_KEYS_METHOD,
    (_params: WorkspaceContextKeysParams): WorkspaceContextKeysResult => ({
      keys: workspaceContextKeys(services),
    }),
  );

  connection.onRequest(PLACE_CONTEXT_METHOD, (params: PlaceContextParams): PlaceContextResult =>
    placeInOpenDocument(services, params),
  );

  connection.onRequest(RENDER_CONTEXT_METHOD, (params: RenderContextParams): RenderContextResult =>
    renderContext(sanitizePairs(params.pairs), params.format),
  );
}

/** Computes the placement edit against the server's copy of an open document. */
export function placeInOpenDocument(
  services: Pick<ContextBuilderServices, "documents">,
  params: PlaceContextParams,
): PlaceContextResult {
  const document = services.documents.get(params.uri);
  if (!document) {
    return { ok: false, reason: "The document is not open in the editor." };
  }
  const text = document.getText();
  const result = placeContext({
    text,
    fileName: fileNameOf(params.uri),
    languageId: document.languageId,
    offset: document.offsetAt(params.position),
    pairs: sanitizePairs(params.pairs),
    target: params.target,
  });
  if (!result.ok) {
    return { ok: false, reason: result.reason };
  }
  return {
    ok: true,
    version: document.version,
    edit: {
      range: {
        start: document.positionAt(result.edit.start),
        end: document.positionAt(result.edit.end),
      },
      newText: result.edit.newText,
    },
    description: result.description,
    warnings:
      params.target.kind === "grant" ? grantConstraintWarnings(params.target.constraint) : [],
  };
}

/** Context keys sent by the code of the open documents, merged with the workspace index. */
export function workspaceContextKeys(
  services: Pick<ContextBuilderServices, "documents" | "workspaceFacts">,
): ReturnType<typeof collectContextKeys> {
  const models: CodeModel[] = [];
  for (const document of services.documents.all()) {
    const analysis = analyzeDocument(
      {
        fileName: fileNameOf(document.uri),
        text: document.getText(),
        languageId: document.languageId,
      },
      { onlyRules: [] },
    );
    if (analysis.codeModel) {
      models.push(analysis.codeModel);
    }
  }
  const indexed = services.workspaceFacts?.()?.sentContextKeys() ?? [];
  return mergeContextKeys(collectContextKeys(models), indexed);
}

/**
 * Keys to pre-fill a policy condition with. Code actions are asked for on every cursor move,
 * so the workspace index (which already holds the open documents' text) answers alone when it
 * knows any keys; re-reading every open document is the fallback before it is built.
 */
function keysForPrefill(
  services: Pick<ContextBuilderServices, "documents" | "workspaceFacts">,
): ReturnType<typeof collectContextKeys> {
  const indexed = services.workspaceFacts?.()?.sentContextKeys() ?? [];
  return indexed.length > 0 ? indexed : workspaceContextKeys(services);
}

const BUILDER_CODES = new Set(["KMS001", "KMS002", "KMS101"]);

/**
 * The "Build encryption context…" code actions for the given diagnostics: one per KMS001,
 * KMS002 or KMS101 finding, starting the client's builder pre-filled from the finding.
 */
export function contextBuilderCodeActions(
  services: Pick<ContextBuilderServices, "documents" | "workspaceFacts">,
  uri: string,
  diagnostics: readonly Diagnostic[],
): CodeAction[] {
  const relevant = diagnostics.filter((diagnostic) => BUILDER_CODES.has(String(diagnostic.code)));
  const document = services.documents.get(uri);
  if (relevant.length === 0 || !document) {
    return [];
  }

  const analysis = analyzeDocument(
    { fileName: fileNameOf(uri), text: document.getText(), languageId: document.languageId },
    { onlyRules: [] },
  );

  return relevant.map((diagnostic) => {
    const code = String(diagnostic.code);
    const offset = document.offsetAt(diagnostic.range.start);
    const args: BuildContextCommandArgs =
      code === "KMS101"
        ? {
            uri,
            position: diagnostic.range.start,
            code,
            target: { kind: "policy" },
            pairs: pairsFromWorkspaceKeys(keysForPrefill(services)),
          }
        : {
            uri,
            position: diagnostic.range.start,
            code,
            target:
              memberFromFinding(diagnostic) ?? codeTargetFor(code, offset, analysis.codeModel),
            pairs: pairsFromSiblingCalls(offset, analysis.codeModel),
          };
    return {
      title: `KMS Context Guard (${code}): Build encryption context…`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: {
        title: "Build encryption context…",
        command: BUILD_CONTEXT_COMMAND,
        arguments: [args],
      },
    };
  });
}

const CONTEXT_MEMBERS: ReadonlySet<string> = new Set<ContextMemberName>([
  "EncryptionContext",
  "SourceEncryptionContext",
  "DestinationEncryptionContext",
  "encryptionContext",
]);

/** The member the rule itself named as missing, when the diagnostic carries it. */
function memberFromFinding(diagnostic: Diagnostic): PlacementTarget | undefined {
  const member = readDiagnosticData(diagnostic)?.finding?.member;
  return typeof member === "string" && CONTEXT_MEMBERS.has(member)
    ? { kind: "code", member: member as ContextMemberName }
    : undefined;
}

/** The request member that fixes the finding at `offset`, from the code model. */
function codeTargetFor(
  code: string,
  offset: number,
  model: CodeModel | undefined,
): PlacementTarget {
  const esdk = model?.esdkCalls.find((call) => call.start === offset);
  if (esdk) {
    return { kind: "code", member: "encryptionContext" };
  }
  const call = model?.kmsCalls.find((candidate) => candidate.start === offset);
  if (call?.operation === "ReEncrypt") {
    return {
      kind: "code",
      member: code === "KMS002" ? "SourceEncryptionContext" : "DestinationEncryptionContext",
    };
  }
  return { kind: "code", member: "EncryptionContext" };
}

/**
 * The context another call in the same file already uses: a decrypt without context most
 * likely needs what the matching encrypt sends, and the reverse.
 */
function pairsFromSiblingCalls(offset: number, model: CodeModel | undefined): ContextPair[] {
  const contexts: ContextInfo[] = [];
  for (const call of model?.kmsCalls ?? []) {
    if (call.start !== offset && call.operation !== "CreateGrant") {
      contexts.push(...Object.values(call.contexts));
    }
  }
  for (const call of model?.esdkCalls ?? []) {
    if (call.start !== offset) {
      contexts.push(call.context);
    }
  }
  const known = contexts.find(
    (context) => context.kind === "object" && context.complete && context.entries.length > 0,
  );
  if (!known || known.kind !== "object") {
    return [];
  }
  return known.entries
    .filter((entry) => entry.key !== undefined)
    .map((entry) => ({ key: entry.key!, value: valueOf(entry.value) }));
}

function valueOf(value: StaticValue): ContextPair["value"] {
  if (value.kind === "string") {
    return { kind: "literal", text: value.value };
  }
  return { kind: "expression", text: value.text };
}

/**
 * Pairs for a policy condition from the keys the code sends: a key always sent with one literal
 * value is required with that value, any other key is required to be present.
 */
function pairsFromWorkspaceKeys(keys: ReturnType<typeof collectContextKeys>): ContextPair[] {
  return keys
    .slice(0, 8)
    .map((item) =>
      item.values.length === 1
        ? { key: item.key, value: { kind: "literal", text: item.values[0] } }
        : { key: item.key, value: { kind: "expression", text: item.key } },
    );
}

/** More pairs than any real context holds; beyond this a request is not a person typing. */
const MAX_PAIRS = 64;
/** Longer keys or values than this are dropped rather than parsed. */
const MAX_TEXT_LENGTH = 4096;

/**
 * Pairs arrive from the client over JSON; anything that is not a pair of strings, and anything
 * beyond the limits above, is dropped so a confused or hostile client cannot make the engine
 * throw or spin.
 */
function sanitizePairs(pairs: unknown): ContextPair[] {
  if (!Array.isArray(pairs)) {
    return [];
  }
  return pairs.slice(0, MAX_PAIRS).flatMap((pair): ContextPair[] => {
    const candidate = pair as { key?: unknown; value?: { kind?: unknown; text?: unknown } };
    const kind = candidate?.value?.kind;
    const text = candidate?.value?.text;
    if (
      typeof candidate?.key !== "string" ||
      typeof text !== "string" ||
      (kind !== "literal" && kind !== "expression") ||
      candidate.key.length > MAX_TEXT_LENGTH ||
      text.length > MAX_TEXT_LENGTH
    ) {
      return [];
    }
    return [{ key: candidate.key, value: { kind, text } }];
  });
}

function fileNameOf(uri: string): string {
  return uriToPath(uri) ?? uri;
}
