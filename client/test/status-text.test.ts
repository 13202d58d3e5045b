import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeStatus } from "../src/status-text";

describe("language status text", () => {
  it("shows a busy item while the server starts", () => {
    assert.deepEqual(describeStatus("starting", 0), {
      text: "KMS Context Guard",
      detail: "starting…",
      severity: "information",
      busy: true,
    });
  });

  it("counts findings once running", () => {
    assert.equal(describeStatus("running", 0).text, "KMS Context Guard: no findings");
    assert.equal(describeStatus("running", 1).text, "KMS Context Guard: 1 finding");
    assert.deepEqual(describeStatus("running", 12), {
      text: "KMS Context Guard: 12 findings",
      detail: "server running",
      severity: "warning",
      busy: false,
    });
  });

  it("points at the restart command when the server stopped", () => {
    assert.deepEqual(describeStatus("stopped", 3), {
      text: "KMS Context Guard",
      detail: "server stopped — run “KMS: Restart Server”",
      severity: "error",
      busy: false,
    });
  });
});
