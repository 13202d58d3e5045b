/**
 * Preloaded (with `--expose-gc`) into a server under a soak test: on SIGUSR2 it runs a full
 * garbage collection and writes `heap-after-gc <kB>` to stderr, so the test can tell retained
 * memory (a leak) from heap the collector simply has not reclaimed yet.
 */
process.on("SIGUSR2", () => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) {
    process.stderr.write("heap-after-gc unavailable: start node with --expose-gc\n");
    return;
  }
  collect();
  process.stderr.write(`heap-after-gc ${Math.round(process.memoryUsage().heapUsed / 1024)}\n`);
});
