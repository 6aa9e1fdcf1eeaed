// Progress of running operations for WatchOperation: an event bus with a small replay buffer so a
// watcher that connects after the operation started (or just finished) still sees everything.
import type { HookRunInput, OperationEventInput, ReadinessUpdateInput, ResourceChangeInput } from '@helmts/proto';
import { timestampFromDate } from '@helmts/proto';

export interface ProgressSink {
  phase(phase: string, message?: string): void;
  resource(change: ResourceChangeInput): void;
  hook(run: HookRunInput): void;
  readiness(update: ReadinessUpdateInput): void;
}

export const silentProgress: ProgressSink = { phase() {}, resource() {}, hook() {}, readiness() {} };

type Listener = (ev: OperationEventInput) => void;

interface OperationLog {
  id: string;
  release: string;
  events: OperationEventInput[];
  listeners: Set<Listener>;
  done: boolean;
  doneAt?: number;
}

const REPLAY_LIMIT = 500;
const KEEP_FINISHED_MS = 5 * 60_000;

export class OperationBus {
  private readonly ops = new Map<string, OperationLog>();
  /** watchers by release name, for `WatchOperation({release})` */
  private readonly releaseWatchers = new Map<string, Set<(op: string) => void>>();
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Starts an operation; returns a sink that stamps and publishes events, and `finish`. */
  begin(
    id: string,
    release: string,
    operation: string,
    revision = 0,
  ): ProgressSink & {
    finish(result: { success: boolean; status?: string; message?: string; code?: number }): void;
    setRevision(r: number): void;
  } {
    this.gc();
    const log: OperationLog = { id, release, events: [], listeners: new Set(), done: false };
    this.ops.set(id, log);
    let sequence = 0;
    let rev = revision;
    const publish = (payload: Partial<OperationEventInput>) => {
      if (log.done) return;
      const ev: OperationEventInput = {
        operation_id: id,
        release,
        revision: rev,
        operation: operation as never,
        sequence: ++sequence,
        time: timestampFromDate(new Date()),
        ...payload,
      };
      log.events.push(ev);
      if (log.events.length > REPLAY_LIMIT) log.events.splice(1, log.events.length - REPLAY_LIMIT); // keep the first (STARTED)
      for (const l of log.listeners) l(ev);
    };
    for (const w of this.waiters.get(id) ?? []) w();
    this.waiters.delete(id);
    for (const w of this.releaseWatchers.get(release) ?? []) w(id);
    return {
      phase: (phase, message = '') => publish({ phase: { phase: phase as never, message } }),
      resource: (change) => publish({ resource: change }),
      hook: (run) => publish({ hook: run }),
      readiness: (update) => publish({ readiness: update }),
      setRevision: (r) => (rev = r),
      finish: (result) => {
        publish({
          result: {
            success: result.success,
            status: (result.status ?? '') as never,
            message: result.message ?? '',
            code: result.code ?? 0,
          },
        });
        log.done = true;
        log.doneAt = Date.now();
        for (const l of log.listeners) l(null as never);
        log.listeners.clear();
      },
    };
  }

  /**
   * Streams the events of operation `id` (replayed from the start) until its result; waits for
   * the operation to begin if it has not yet. `onEnd` is called after the last event.
   */
  watch(id: string, onEvent: Listener, onEnd: () => void): () => void {
    let stopped = false;
    const attach = () => {
      if (stopped) return;
      const log = this.ops.get(id)!;
      for (const ev of log.events) onEvent(ev);
      if (log.done) return onEnd();
      const l: Listener = (ev) => (ev === null ? onEnd() : onEvent(ev));
      log.listeners.add(l);
      cancel = () => log.listeners.delete(l);
    };
    let cancel = () => {};
    if (this.ops.has(id)) attach();
    else {
      const set = this.waiters.get(id) ?? new Set();
      set.add(attach);
      this.waiters.set(id, set);
      cancel = () => set.delete(attach);
    }
    return () => {
      stopped = true;
      cancel();
    };
  }

  /** The running (or next) operation on `release`. */
  watchRelease(release: string, onEvent: Listener, onEnd: () => void): () => void {
    const running = [...this.ops.values()].find((o) => o.release === release && !o.done);
    if (running) return this.watch(running.id, onEvent, onEnd);
    let inner: (() => void) | undefined;
    const set = this.releaseWatchers.get(release) ?? new Set();
    const w = (op: string) => {
      set.delete(w);
      inner = this.watch(op, onEvent, onEnd);
    };
    set.add(w);
    this.releaseWatchers.set(release, set);
    return () => {
      set.delete(w);
      inner?.();
    };
  }

  private gc() {
    const now = Date.now();
    for (const [id, log] of this.ops) if (log.done && now - (log.doneAt ?? now) > KEEP_FINISHED_MS) this.ops.delete(id);
  }
}
