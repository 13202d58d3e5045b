import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import * as ts from "typescript";
import { repoRoot } from "../support/paths";

/**
 * The pure side of the server: the engine, the rules it runs, and the request and reply types
 * shared with the client. The language server and the CLI build on it; it builds on neither.
 */
const pureRoots = ["engine", "rules", "shared"].map((name) =>
  path.join(repoRoot, "server", "src", name),
);

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return !relative.startsWith("..") && !path.isAbsolute(relative);
}

/** Every TypeScript source under `directory`. */
function sourcesUnder(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      return sourcesUnder(full);
    }
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** The module names a source imports, re-exports, requires or imports dynamically. */
function importedModules(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      names.push(node.moduleSpecifier.text);
    }
    if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === "require")) &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      names.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/**
 * Why an import breaks the engine's boundary, or undefined when it keeps it. The engine is
 * shared by the language server and the CLI, so it may not depend on the editor, the protocol
 * libraries, or the server, CLI and client code built on them.
 */
function boundaryBreak(file: string, name: string): string | undefined {
  if (/^vscode($|-languageserver|-languageclient|-jsonrpc)/.test(name)) {
    return `imports ${name}`;
  }
  if (name.startsWith(".")) {
    const target = path.resolve(path.dirname(file), name);
    if (!pureRoots.some((root) => isInside(root, target))) {
      return `imports ${path.relative(repoRoot, target)}`;
    }
  }
  return undefined;
}

describe("engine boundary", () => {
  it("keeps engine, rules and shared types free of editor, protocol, server and CLI", () => {
    const breaks = pureRoots.flatMap(sourcesUnder).flatMap((file) =>
      importedModules(file).flatMap((name) => {
        const reason = boundaryBreak(file, name);
        return reason ? [`${path.relative(repoRoot, file)}: ${reason}`] : [];
      }),
    );

    assert.deepEqual(breaks, []);
  });

  it("recognises each kind of break it guards against", () => {
    const inEngine = path.join(pureRoots[0], "analyze.ts");

    assert.equal(boundaryBreak(inEngine, "vscode"), "imports vscode");
    assert.equal(
      boundaryBreak(inEngine, "vscode-languageserver/node"),
      "imports vscode-languageserver/node",
    );
    assert.equal(
      boundaryBreak(inEngine, "../server/settings"),
      "imports server/src/server/settings",
    );
    assert.equal(boundaryBreak(inEngine, "../cli/run"), "imports server/src/cli/run");
    assert.equal(boundaryBreak(inEngine, "../rules/registry"), undefined);
    assert.equal(boundaryBreak(inEngine, "./rules-registry"), undefined);
    assert.equal(boundaryBreak(inEngine, "typescript"), undefined);
    assert.equal(boundaryBreak(inEngine, "jsonc-parser"), undefined);
  });
});
