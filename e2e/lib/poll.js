// Waiting without fixed sleeps: ask a question again and again until it has an answer or time
// runs out, and say what was being waited for when it does.

/**
 * Calls `probe` every `intervalMs` until it returns something other than undefined/false
 * (that value is returned) or `timeoutMs` passes (the promise rejects with `what`). A probe
 * that throws keeps the wait going, unless the error is marked `fatal` (see `fatal()`).
 */
async function poll(probe, { timeoutMs, intervalMs = 100, what = "a condition" }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) {
        return value;
      }
    } catch (error) {
      if (error.fatal) {
        throw error;
      }
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError ? ` (last error: ${lastError.message})` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** An error that ends a `poll` at once: waiting longer cannot help (a process died). */
function fatal(message) {
  const error = new Error(message);
  error.fatal = true;
  return error;
}

module.exports = { fatal, poll };
