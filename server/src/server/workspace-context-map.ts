import type { MapLocation as EngineLocation } from "../engine/workspace/context-map";
import { buildContextMap } from "../engine/workspace/context-map";
import type { ContextMapResult, MapLocation } from "../shared/protocol";
import { pathToUri } from "./settings";
import type { WorkspaceIndexService } from "./workspace-index-service";

function toProtocol(location: EngineLocation): MapLocation {
  return { uri: pathToUri(location.fileName), range: location.range };
}

/** `kmsContextGuard/contextMap`: the map built from the workspace index, with file URIs. */
export function handleContextMap(service: WorkspaceIndexService): ContextMapResult {
  const map = buildContextMap(service.index);
  return {
    fileCount: map.fileCount,
    indexing: service.indexing,
    keys: map.keys.map((key) => ({
      ...key,
      uses: key.uses.map((use) => ({ ...use, location: toProtocol(use.location) })),
      statements: key.statements.map((statement) => ({
        ...statement,
        location: toProtocol(statement.location),
      })),
    })),
  };
}
