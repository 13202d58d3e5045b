/** Shows a progress line once a scan has run longer than this. */
const PROGRESS_AFTER_MS = 1000;
/** And redraws it at most this often. */
const REDRAW_EVERY_MS = 100;

/**
 * A `Scanning… 120/800 files` line on stderr for long scans in a terminal; silent otherwise, so
 * logs and pipes never see it. `done()` erases it before the report is printed.
 */
export class ProgressLine {
  private readonly started: number;
  private lastDrawn = 0;
  private shown = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly enabled: boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  update(done: number, total: number): void {
    if (!this.enabled) {
      return;
    }
    const time = this.now();
    if (time - this.started < PROGRESS_AFTER_MS || time - this.lastDrawn < REDRAW_EVERY_MS) {
      return;
    }
    this.lastDrawn = time;
    this.shown = true;
    this.write(`\r\u001b[2KScanning… ${done}/${total} files`);
  }

  done(): void {
    if (this.shown) {
      this.write("\r\u001b[2K");
      this.shown = false;
    }
  }
}
