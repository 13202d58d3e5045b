import * as path from "node:path";

/** The repository root, found from the compiled test's location (`out/server/test/...`). */
export const repoRoot = path.resolve(__dirname, "..", "..", "..", "..");

/** An absolute path inside `test-fixtures/`. */
export function fixturePath(...segments: string[]): string {
  return path.join(repoRoot, "test-fixtures", ...segments);
}
