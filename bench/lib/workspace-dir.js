// @ts-check
// A throw-away folder the server is pointed at, holding the same files the bench opens, so a
// server that also reads the workspace from disk sees what the editor would show it.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

/**
 * @param {Record<string, string>} files relative path → text
 * @returns {{ root: string, paths: Record<string, string>, remove: () => void }}
 */
function createWorkspace(files) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "kms-context-guard-bench-"));
  /** @type {Record<string, string>} */
  const paths = {};
  for (const [relative, text] of Object.entries(files)) {
    const full = path.join(root, relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    paths[relative] = full;
  }
  return { root, paths, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/**
 * Zero-based line and UTF-16 column of a string offset.
 * @param {string} text
 * @param {number} offset
 */
function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

/**
 * The offset just after the occurrence of `marker` nearest the middle of `text`.
 * @param {string} text
 * @param {string} marker
 */
function offsetNearMiddle(text, marker) {
  const found = text.indexOf(marker, Math.floor(text.length / 2));
  const offset = found >= 0 ? found : text.indexOf(marker);
  if (offset < 0) {
    throw new Error(`marker ${JSON.stringify(marker)} not in the generated text`);
  }
  return offset + marker.length;
}

module.exports = { createWorkspace, positionAt, offsetNearMiddle };
