import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import * as ts from "typescript";
import { FORBIDDEN_MODULES } from "../support/bundle-scan";
import { repoRoot } from "../support/paths";

/**
 * Our own sources must not be able to run code they read: no `eval`, no `new Function`, no
 * `require`/`import()` of a computed name (a config file must be parsed as JSON, never
 * required), and no module that spawns processes or opens connections.
 */
function listSources(directory: string): string[] {
  if (!fs.existsSync(directory)) {
    return [];
  }
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      return listSources(full);
    }
    return /\.[cm]?tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

function moduleName(node: ts.Expression | undefined): string | undefined {
  return node && ts.isStringLiteralLike(node) ? node.text.replace(/^node:/, "") : undefined;
}

/** What in one source file could execute code or reach the network. */
function findViolations(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const violations: string[] = [];
  const at = (node: ts.Node, what: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    violations.push(`${path.relative(repoRoot, file)}:${line + 1}: ${what}`);
  };

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      const name = moduleName(node.moduleSpecifier);
      if (name && FORBIDDEN_MODULES.includes(name)) {
        at(node, `imports ${name}`);
      }
    } else if (ts.isExternalModuleReference(node)) {
      const name = moduleName(node.expression);
      if (name && FORBIDDEN_MODULES.includes(name)) {
        at(node, `imports ${name}`);
      }
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === "require";
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      if (isRequire || isImport) {
        const name = moduleName(node.arguments[0]);
        if (name === undefined) {
          at(node, "loads a module whose name is computed at run time");
        } else if (FORBIDDEN_MODULES.includes(name)) {
          at(node, `imports ${name}`);
        }
      }
      if (ts.isIdentifier(callee) && (callee.text === "eval" || callee.text === "Function")) {
        at(node, `calls ${callee.text}`);
      }
    } else if (ts.isNewExpression(node)) {
      if (ts.isIdentifier(node.expression) && node.expression.text === "Function") {
        at(node, "calls new Function");
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  return violations;
}

test("server and client sources never evaluate code, load computed modules or reach the network", () => {
  const sources = [
    ...listSources(path.join(repoRoot, "server", "src")),
    ...listSources(path.join(repoRoot, "client", "src")),
  ];
  assert.ok(sources.length > 10, "the scan found almost no sources; is repoRoot right?");

  assert.deepEqual(sources.flatMap(findViolations), []);
});

test("the source scan recognises every forbidden pattern", () => {
  const sample = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scan-")), "bad.ts");
  fs.writeFileSync(
    sample,
    [
      'import { spawn } from "node:child_process";',
      'import http = require("http");',
      "const config = require(configPath);",
      "const plugin = await import(`./${name}`);",
      'eval("1");',
      'const f = new Function("return 1");',
      'export * from "net";',
      'const fine = require("node:fs");',
    ].join("\n"),
  );

  assert.deepEqual(
    findViolations(sample).map((violation) => violation.replace(/^.*bad\.ts:/, "")),
    [
      "1: imports child_process",
      "2: imports http",
      "3: loads a module whose name is computed at run time",
      "4: loads a module whose name is computed at run time",
      "5: calls eval",
      "6: calls new Function",
      "7: imports net",
    ],
  );
});
