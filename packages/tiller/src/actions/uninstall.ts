// UninstallRelease (reference §3.7).
import type { Release } from '@helmts/proto';
import { timestampFromDate } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import { runHooks } from '../kube/hooks.js';
import { deleteAll } from '../kube/resource-set.js';
import { describeObject } from '../kube/kube-client.js';
import type { ProgressSink } from '../operations/progress.js';
import { InvalidArgumentError, OperationFailedError, validateReleaseName } from './action-errors.js';
import { inOperation, type OperationContext } from './release-ops.js';
import { setStatus, statusCode } from './release-status.js';

export interface UninstallOptions extends OperationContext {
  name: string;
  disableHooks?: boolean;
  purge?: boolean;
  timeout?: number;
  description?: string;
  /** called from inside another operation on the same release (atomic install) */
  lockHeld?: boolean;
  progress?: ProgressSink;
}

export interface UninstallResult {
  release: Release;
  info: string;
}

export async function uninstallRelease(ctx: TillerContext, opts: UninstallOptions): Promise<UninstallResult> {
  validateReleaseName(opts.name);
  const name = opts.name;
  const body = async (progress: ProgressSink): Promise<UninstallResult> => {
    const history = await ctx.storage.history(name);
    const latest = history.reduce((a, b) => (b.version > a.version ? b : a));
    if (statusCode(latest) === 'DELETED') {
      if (!opts.purge) throw new InvalidArgumentError(`the release named "${name}" is already deleted`);
      for (const r of history) await ctx.storage.delete(name, r.version);
      return { release: latest, info: '' };
    }
    const hookOpts = { namespace: latest.namespace, timeoutSeconds: opts.timeout || 300, progress, pollMs: ctx.pollMs };
    if (!opts.disableHooks) {
      progress.phase('PRE_HOOKS', 'pre-delete');
      await runHooks(ctx.kube, latest.hooks, 'PRE_DELETE', hookOpts);
    }
    setStatus(latest, 'DELETING', 'Deletion in progress (or silently failed)');
    latest.info!.deleted = timestampFromDate(new Date());
    await ctx.storage.update(latest);
    progress.phase('DELETING');
    let objs;
    try {
      objs = await ctx.kube.build(latest.manifest, latest.namespace);
    } catch (e) {
      throw new OperationFailedError(
        `corrupted release record. You must manually delete the resources: ${(e as Error).message}`,
        latest,
        e,
      );
    }
    const { kept, errors } = await deleteAll(ctx.kube, name, objs, { progress });
    if (!opts.disableHooks) {
      progress.phase('POST_HOOKS', 'post-delete');
      try {
        await runHooks(ctx.kube, latest.hooks, 'POST_DELETE', hookOpts);
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    setStatus(latest, 'DELETED', opts.description || 'Deletion complete');
    progress.phase('RECORDING');
    // DELETED is recorded before a purge removes the records: a crash part-way through the purge
    // leaves a deleted release that `delete --purge` finishes, not a DELETING one
    await ctx.storage.update(latest);
    if (opts.purge) for (const r of history) await ctx.storage.delete(name, r.version);
    const info =
      kept.length === 0
        ? ''
        : `These resources were kept due to the resource policy:\n${kept.map((o) => describeObject(o)).join('\n')}\n`;
    // Helm 2 reports not-found objects as errors; they are only informative here
    const real = errors.filter((e) => !e.endsWith('not found, skipping delete'));
    if (real.length > 0)
      throw new OperationFailedError(`deletion completed with ${real.length} error(s): ${real.join('; ')}`, latest);
    return { release: latest, info };
  };
  if (opts.lockHeld) return body(opts.progress ?? (await import('../operations/progress.js')).silentProgress);
  return inOperation(ctx, name, 'UNINSTALL', opts, ({ progress }) => body(progress));
}
