// @ts-check
// Each section runs in its own process (forked by bench/run.js) so that one section's heap,
// JIT state and corpus never colour another's figures. The section returns a plain object,
// which goes back to the parent over the IPC channel.

/**
 * @typedef {{ rounds: number, eslintRounds: number, quick: boolean, full: boolean,
 *   serverBundle?: string, vsix?: string, productionBundleSizes?: Record<string, number> }}
 *   SectionOptions
 */

/**
 * Runs a section body with the options the parent passed in BENCH_OPTIONS and reports its
 * result (or its error) to the parent; run directly, it prints the result.
 * @param {(options: SectionOptions) => Promise<object>} body
 */
function runSection(body) {
  /** @type {SectionOptions} */
  const options = {
    rounds: 5,
    eslintRounds: 3,
    quick: false,
    full: false,
    ...JSON.parse(process.env.BENCH_OPTIONS || "{}"),
  };
  body(options).then(
    (result) => finish({ ok: true, result }),
    (error) => finish({ ok: false, error: error instanceof Error ? error.stack : String(error) }),
  );
}

/** @param {object} message */
function finish(message) {
  if (process.send) {
    process.send(message, () => process.exit(0));
  } else {
    console.log(JSON.stringify(message, null, 2));
    process.exit(0);
  }
}

module.exports = { runSection };
