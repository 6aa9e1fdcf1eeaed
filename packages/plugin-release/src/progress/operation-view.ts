import type { OperationEvent } from '@helmts/proto';

export type ProgressMode = 'tty' | 'plain' | 'none';

interface Row {
  label: string;
  action: string;
  detail: string;
  started: number;
  finished?: number;
}

const ACTIVE = new Set(['STARTED', 'UPDATED', 'CREATED', 'RECREATED']);

/**
 * Shows a running Tiller operation from its event stream: on a terminal, one line per resource
 * and hook redrawn in place (kind/name, action, readiness, elapsed); when piped, one plain
 * line per event; or nothing.
 */
export class OperationView {
  private readonly rows = new Map<string, Row>();
  private phase = '';
  private ready = '';
  private drawn = 0;
  private readonly started = Date.now();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly mode: ProgressMode,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    if (mode === 'tty') {
      this.timer = setInterval(() => this.draw(), 250);
      this.timer.unref();
    }
  }

  handle(event: OperationEvent): void {
    const now = Date.now();
    if (event.phase) {
      this.phase = String(event.phase.phase);
      this.plain(`phase ${this.phase}${event.phase.message ? `: ${event.phase.message}` : ''}`);
    } else if (event.resource) {
      const r = event.resource;
      const key = `${r.kind}/${r.name}`;
      const row = this.rows.get(key) ?? { label: key, action: '', detail: '', started: now };
      row.action = String(r.action).toLowerCase();
      row.detail = r.message;
      if (!ACTIVE.has(String(r.action))) row.finished = now;
      this.rows.set(key, row);
      this.plain(`${key} ${row.action}${r.message ? ` (${r.message})` : ''}`);
    } else if (event.hook) {
      const h = event.hook;
      const key = `hook ${h.kind}/${h.name}`;
      const row = this.rows.get(key) ?? {
        label: `${key} [${String(h.event).toLowerCase()}]`,
        action: '',
        detail: '',
        started: now,
      };
      row.action = String(h.state).toLowerCase();
      row.detail = h.message;
      if (String(h.state) !== 'STARTED') row.finished = now;
      this.rows.set(key, row);
      this.plain(`${key} ${row.action}${h.message ? ` (${h.message})` : ''}`);
    } else if (event.readiness) {
      const r = event.readiness;
      this.ready = `${r.ready_objects}/${r.total_objects} ready`;
      const key = `${r.kind}/${r.name}`;
      const row = this.rows.get(key);
      if (row) row.detail = r.ready ? 'ready' : r.message || 'waiting';
      this.plain(`${key} ${r.ready ? 'ready' : 'not ready'}${r.message ? ` (${r.message})` : ''} — ${this.ready}`);
    } else if (event.result) {
      this.plain(
        `${event.result.success ? 'succeeded' : 'failed'}${event.result.message ? `: ${event.result.message}` : ''}`,
      );
    }
    if (this.mode === 'tty') this.draw();
  }

  /** Clears the live display (the final status block is printed after it). */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.mode === 'tty') {
      this.draw();
      this.stream.write('\n');
    }
  }

  private plain(line: string): void {
    if (this.mode === 'plain') this.stream.write(`${line}\n`);
  }

  private draw(): void {
    const now = Date.now();
    const seconds = (from: number, to?: number) => `${(((to ?? now) - from) / 1000).toFixed(0)}s`;
    const width = Math.max(...[...this.rows.values()].map((r) => r.label.length), 10);
    const lines = [`${this.phase || 'STARTING'}${this.ready ? ` — ${this.ready}` : ''} (${seconds(this.started)})`];
    for (const row of this.rows.values()) {
      lines.push(
        `  ${row.label.padEnd(width)}  ${row.action.padEnd(10)} ${row.detail ? `${row.detail} ` : ''}${seconds(row.started, row.finished)}`,
      );
    }
    const columns = this.stream.columns ?? 120;
    let out = this.drawn > 1 ? `\u001B[${this.drawn - 1}A` : '';
    out += '\r';
    out += lines.map((l) => `\u001B[2K${l.slice(0, columns - 1)}`).join('\n');
    this.stream.write(out);
    this.drawn = lines.length;
  }
}
