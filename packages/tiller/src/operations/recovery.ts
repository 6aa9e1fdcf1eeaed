// Crash safety: at start, settle every release that a Tiller which died mid-operation left behind
// (its lock is free or held by a dead process), so that each one can be upgraded, rolled back,
// deleted or replaced again:
//
// - latest revision PENDING_INSTALL/UPGRADE/ROLLBACK → FAILED (the operation did not finish);
// - latest revision DELETING → DELETED (the user asked for the deletion; objects it had not
//   deleted yet may remain, and `delete --purge` or `install --replace` takes them over);
// - an interrupted upgrade or rollback that had already superseded the deployed revision (records
//   written by Helm 2's Tiller, or by an older helmts, supersede it first) → that revision, the
//   last one really deployed, is DEPLOYED again;
// - two DEPLOYED revisions (the new one is recorded before the old one is superseded) → the newer
//   stays DEPLOYED, the older ones become SUPERSEDED: the operation is completed.
import type { Release } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import { setStatus, statusCode } from '../actions/release-ops.js';
import { ReleaseBusyError } from './release-lock.js';

function needsRecovery(history: Release[]): boolean {
  const code = statusCode(history.at(-1)!);
  if (code.startsWith('PENDING_') || code === 'DELETING') return true;
  return history.filter((r) => statusCode(r) === 'DEPLOYED').length > 1;
}

/** What recovery changed in one release, e.g. `web.v3 PENDING_UPGRADE→FAILED`. */
async function settle(ctx: TillerContext, name: string): Promise<string[]> {
  const history = await ctx.storage.history(name);
  if (!needsRecovery(history)) return [];
  const done: string[] = [];
  const mark = async (rel: Release, code: string, description: string) => {
    const was = statusCode(rel);
    setStatus(rel, code, description);
    await ctx.storage.update(rel);
    done.push(`${name}.v${rel.version} ${was}→${code}`);
    ctx.log.warn('recovered interrupted operation', { release: name, revision: rel.version, was, now: code });
  };
  const latest = history.at(-1)!;
  const code = statusCode(latest);
  if (code.startsWith('PENDING_')) {
    const op = code.slice('PENDING_'.length).toLowerCase();
    await mark(latest, 'FAILED', `Tiller stopped during ${op}; marked failed at restart (was ${code})`);
    const deployed = history.some((r) => statusCode(r) === 'DEPLOYED');
    if (!deployed && (code === 'PENDING_UPGRADE' || code === 'PENDING_ROLLBACK')) {
      const lastDeployed = history.slice(0, -1).findLast((r) => statusCode(r) === 'SUPERSEDED');
      if (lastDeployed)
        await mark(
          lastDeployed,
          'DEPLOYED',
          `Deployed again at restart: Tiller stopped during the ${op} to revision ${latest.version}`,
        );
    }
  } else if (code === 'DELETING') {
    await mark(
      latest,
      'DELETED',
      'Tiller stopped during delete; marked deleted at restart (objects not yet deleted may remain)',
    );
  }
  const deployed = history.filter((r) => statusCode(r) === 'DEPLOYED');
  for (const older of deployed.slice(0, -1)) await mark(older, 'SUPERSEDED', older.info?.Description ?? '');
  return done;
}

export async function recoverPendingReleases(ctx: TillerContext): Promise<string[]> {
  const byName = new Map<string, Release[]>();
  for (const r of await ctx.storage.listReleases()) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  const recovered: string[] = [];
  for (const [name, revisions] of byName) {
    if (!needsRecovery(revisions.sort((a, b) => a.version - b.version))) continue;
    if (!(await ctx.lock.isStale(name))) continue; // another live Tiller is working on it
    let handle;
    try {
      handle = await ctx.lock.acquire(name, 'recovery');
    } catch (e) {
      if (e instanceof ReleaseBusyError) continue;
      throw e;
    }
    try {
      recovered.push(...(await settle(ctx, name)));
    } finally {
      await handle.release();
    }
  }
  return recovered;
}
