import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import Ajv from "ajv";
import { parseConfigFile } from "../src/engine/config-file";
import { sanitizeSettings } from "../src/server/settings";
import { repoRoot } from "./support/paths";

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
const schema = JSON.parse(
  fs.readFileSync(path.join(repoRoot, "schemas", "kms-context-guard.schema.json"), "utf8"),
);

describe("package.json contributions", () => {
  const properties: Record<string, any> = manifest.contributes.configuration.properties;

  it("gives every setting an explicit scope and a markdown description", () => {
    const ours = Object.entries(properties).filter(([key]) => key.startsWith("kmsContextGuard."));
    assert.ok(ours.length >= 5);
    for (const [key, setting] of ours) {
      assert.ok(
        ["resource", "window", "machine-overridable", "application"].includes(setting.scope),
        `${key} scope`,
      );
      assert.ok(
        typeof setting.markdownDescription === "string" && setting.markdownDescription.length > 20,
        `${key} description`,
      );
    }
  });

  it("has the settings the server reads, and the server reads their defaults unchanged", () => {
    for (const key of ["enable", "rules", "sensitiveKeyNames", "maxFileSize", "trace.server"]) {
      assert.ok(properties[`kmsContextGuard.${key}`], `kmsContextGuard.${key} missing`);
    }
    assert.equal(properties["kmsContextGuard.trace.server"].scope, "window");
    const defaults = {
      enable: properties["kmsContextGuard.enable"].default,
      rules: properties["kmsContextGuard.rules"].default,
      sensitiveKeyNames: properties["kmsContextGuard.sensitiveKeyNames"].default,
      maxFileSize: properties["kmsContextGuard.maxFileSize"].default,
    };
    assert.deepEqual(sanitizeSettings(defaults), defaults);
    assert.deepEqual(
      sanitizeSettings({
        enable: "no",
        rules: { KMS001: "loud", KMS002: "off", x: "error" },
        maxFileSize: -1,
      }),
      { rules: { KMS002: "off" } },
    );
  });

  it("contributes the commands under the KMS category", () => {
    const commands = new Map(manifest.contributes.commands.map((c: any) => [c.command, c]));
    assert.deepEqual(commands.get("kmsContextGuard.restartServer"), {
      command: "kmsContextGuard.restartServer",
      title: "Restart Server",
      category: "KMS",
    });
    assert.equal((commands.get("kmsContextGuard.openRuleDocs") as any)?.category, "KMS");
  });

  it("validates .kms-context-guard.json with the schema file", () => {
    assert.deepEqual(
      manifest.contributes.jsonValidation.find(
        (entry: any) => entry.fileMatch === ".kms-context-guard.json",
      ),
      { fileMatch: ".kms-context-guard.json", url: "./schemas/kms-context-guard.schema.json" },
    );
  });
});

describe("config file schema", () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it("accepts exactly what the config reader accepts without problems", () => {
    const samples: [text: string, valid: boolean][] = [
      ['{ "enable": false }', true],
      ['{ "rules": { "KMS001": "error", "KMS101": "off" } }', true],
      ['{ "sensitiveKeyNames": ["customerRef"], "maxFileSize": 1024 }', true],
      ['{ "ignore": [{ "path": "p/*.json", "codes": ["KMS101"], "statement": "Sid1" }] }', true],
      ['{ "ignore": [{ "path": "p/*.json", "statement": 0 }] }', true],
      ['{ "$schema": "x" }', true],
      ['{ "enable": "yes" }', false],
      ['{ "rules": { "KMS1": "off" } }', false],
      ['{ "rules": { "KMS001": "loud" } }', false],
      ['{ "maxFileSize": 0 }', false],
      ['{ "ignore": [{ "codes": ["KMS101"] }] }', false],
      ['{ "colour": true }', false],
    ];
    for (const [text, valid] of samples) {
      assert.equal(validate(JSON.parse(text)), valid, `schema on ${text}`);
      assert.equal(parseConfigFile(text).problems.length === 0, valid, `reader on ${text}`);
    }
  });
});
