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

  it("says why the active file shows nothing when the server skipped it", () => {
    assert.deepEqual(
      describeStatus("running", 0, "larger than the 2097152-byte limit (maxFileSize)"),
      {
        text: "KMS Context Guard: file skipped",
        detail: "this file is not analysed: larger than the 2097152-byte limit (maxFileSize)",
        severity: "warning",
        busy: false,
      },
    );
  });
});
