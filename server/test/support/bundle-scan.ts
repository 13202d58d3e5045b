import * as fs from "node:fs";

/** A use of something the server must not do, found in a bundle. */
export interface DangerousUse {
  /** What was found: a module name (`child_process`) or `eval(` / `new Function`. */
  what: string;
  /**
   * The bundled module it sits in, as esbuild's `// path` header names it, normalised to start
   * at `node_modules/<package>/…` for third-party code or at `server/src/…` for ours.
   */
  module: string;
  line: number;
}

/** Node modules that run programs, open connections or evaluate code. */
export const FORBIDDEN_MODULES = [
  "child_process",
  "cluster",
  "dgram",
  "dns",
  "http",
  "http2",
  "https",
  "net",
  "tls",
  "vm",
];

const MODULE_USE = new RegExp(
  String.raw`\b(?:require|import)\s*\(\s*["'](?:node:)?(${FORBIDDEN_MODULES.join("|")})["']\s*\)` +
    String.raw`|\bfrom\s*["'](?:node:)?(${FORBIDDEN_MODULES.join("|")})["']`,
  "g",
);
const CODE_EVALUATION = /\beval\s*\(|\bnew\s+Function\s*\(|(?<![.\w])Function\s*\(\s*["'`]/g;

/** esbuild's non-minified bundles start each input file with a `// path/to/file.js` line. */
const MODULE_HEADER = /^\/\/ (\S+\.[cm]?[jt]sx?)$/;

function normaliseModulePath(raw: string): string {
  const nodeModules = raw.lastIndexOf("node_modules/");
  return nodeModules >= 0 ? raw.slice(nodeModules) : raw.replace(/^(\.\.\/)+/, "");
}

/**
 * Every forbidden module import and every `eval(`/`new Function` in a non-minified esbuild
 * bundle, each attributed to the bundled file it comes from.
 */
export function scanBundle(bundlePath: string): DangerousUse[] {
  const uses: DangerousUse[] = [];
  let module = "(bundle prelude)";

  fs.readFileSync(bundlePath, "utf8")
    .split("\n")
    .forEach((text, index) => {
      const header = MODULE_HEADER.exec(text);
      if (header) {
        module = normaliseModulePath(header[1]);
        return;
      }
      for (const match of text.matchAll(MODULE_USE)) {
        uses.push({ what: match[1] ?? match[2], module, line: index + 1 });
      }
      for (const match of text.matchAll(CODE_EVALUATION)) {
        uses.push({
          what: match[0].replace(/\s+/g, " ").replace(/\s*\(.*$/, "("),
          module,
          line: index + 1,
        });
      }
    });

  return uses;
}
