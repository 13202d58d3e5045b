import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeDocument } from "../../src/engine/analyze";
import { resolveConfig, type UserConfig } from "../../src/engine/config";
import {
  OPTIONS_ALLOWED_WHEN_UNTRUSTED,
  restrictUntrustedLayer,
  workspaceLayerFor,
} from "../../src/engine/workspace-trust";
import { wordRule } from "../support/fake-rules";

const USER: UserConfig = { sensitiveKeyNames: ["customerRef"], maxFileSize: 4096 };
const HOSTILE_WORKSPACE: UserConfig = {
  enable: true,
  rules: { KMS004: "error", KMS001: "off" },
  sensitiveKeyNames: ["(a+)+$", "tenantId"],
  ignore: [{ path: "**/*" }],
  maxFileSize: 1024 * 1024 * 1024,
};

test("an untrusted workspace keeps only enable and rule severities", () => {
  assert.deepEqual(restrictUntrustedLayer(HOSTILE_WORKSPACE), {
    enable: true,
    rules: { KMS004: "error", KMS001: "off" },
  });
  assert.deepEqual(restrictUntrustedLayer({}), {});
  assert.equal(restrictUntrustedLayer(undefined), undefined);
});

test("the restricted layer is a whitelist: an option added later is dropped until reviewed", () => {
  const future = { ...HOSTILE_WORKSPACE, someNewPathOption: "/etc" } as UserConfig;

  assert.deepEqual(Object.keys(restrictUntrustedLayer(future)!).sort(), [
    ...OPTIONS_ALLOWED_WHEN_UNTRUSTED,
  ]);
});

test("untrusted: user patterns and limits apply, the workspace's do not; trusted: both", () => {
  const untrusted = resolveConfig(USER, workspaceLayerFor(HOSTILE_WORKSPACE, false));
  const trusted = resolveConfig(USER, workspaceLayerFor(HOSTILE_WORKSPACE, true));

  assert.deepEqual(untrusted, {
    enable: true,
    rules: { KMS004: "error", KMS001: "off" },
    sensitiveKeyNames: ["customerRef"],
    ignore: [],
    maxFileSize: 4096,
  });
  assert.deepEqual(trusted.sensitiveKeyNames, ["customerRef", "(a+)+$", "tenantId"]);
  assert.deepEqual(trusted.ignore, [{ path: "**/*" }]);
  assert.equal(trusted.maxFileSize, 1024 * 1024 * 1024);
});

test("built-in rules still run in an untrusted workspace, and its size limit is not raised", () => {
  const text = `const key = "x";\n${"// padding\n".repeat(500)}`;
  const config = resolveConfig(workspaceLayerFor(HOSTILE_WORKSPACE, false));

  const small = analyzeDocument(
    { fileName: "small.ts", text: "const key = 1;" },
    { config, onlyRules: [wordRule("KMS920", "key")] },
  );
  const large = analyzeDocument({ fileName: "large.ts", text }, { config });

  assert.deepEqual(
    small.findings.map((finding) => [finding.code, finding.range.start.character]),
    [["KMS920", 6]],
  );
  assert.equal(large.skipped, undefined, "a 5 KB file is under the default 2 MB limit");
  assert.equal(config.maxFileSize, 2 * 1024 * 1024);
});
