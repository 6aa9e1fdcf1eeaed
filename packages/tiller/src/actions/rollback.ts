// RollbackRelease (reference §3.6). Hook failures mark the new revision FAILED (Helm 2: stuck PENDING_ROLLBACK).
import type { Release, ReleaseInput } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import { runHooks } from '../kube/hooks.js';
import { updateAll, waitForReady } from '../kube/resource-set.js';
import type { KubeObject } from '../kube/kube-client.js';
import { InvalidArgumentError, OperationFailedError, validateReleaseName } from './action-errors.js';
import { inOperation, nowTs, type OperationContext } from './release-ops.js';
import { setStatus, statusCode } from './release-status.js';

export interface RollbackOptions extends OperationContext {
  name: string;
  /** target revision; 0 = the one before the latest */
  version?: number;
  dryRun?: boolean;
  disableHooks?: boolean;
  recreate?: boolean;
  timeout?: number;
  wait?: boolean;
  force?: boolean;
  description?: string;
  cleanupOnFail?: boolean;
}

export async function rollbackRelease(
  ctx: TillerContext,
  opts: RollbackOptions,
): Promise<{ release: Release | ReleaseInput }> {
  validateReleaseName(opts.name);
  if ((opts.version ?? 0) < 0) throw new InvalidArgumentError(`invalid release version ${opts.version}`);
  const name = opts.name;
  const timeout = opts.timeout || 300;
  return inOperation(ctx, name, 'ROLLBACK', opts, async ({ progress }) => {
    const current = await ctx.storage.last(name);
    const targetVersion = opts.version || current.version - 1;
    if (targetVersion < 1) throw new InvalidArgumentError(`release "${name}" has no revision to roll back to`);
    const previous = await ctx.storage.get(name, targetVersion);
    const revision = current.version + 1;
    progress.setRevision(revision);
    const rel: ReleaseInput = {
      name,
      namespace: previous.namespace,
      chart: previous.chart,
      config: previous.config,
      manifest: previous.manifest,
      hooks: previous.hooks,
      version: revision,
      info: {
        first_deployed: current.info?.first_deployed ?? nowTs(),
        last_deployed: nowTs(),
        status: { code: 'PENDING_ROLLBACK', notes: previous.info?.status?.notes ?? '' },
        Description: opts.description || `Rollback to ${targetVersion}`,
      },
    };
    if (opts.dryRun) return { release: rel };
    await ctx.storage.create(rel);
    const hookOpts = { namespace: rel.namespace!, timeoutSeconds: timeout, progress, pollMs: ctx.pollMs };
    const fail = async (e: unknown): Promise<never> => {
      if (statusCode(current) !== 'SUPERSEDED') {
        setStatus(current, 'SUPERSEDED');
        await ctx.storage.update(current).catch(() => {});
      }
      setStatus(rel, 'FAILED', `Rollback "${name}" failed: ${(e as Error).message}`);
      progress.phase('RECORDING');
      try {
        await ctx.storage.update(rel);
      } catch (e2) {
        // the revision stays PENDING_ROLLBACK for now; inOperation settles it (operations/recovery.ts)
        throw new OperationFailedError(
          `rollback of "${name}" failed: ${(e as Error).message}; recording the failure failed too: ${(e2 as Error).message}`,
          rel,
          e,
        );
      }
      // the error alone, as Helm 2's Tiller (the revision's description says "Rollback ... failed")
      throw new OperationFailedError((e as Error).message, rel, e);
    };
    if (!opts.disableHooks) {
      progress.phase('PRE_HOOKS', 'pre-rollback');
      try {
        await runHooks(ctx.kube, rel.hooks!, 'PRE_ROLLBACK', hookOpts);
      } catch (e) {
        return fail(e);
      }
    }
    progress.phase('APPLYING');
    try {
      const original = await ctx.kube.build(current.manifest, current.namespace);
      const target: KubeObject[] = await ctx.kube.build(rel.manifest!, rel.namespace!);
      const { created } = await updateAll(ctx.kube, original, target, {
        force: opts.force,
        recreate: opts.recreate,
        progress,
      }).catch(async (e) => {
        if (opts.cleanupOnFail)
          for (const o of (e as { created?: KubeObject[] }).created ?? []) await ctx.kube.delete(o).catch(() => {});
        throw e;
      });
      if (opts.wait) {
        progress.phase('WAITING');
        try {
          await waitForReady(ctx.kube, target, timeout, { progress, pollMs: ctx.pollMs });
        } catch (e) {
          if (opts.cleanupOnFail) for (const o of created) await ctx.kube.delete(o).catch(() => {});
          throw e;
        }
      }
    } catch (e) {
      return fail(e);
    }
    if (!opts.disableHooks) {
      progress.phase('POST_HOOKS', 'post-rollback');
      try {
        await runHooks(ctx.kube, rel.hooks!, 'POST_ROLLBACK', hookOpts);
      } catch (e) {
        return fail(e);
      }
    }
    progress.phase('RECORDING');
    // the new revision first (see upgrade.ts): a crash before the others are superseded leaves the
    // newest DEPLOYED, and recovery supersedes the rest
    setStatus(rel, 'DEPLOYED');
    await ctx.storage.update(rel);
    for (const r of await ctx.storage.history(name)) {
      if (
        r.version !== revision &&
        (statusCode(r) === 'DEPLOYED' || r.version === current.version) &&
        statusCode(r) !== 'SUPERSEDED'
      ) {
        setStatus(r, 'SUPERSEDED');
        await ctx.storage.update(r);
      }
    }
    return { release: rel };
  });
}
