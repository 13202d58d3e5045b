import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { callMarkers } from "../../src/engine/workspace/call-markers";

/** The span of `part` in `text`, as [start, end). */
function spanOf(text: string, part: string): [number, number] {
  const start = text.indexOf(part);
  assert.ok(start >= 0, `${part} is in the text`);
  return [start, start + part.length];
}

describe("callMarkers", () => {
  const text = 'const name = "plain"; send(x); const c = new Client; const e = n\\u0065w;';
  const mayHoldCall = callMarkers(text);

  it("says a span with a parenthesis, `new` or a backslash may hold a call", () => {
    assert.equal(mayHoldCall(...spanOf(text, "send(x)")), true);
    assert.equal(mayHoldCall(...spanOf(text, "new Client")), true);
    assert.equal(mayHoldCall(...spanOf(text, "n\\u0065w")), true);
  });

  it("says a span with none of them holds no call", () => {
    assert.equal(mayHoldCall(...spanOf(text, 'const name = "plain";')), false);
    assert.equal(mayHoldCall(0, 0), false);
  });

  it("counts a marker at the span's start and not one at its end", () => {
    const [start] = spanOf(text, "(x)");
    assert.equal(mayHoldCall(start, start + 1), true);
    assert.equal(mayHoldCall(start - 4, start), false);
  });

  it("finds nothing past the last marker", () => {
    assert.equal(mayHoldCall(text.length - 1, text.length), false);
  });
});
