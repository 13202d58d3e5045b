import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { repoRoot } from "../support/paths";

/**
 * The TextMate injection grammars: the manifest points at them, and their patterns (compiled
 * here as JavaScript regular expressions, which these simple Oniguruma patterns also are)
 * highlight exactly the words they should.
 */

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo: string[];
}

interface Pattern {
  match: string;
  name?: string;
  captures?: Record<string, { name: string }>;
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
  contributes: { grammars: GrammarContribution[] };
};

function loadGrammar(scopeName: string): {
  injectionSelector: string;
  repository: Record<string, Pattern>;
} {
  const contribution = manifest.contributes.grammars.find(
    (grammar) => grammar.scopeName === scopeName,
  );
  assert.ok(contribution, `no grammar contribution for ${scopeName}`);
  const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot, contribution.path), "utf8"));
  assert.equal(grammar.scopeName, scopeName);
  return grammar;
}

function toRegExp(pattern: Pattern): RegExp {
  const caseInsensitive = pattern.match.startsWith("(?i)");
  return new RegExp(pattern.match.replace(/^\(\?i\)/, ""), caseInsensitive ? "gi" : "g");
}

/** Every (text, scope) the pattern assigns in `line`. */
function scopesIn(pattern: Pattern, line: string): [string, string][] {
  const found: [string, string][] = [];
  for (const match of line.matchAll(toRegExp(pattern))) {
    if (pattern.name) {
      found.push([match[0], pattern.name]);
    }
    for (const [group, capture] of Object.entries(pattern.captures ?? {})) {
      const text = match[Number(group)];
      if (text !== undefined) {
        found.push([text, capture.name]);
      }
    }
  }
  return found;
}

describe("injection grammars", () => {
  it("the manifest contributes both grammars, injected into JSON/YAML and TS/JS", () => {
    assert.deepEqual(
      manifest.contributes.grammars.map((grammar) => [grammar.scopeName, grammar.injectTo]),
      [
        [
          "kms-context-guard.condition-keys.injection",
          ["source.json", "source.json.comments", "source.yaml"],
        ],
        [
          "kms-context-guard.disable-comments.injection",
          ["source.ts", "source.tsx", "source.js", "source.js.jsx", "source.yaml"],
        ],
      ],
    );
  });

  it("condition keys: the pair prefix and the context key get their own scopes", () => {
    const grammar = loadGrammar("kms-context-guard.condition-keys.injection");
    assert.match(grammar.injectionSelector, /L:source\.json string/);
    const pair = grammar.repository["context-pair-key"];
    assert.deepEqual(scopesIn(pair, '"kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:*"'), [
      ["kms:EncryptionContext", "support.constant.kms-condition-key.kms-context-guard"],
      [":", "punctuation.separator.kms-condition-key.kms-context-guard"],
      ["aws:logs:arn", "variable.other.kms-context-key.kms-context-guard"],
    ]);
    assert.deepEqual(
      scopesIn(pair, "    KMS:encryptioncontext:tenant: t-1").map(([text]) => text),
      ["KMS:encryptioncontext", ":", "tenant"],
    );
    assert.deepEqual(scopesIn(pair, '"kms:EncryptionContextKeys": "tenant"'), []);
    assert.deepEqual(scopesIn(pair, '"xkms:EncryptionContext:a"'), []);
  });

  it("other KMS condition keys are highlighted whole, and near-misses are not", () => {
    const key = loadGrammar("kms-context-guard.condition-keys.injection").repository["kms-key"];
    assert.deepEqual(
      scopesIn(key, '"kms:EncryptionContextKeys": ["a"], "kms:GrantIsForAWSResource": true'),
      [
        ["kms:EncryptionContextKeys", "support.constant.kms-condition-key.kms-context-guard"],
        ["kms:GrantIsForAWSResource", "support.constant.kms-condition-key.kms-context-guard"],
      ],
    );
    assert.deepEqual(scopesIn(key, '"kms:EncryptionContextKeysX": 1, "kms:Decrypt"'), []);
  });

  it("disable comments: directive, codes and reason", () => {
    const grammar = loadGrammar("kms-context-guard.disable-comments.injection");
    assert.match(grammar.injectionSelector, /L:source\.ts comment/);
    const directive = grammar.repository.directive;
    assert.deepEqual(
      scopesIn(directive, "// kms-context-guard-disable-next-line KMS001, KMS004 -- legacy reader"),
      [
        ["kms-context-guard-disable-next-line", "keyword.control.directive.kms-context-guard"],
        ["KMS001, KMS004", "constant.other.rule-code.kms-context-guard"],
        ["--", "punctuation.separator.reason.kms-context-guard"],
        ["legacy reader", "comment.other.reason.kms-context-guard"],
      ],
    );
    assert.deepEqual(
      scopesIn(directive, "/* kms-context-guard-disable KMS004 */").map(([text]) => text),
      ["kms-context-guard-disable", "KMS004"],
    );
    assert.deepEqual(scopesIn(directive, "// eslint-disable-next-line"), []);
  });
});
