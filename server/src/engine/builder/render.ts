import type { RenderFormat } from "../../shared/builder-protocol";
import { renderCliConstraints, renderCliContext } from "./render-cli";
import { renderContextMember } from "./render-code";
import { buildGrantConstraints, grantConstraintWarnings } from "./render-grant";
import { buildConditionBlock, renderConditionJson, renderConditionYaml } from "./render-policy";
import type { ContextPair } from "./types";

/** Renders a context as standalone text for the clipboard, with warnings to show alongside. */
export function renderContext(
  pairs: readonly ContextPair[],
  format: RenderFormat,
): { text: string; warnings: string[] } {
  switch (format.kind) {
    case "cli-context":
      return { text: renderCliContext(pairs, format.flag), warnings: [] };
    case "cli-constraints":
      return {
        text: renderCliConstraints(format.constraint, pairs),
        warnings: grantConstraintWarnings(format.constraint),
      };
    case "policy-json":
      return {
        text: renderConditionJson(buildConditionBlock(pairs, format.options)),
        warnings: [],
      };
    case "policy-yaml":
      return {
        text: renderConditionYaml(buildConditionBlock(pairs, format.options)),
        warnings: [],
      };
    case "grant-json":
      return {
        text: JSON.stringify(
          { Constraints: buildGrantConstraints(format.constraint, pairs) },
          null,
          2,
        ),
        warnings: grantConstraintWarnings(format.constraint),
      };
    case "code":
      return { text: renderContextMember(format.member, pairs), warnings: [] };
  }
}
