// Crash safety: a release whose last operation did not finish (its Tiller was killed, or lost the
// API server and could not record the end) is settled, so that it can be upgraded, rolled back,
// deleted or replaced again. One function does it, always holding the release's lock (holding it
// proves nobody else works on the release); it is called
//
// - at start, for every release that needs it and whose lock is free or held by a dead process
//   (recoverPendingReleases); a release whose holder's Lease is still live (a Tiller killed on
//   another node renews it no more, but nothing here can tell it is dead) is settled later, once
//   the Lease can have run out (operations/pending-settlements.ts);
// - by every operation, first, once it holds the lock (actions/release-ops.ts inOperation), so a
//   release is never refused as "in progress" longer than its dead holder's Lease;
// - after an operation of this Tiller failed, still holding the lock: its own FAILED record may not
//   have been written (the API server being what failed); when even settling fails, the release is
//   settled in the background once the API server answers (pending-settlements.ts).
//
// What settling does:
// - latest revision PENDING_INSTALL/UPGRADE/ROLLBACK → FAILED (the operation did not finish);
// - latest revision DELETING → DELETED (the user asked for the deletion; objects it had not
//   deleted yet may remain, and `delete --purge` or `install --replace` takes them over);
// - an interrupted upgrade or rollback that had already superseded the deployed revision (records
//   written by Helm 2's Tiller, or by an older helmts, supersede it first) → that revision, the
//   last one really deployed, is DEPLOYED again;
// - two DEPLOYED revisions (the new one is recorded before the old one is superseded) → the newer
//   stays DEPLOYED, the older ones become SUPERSEDED: the operation is completed.
import { randomUUID } from 'node:crypto';
import type { Release } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import { setStatus, statusCode } from '../actions/release-status.js';
import { ReleaseBusyError } from './release-lock.js';
import { ReleaseNotFoundError } from '../storage/errors.js';
import { LABEL } from '../storage/record.js';

/**
 * Why an operation found unfinished did not finish, as far as anyone can tell afterwards (completes
 * "The upgrade did not finish: …").
 */
const INTERRUPTED = 'the Tiller running it stopped or lost the API server';

/** Why an operation of this Tiller that failed may have left its release unsettled. */
export function failedUnrecorded(error: unknown): string {
  const message = ((error as Error)?.message ?? String(error)).split('\n')[0]!;
  return `it failed, and the failure could not be recorded then (${message.length > 300 ? `${message.slice(0, 300)}…` : message})`;
}

/** The statuses of which a release must have a record to need settling (see needsSettling). */
const SETTLING_STATUSES = ['PENDING_INSTALL', 'PENDING_UPGRADE', 'PENDING_ROLLBACK', 'DELETING', 'DEPLOYED'];

/** Whether a release whose revisions have these status codes (in revision order) needs settling. */
function needsSettling(codes: string[]): boolean {
  if (codes.length === 0) return false;
  const code = codes.at(-1)!;
  if (code.startsWith('PENDING_') || code === 'DELETING') return true;
  return codes.filter((c) => c === 'DEPLOYED').length > 1;
}

/**
 * Settles one release whose lock the caller holds; `why` says why its last operation did not
 * finish. Returns what changed, e.g. `web.v3 PENDING_UPGRADE→FAILED` (nothing for a release without
 * records or one that needs nothing).
 */
export async function settleRelease(ctx: TillerContext, name: string, why = INTERRUPTED): Promise<string[]> {
  let history: Release[];
  try {
    history = await ctx.storage.history(name);
  } catch (e) {
    if (e instanceof ReleaseNotFoundError) return []; // a new release: nothing to settle
    throw e;
  }
  if (!needsSettling(history.map(statusCode))) return [];
  const done: string[] = [];
  const mark = async (rel: Release, code: string, description: string) => {
    const was = statusCode(rel);
    setStatus(rel, code, description);
    await ctx.storage.update(rel);
    done.push(`${name}.v${rel.version} ${was}→${code}`);
    ctx.log.warn('settled an unfinished operation', { release: name, revision: rel.version, was, now: code });
  };
  const latest = history.at(-1)!;
  const code = statusCode(latest);
  if (code.startsWith('PENDING_')) {
    const op = code.slice('PENDING_'.length).toLowerCase();
    await mark(latest, 'FAILED', `The ${op} did not finish: ${why}; marked failed (was ${code})`);
    const deployed = history.some((r) => statusCode(r) === 'DEPLOYED');
    if (!deployed && (code === 'PENDING_UPGRADE' || code === 'PENDING_ROLLBACK')) {
      const lastDeployed = history.slice(0, -1).findLast((r) => statusCode(r) === 'SUPERSEDED');
      if (lastDeployed)
        await mark(lastDeployed, 'DEPLOYED', `Deployed again: the ${op} to revision ${latest.version} did not finish`);
    }
  } else if (code === 'DELETING') {
    await mark(
      latest,
      'DELETED',
      `The delete did not finish: ${why}; marked deleted (objects not yet deleted may remain)`,
    );
  }
  const deployed = history.filter((r) => statusCode(r) === 'DEPLOYED');
  for (const older of deployed.slice(0, -1)) await mark(older, 'SUPERSEDED', older.info?.Description ?? '');
  return done;
}

export interface RecoveryOutcome {
  /** what changed, e.g. `web.v3 PENDING_UPGRADE→FAILED` */
  changes: string[];
  /** releases that need settling but whose lock is live: another Tiller works on them, or a dead one's Lease runs out */
  waiting: string[];
}

/** At start: settles every release left unfinished whose lock is free or held by a dead process. */
export async function recoverPendingReleases(ctx: TillerContext): Promise<RecoveryOutcome> {
  // Status and revision are in every record's labels (Helm 2's Tiller writes them too): reading
  // those alone finds the releases to settle without decoding every release Tiller stores. Only a
  // release with a record in one of SETTLING_STATUSES can need settling (needsSettling); the
  // apiserver selects those records (about one per release), and the labels of each release that
  // has a pending or deleting one, or two DEPLOYED, are then read whole (with 10,000 revisions,
  // every record's labels were a third of an idle Tiller's memory).
  const deployedCount = new Map<string, number>();
  const candidates = new Set<string>();
  for (const labels of await ctx.storage.recordLabels({ statuses: SETTLING_STATUSES })) {
    const name = labels[LABEL.NAME];
    if (!name) continue;
    const deployed = (deployedCount.get(name) ?? 0) + (labels[LABEL.STATUS] === 'DEPLOYED' ? 1 : 0);
    deployedCount.set(name, deployed);
    if (labels[LABEL.STATUS] !== 'DEPLOYED' || deployed > 1) candidates.add(name);
  }
  const outcome: RecoveryOutcome = { changes: [], waiting: [] };
  for (const name of candidates) {
    const revisions = (await ctx.storage.recordLabels({ name })).map((labels) => ({
      version: Number(labels[LABEL.VERSION]),
      code: labels[LABEL.STATUS] ?? 'UNKNOWN',
    }));
    if (!needsSettling(revisions.sort((a, b) => a.version - b.version).map((r) => r.code))) continue;
    if (!(await ctx.lock.isStale(name))) {
      outcome.waiting.push(name);
      continue;
    }
    let handle;
    try {
      handle = await ctx.lock.acquire(name, `recovery ${randomUUID()}`);
    } catch (e) {
      if (e instanceof ReleaseBusyError) {
        outcome.waiting.push(name);
        continue;
      }
      throw e;
    }
    try {
      outcome.changes.push(...(await settleRelease(ctx, name)));
    } finally {
      await handle.release();
    }
  }
  return outcome;
}
