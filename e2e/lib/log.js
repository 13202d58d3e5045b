// One prefix and elapsed seconds on every harness line, so a CI log shows where time went.
const started = Date.now();

/** Prints a harness progress line to stderr (stdout carries only the results). */
function log(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[e2e ${seconds}s] ${message}\n`);
}

module.exports = { log };
