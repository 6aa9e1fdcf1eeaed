import { isInteractive } from './output.js';

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** When not interactive: 'lines' prints each update once, 'silent' prints nothing. */
  piped?: 'lines' | 'silent';
  /** Force the interactive (TTY) rendering on or off; defaults to detecting the stream. */
  interactive?: boolean;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/**
 * Progress for long work (downloads, --wait). On a terminal it redraws one line in place
 * (spinner, or a bar when the total is known); when piped it prints plain lines or nothing,
 * so logs and pipes never see control characters.
 */
export class Progress {
  private readonly stream: NodeJS.WriteStream;
  private readonly interactive: boolean;
  private readonly piped: 'lines' | 'silent';
  private frame = 0;
  private timer?: NodeJS.Timeout;
  private label = '';
  private detail = '';
  private started = Date.now();
  private lastLine = '';

  constructor(options: ProgressOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.interactive = options.interactive ?? isInteractive(this.stream);
    this.piped = options.piped ?? 'silent';
  }

  start(label: string): void {
    this.label = label;
    this.detail = '';
    this.started = Date.now();
    if (this.interactive) {
      this.timer = setInterval(() => this.draw(), 100);
      this.timer.unref();
      this.draw();
    } else if (this.piped === 'lines') {
      this.stream.write(`${label}...\n`);
    }
  }

  /** Updates the detail text (e.g. "3/5 ready"). */
  update(detail: string): void {
    this.detail = detail;
    if (this.interactive) this.draw();
    else if (this.piped === 'lines' && detail !== this.lastLine) {
      this.lastLine = detail;
      this.stream.write(`${this.label}: ${detail}\n`);
    }
  }

  /** Byte-count progress for downloads: a bar when the total is known, bytes and rate always. */
  bytes(done: number, total?: number): void {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const rate = `${formatBytes(done / seconds)}/s`;
    if (total && total > 0) {
      const width = 20;
      const filled = Math.min(width, Math.round((done / total) * width));
      this.update(
        `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${formatBytes(done)}/${formatBytes(total)} ${rate}`,
      );
    } else {
      this.update(`${formatBytes(done)} ${rate}`);
    }
  }

  stop(finalMessage?: string): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.interactive) {
      this.stream.write('\r\u001B[2K');
      if (finalMessage) this.stream.write(`${finalMessage}\n`);
    } else if (this.piped === 'lines' && finalMessage) {
      this.stream.write(`${finalMessage}\n`);
    }
  }

  private draw(): void {
    const elapsed = ((Date.now() - this.started) / 1000).toFixed(0);
    const spinner = FRAMES[this.frame++ % FRAMES.length];
    const text = `${spinner} ${this.label}${this.detail ? ` ${this.detail}` : ''} (${elapsed}s)`;
    const columns = this.stream.columns ?? 80;
    this.stream.write(`\r\u001B[2K${text.slice(0, Math.max(columns - 1, 10))}`);
  }
}
