// Process bookkeeping: the harness starts code-server in its own process group and must leave
// nothing behind, so it kills whole groups and then looks for stragglers by command line.
const fs = require("node:fs");

const { poll } = require("./poll");

/** Whether a process exists (signal 0 checks without sending anything). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process whose command line contains `needle`, read from /proc. */
function processesMatching(needle) {
  const found = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) {
      continue;
    }
    let commandLine;
    try {
      commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim();
    } catch {
      continue; // The process ended while we looked.
    }
    if (commandLine.includes(needle)) {
      found.push({ pid: Number(entry), commandLine });
    }
  }
  return found;
}

/** Sends `signal` to the whole process group led by `pid`, ignoring a group already gone. */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== "ESRCH") {
      throw error;
    }
  }
}

/** Asks a process group to stop, and kills it when it has not within `graceMs`. */
async function stopGroup(pid, graceMs = 5000) {
  signalGroup(pid, "SIGTERM");
  const stopped = await poll(() => !alive(-pid) || undefined, { timeoutMs: graceMs }).catch(
    () => false,
  );
  if (!stopped) {
    signalGroup(pid, "SIGKILL");
  }
}

module.exports = { alive, processesMatching, signalGroup, stopGroup };
