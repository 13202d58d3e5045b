/**
 * Preloaded with `node --require` into a server or CLI process under test: replaces every way
 * Node offers to start a program, open a connection or resolve a host name with a trap that
 * records the attempt in the file named by KMS_GUARD_LOG and throws. A test then asserts the
 * file stayed empty, which proves at run time what the bundle scan proves statically.
 */
import * as fs from "node:fs";

const logFile = process.env.KMS_GUARD_LOG;

function trap(moduleName: string, functionName: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const target = require(moduleName) as Record<string, unknown>;
  if (typeof target[functionName] !== "function") {
    return;
  }
  target[functionName] = function trapped(): never {
    const attempt = `${moduleName}.${functionName}`;
    if (logFile) {
      fs.appendFileSync(logFile, `${attempt}\n${new Error().stack}\n`);
    }
    throw new Error(`blocked ${attempt}: the server must not run programs or open connections`);
  };
}

const TRAPS: Record<string, string[]> = {
  child_process: ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"],
  net: ["connect", "createConnection", "createServer"],
  tls: ["connect", "createServer"],
  http: ["request", "get", "createServer"],
  https: ["request", "get", "createServer"],
  http2: ["connect", "createServer"],
  dgram: ["createSocket"],
  dns: ["lookup", "resolve", "resolve4", "resolve6", "resolveAny"],
};

for (const [moduleName, functionNames] of Object.entries(TRAPS)) {
  for (const functionName of functionNames) {
    trap(moduleName, functionName);
  }
}

// `new net.Socket().connect()` bypasses net.connect; trap the method too.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const net = require("node:net") as typeof import("node:net");
net.Socket.prototype.connect = function trappedConnect(): never {
  if (logFile) {
    fs.appendFileSync(logFile, `net.Socket.connect\n${new Error().stack}\n`);
  }
  throw new Error("blocked net.Socket.connect: the server must not open connections");
};

// globalThis.fetch (Node 18+) goes through undici, not http: trap it as well.
globalThis.fetch = (() => {
  if (logFile) {
    fs.appendFileSync(logFile, `fetch\n${new Error().stack}\n`);
  }
  throw new Error("blocked fetch: the server must not open connections");
}) as typeof fetch;
