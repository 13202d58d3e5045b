import {
  PLACE_CONTEXT_METHOD,
  RENDER_CONTEXT_METHOD,
  VALIDATE_CONTEXT_METHOD,
  WORKSPACE_CONTEXT_KEYS_METHOD,
  type BuilderTarget,
  type ContextPair,
  type PairProblem,
  type PlaceContextParams,
  type PlaceContextResult,
  type RenderContextResult,
  type RenderFormat,
  type SentContextKey,
} from "../../../../server/src/shared/builder-protocol";

/** The part of the language client the builder uses. */
export interface RequestSender {
  sendRequest<R>(method: string, param: unknown): Promise<R>;
}

/**
 * The builder's view of the language server: every judgement (validation), placement and
 * rendering comes from there, so the builder says what the rules say.
 */
export class BuilderServer {
  constructor(
    private readonly sender: RequestSender,
    private readonly documentUri: string | undefined,
  ) {}

  async validate(pairs: ContextPair[], target?: BuilderTarget): Promise<PairProblem[]> {
    const result = await this.sender.sendRequest<{ problems: PairProblem[] }>(
      VALIDATE_CONTEXT_METHOD,
      { pairs, target, uri: this.documentUri },
    );
    return result.problems;
  }

  async workspaceKeys(): Promise<SentContextKey[]> {
    const result = await this.sender.sendRequest<{ keys: SentContextKey[] }>(
      WORKSPACE_CONTEXT_KEYS_METHOD,
      { uri: this.documentUri },
    );
    return result.keys;
  }

  place(params: PlaceContextParams): Promise<PlaceContextResult> {
    return this.sender.sendRequest<PlaceContextResult>(PLACE_CONTEXT_METHOD, params);
  }

  render(pairs: ContextPair[], format: RenderFormat): Promise<RenderContextResult> {
    return this.sender.sendRequest<RenderContextResult>(RENDER_CONTEXT_METHOD, { pairs, format });
  }
}
