// Releases to settle later, in the background: those a starting Tiller found unfinished under a
// Lease that was still live (a dead holder's Lease runs out within its lease period), and those an
// operation of this Tiller failed on and could not settle right away (the API server was what
// failed). Each is tried again, taking the release's lock like any operation: after a lease period
// while someone holds the lock, with capped backoff while the API server fails. Whoever takes the
// lock first settles the release (every operation does, see recovery.ts); a later try then finds
// nothing to do.
import { randomUUID } from 'node:crypto';
import type { SettlementQueue, TillerContext } from '../tiller-context.js';
import { settleRelease } from './recovery.js';
import { ReleaseBusyError } from './release-lock.js';

export interface PendingSettlementsOptions {
  /** wait this long when the lock is busy: a lease period and a second; default 31 s */
  busyDelayMs?: number;
  /** first delay after the API server failed, doubled up to `maxDelayMs`; default 1 s */
  firstDelayMs?: number;
  /** default 30 s */
  maxDelayMs?: number;
  /** tries per release before leaving it to the next operation on it (or the next start); default 20 */
  attempts?: number;
}

interface Pending {
  why: string | undefined;
  timer: NodeJS.Timeout;
}

export class PendingSettlements implements SettlementQueue {
  readonly #pending = new Map<string, Pending>();
  readonly #options: Required<PendingSettlementsOptions>;
  #stopped = false;

  constructor(options: PendingSettlementsOptions = {}) {
    this.#options = {
      busyDelayMs: options.busyDelayMs ?? 31_000,
      firstDelayMs: options.firstDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      attempts: options.attempts ?? 20,
    };
  }

  /** Releases waiting to be settled (tests, logs). */
  get names(): string[] {
    return [...this.#pending.keys()];
  }

  /**
   * Settle `release` in the background; `why` says why its operation did not finish (default: as
   * for any operation found unfinished). `busy`: its lock is held now, so wait a lease period first.
   */
  add(ctx: TillerContext, release: string, options: { why?: string; busy?: boolean } = {}): void {
    if (this.#stopped) return;
    const delay = options.busy ? this.#options.busyDelayMs : this.#options.firstDelayMs;
    this.#schedule(ctx, release, options.why, delay, 1);
  }

  /**
   * An operation holding the release's lock settles it now: the background try is dropped, and why
   * the earlier operation did not finish, if known here, is returned for its description.
   */
  take(release: string): string | undefined {
    const p = this.#pending.get(release);
    if (!p) return undefined;
    clearTimeout(p.timer);
    this.#pending.delete(release);
    return p.why;
  }

  /** Forget every pending try (Tiller stops). */
  stop(): void {
    this.#stopped = true;
    for (const p of this.#pending.values()) clearTimeout(p.timer);
    this.#pending.clear();
  }

  #schedule(ctx: TillerContext, release: string, why: string | undefined, delayMs: number, attempt: number): void {
    clearTimeout(this.#pending.get(release)?.timer);
    const timer = setTimeout(() => void this.#try(ctx, release, why, delayMs, attempt), delayMs);
    timer.unref();
    this.#pending.set(release, { why, timer });
  }

  async #try(ctx: TillerContext, release: string, why: string | undefined, delayMs: number, attempt: number) {
    const again = (nextDelayMs: number, error: string) => {
      if (!this.#pending.has(release)) return; // stopped meanwhile
      if (attempt >= this.#options.attempts) {
        this.#pending.delete(release);
        ctx.log.warn('gave up settling a release in the background; the next operation on it settles it', {
          release,
          error,
        });
        return;
      }
      this.#schedule(ctx, release, why, nextDelayMs, attempt + 1);
    };
    let handle;
    try {
      handle = await ctx.lock.acquire(release, `recovery ${randomUUID()}`);
    } catch (e) {
      if (e instanceof ReleaseBusyError) again(this.#options.busyDelayMs, e.message);
      else again(Math.min(delayMs * 2, this.#options.maxDelayMs), (e as Error).message);
      return;
    }
    try {
      const changes = await settleRelease(ctx, release, why);
      this.#pending.delete(release);
      if (changes.length > 0) ctx.log.warn('settled a release in the background', { release, changes });
    } catch (e) {
      ctx.log.warn('settling a release failed; trying again later', { release, error: (e as Error).message });
      again(Math.min(delayMs * 2, this.#options.maxDelayMs), (e as Error).message);
    } finally {
      await handle.release().catch(() => {});
    }
  }
}
