// Crash safety: a release whose latest revision is PENDING_* with no live operation holding its
// lock was left by a Tiller that died; mark that revision FAILED so the release is never stuck.
import type { TillerContext } from '../tiller-context.js';
import { setStatus, statusCode } from '../actions/release-ops.js';
import { ReleaseBusyError } from './release-lock.js';

export async function recoverPendingReleases(ctx: TillerContext): Promise<string[]> {
  const latest = new Map<string, Awaited<ReturnType<TillerContext['storage']['listReleases']>>[number]>();
  for (const r of await ctx.storage.listReleases()) {
    const cur = latest.get(r.name);
    if (!cur || r.version > cur.version) latest.set(r.name, r);
  }
  const recovered: string[] = [];
  for (const rel of latest.values()) {
    const code = statusCode(rel);
    if (!code.startsWith('PENDING_')) continue;
    if (!(await ctx.lock.isStale(rel.name))) continue; // another live Tiller is working on it
    let handle;
    try {
      handle = await ctx.lock.acquire(rel.name, 'recovery');
    } catch (e) {
      if (e instanceof ReleaseBusyError) continue;
      throw e;
    }
    try {
      const fresh = await ctx.storage.get(rel.name, rel.version);
      if (!statusCode(fresh).startsWith('PENDING_')) continue;
      const op = code.slice('PENDING_'.length).toLowerCase();
      setStatus(fresh, 'FAILED', `Tiller stopped during ${op}; marked failed at restart (was ${code})`);
      await ctx.storage.update(fresh);
      recovered.push(`${rel.name}.v${rel.version}`);
      ctx.log.warn('recovered interrupted operation', { release: rel.name, revision: rel.version, was: code });
    } finally {
      await handle.release();
    }
  }
  return recovered;
}
