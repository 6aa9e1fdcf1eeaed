// UpdateRelease (reference §3.2–3.5). Differences from Helm 2, on purpose: a failing pre/post-upgrade
// hook marks the new revision FAILED (Helm 2 leaves it PENDING_UPGRADE forever); with the release
// lock, the pending guard only sees revisions left by a crashed Tiller.
import type { Chart, Release, ReleaseInput } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import { runHooks } from '../kube/hooks.js';
import { updateAll, waitForReady } from '../kube/resource-set.js';
import type { KubeObject } from '../kube/kube-client.js';
import { upgradeValues } from '../render/chart-values.js';
import {
  InvalidArgumentError,
  OperationFailedError,
  ReleaseNameInUseError,
  validateReleaseName,
} from './action-errors.js';
import { installRelease } from './install.js';
import { uninstallRelease } from './uninstall.js';
import type { ProgressSink } from '../operations/progress.js';
import { inOperation, nowTs, renderRelease, type OperationContext } from './release-ops.js';
import { setStatus, statusCode } from './release-status.js';
import { rollbackRelease } from './rollback.js';

export interface UpgradeOptions extends OperationContext {
  name: string;
  chart: Chart | null;
  values?: string;
  dryRun?: boolean;
  disableHooks?: boolean;
  recreate?: boolean;
  timeout?: number;
  resetValues?: boolean;
  reuseValues?: boolean;
  wait?: boolean;
  force?: boolean;
  description?: string;
  subNotes?: boolean;
  cleanupOnFail?: boolean;
  /** roll back to the previous revision on failure (Helm 2 does this client-side) */
  atomic?: boolean;
}

async function prepareUpgrade(
  ctx: TillerContext,
  opts: UpgradeOptions,
  progress: ProgressSink & { setRevision(r: number): void },
) {
  const name = opts.name;
  const current = await ctx.storage.deployed(name);
  const { chart, configRaw } = upgradeValues(opts.chart!, opts.values ?? '', current, {
    resetValues: !!opts.resetValues,
    reuseValues: !!opts.reuseValues,
    helm2: (opts.dialect ?? ctx.dialect ?? 'helm2') === 'helm2',
  });
  const last = await ctx.storage.last(name);
  if (/^PENDING_/.test(statusCode(last)))
    throw new InvalidArgumentError('another operation (install/upgrade/rollback) is in progress');
  const revision = last.version + 1;
  progress.setRevision(revision);
  progress.phase('RENDERING');
  const rendered = await renderRelease(ctx, {
    chart,
    configRaw,
    name,
    namespace: current.namespace,
    revision,
    isUpgrade: true,
    subNotes: opts.subNotes,
    time: new Date(),
    dialect: opts.dialect,
  });
  let target: KubeObject[];
  try {
    target = await ctx.kube.build(rendered.manifest, current.namespace);
  } catch (e) {
    throw new InvalidArgumentError(`validation failed: ${(e as Error).message}`);
  }
  return { current, chart, configRaw, revision, rendered, target };
}

/**
 * Helm 2's `--force` path (§3.4) when the upgrade cannot be prepared (no DEPLOYED revision, render
 * or validation error): only for a release whose latest revision is DELETED or FAILED — delete what
 * is left of it and install the chart afresh as the next revision.
 */
async function forceReplace(
  ctx: TillerContext,
  opts: UpgradeOptions,
  cause: unknown,
  progress: ProgressSink,
): Promise<{ release: Release | ReleaseInput }> {
  let last: Release;
  try {
    last = await ctx.storage.last(opts.name);
  } catch {
    throw cause;
  }
  const code = statusCode(last);
  if (code !== 'DELETED' && code !== 'FAILED')
    throw new ReleaseNameInUseError(
      `a release named ${opts.name} is in use, cannot re-use a name that is still in use`,
    );
  if (code === 'FAILED')
    await uninstallRelease(ctx, {
      name: opts.name,
      lockHeld: true,
      progress,
      disableHooks: opts.disableHooks,
      timeout: opts.timeout,
    });
  return installRelease(ctx, {
    chart: opts.chart,
    values: opts.values,
    name: opts.name,
    namespace: last.namespace,
    reuseName: true,
    lockHeld: true,
    disableHooks: opts.disableHooks,
    wait: opts.wait,
    timeout: opts.timeout,
    description: opts.description || 'Upgrade complete',
  });
}

export async function upgradeRelease(
  ctx: TillerContext,
  opts: UpgradeOptions,
): Promise<{ release: Release | ReleaseInput }> {
  validateReleaseName(opts.name);
  if (!opts.chart) throw new InvalidArgumentError('no chart provided');
  const name = opts.name;
  const timeout = opts.timeout || 300;
  const outcome = await inOperation(ctx, name, 'UPGRADE', opts, async ({ progress }) => {
    let prepared;
    try {
      prepared = await prepareUpgrade(ctx, opts, progress);
    } catch (e) {
      if (!opts.force) throw e;
      return { release: (await forceReplace(ctx, opts, e, progress)).release, failed: undefined as unknown };
    }
    const { current, chart, configRaw, revision, rendered } = prepared;
    const rel: ReleaseInput = {
      name,
      namespace: current.namespace,
      chart,
      config: { raw: configRaw },
      manifest: rendered.manifest,
      hooks: rendered.hooks,
      version: revision,
      info: {
        first_deployed: current.info?.first_deployed ?? nowTs(),
        last_deployed: nowTs(),
        status: { code: 'PENDING_UPGRADE', notes: rendered.notes },
        Description: 'Preparing upgrade',
      },
    };
    const target = prepared.target;
    if (opts.dryRun) {
      rel.info!.Description = 'Dry run complete';
      return { release: rel, failed: undefined as unknown };
    }
    await ctx.storage.create(rel);
    const hookOpts = { namespace: current.namespace, timeoutSeconds: timeout, progress, pollMs: ctx.pollMs };
    const record = async (description: string, cause: unknown) => {
      setStatus(rel, 'FAILED', description);
      progress.phase('RECORDING');
      try {
        await ctx.storage.update(rel);
      } catch (e) {
        // the revision stays PENDING_UPGRADE for now; inOperation settles it (operations/recovery.ts)
        throw new OperationFailedError(
          `UPGRADE FAILED: ${(cause as Error).message}; recording the failure failed too: ${(e as Error).message}`,
          rel,
          cause,
        );
      }
    };
    if (!opts.disableHooks) {
      progress.phase('PRE_HOOKS', 'pre-upgrade');
      try {
        await runHooks(ctx.kube, rel.hooks!, 'PRE_UPGRADE', hookOpts);
      } catch (e) {
        await record(`Upgrade "${name}" failed: ${(e as Error).message}`, e);
        return { release: rel, failed: e };
      }
    }
    progress.phase('APPLYING');
    const original = await ctx.kube.build(current.manifest, current.namespace);
    let created: KubeObject[] = [];
    try {
      created = (await updateAll(ctx.kube, original, target, { force: opts.force, recreate: opts.recreate, progress }))
        .created;
      if (opts.wait || opts.atomic) {
        progress.phase('WAITING');
        await waitForReady(ctx.kube, target, timeout, { progress, pollMs: ctx.pollMs });
      }
    } catch (e) {
      if (opts.cleanupOnFail) {
        const fresh = (e as { created?: KubeObject[] }).created ?? created;
        for (const o of fresh) await ctx.kube.delete(o).catch(() => {});
      }
      await record(`Upgrade "${name}" failed: ${(e as Error).message}`, e);
      return { release: rel, failed: e };
    }
    if (!opts.disableHooks) {
      progress.phase('POST_HOOKS', 'post-upgrade');
      try {
        await runHooks(ctx.kube, rel.hooks!, 'POST_UPGRADE', hookOpts);
      } catch (e) {
        await record(`Upgrade "${name}" failed: ${(e as Error).message}`, e);
        return { release: rel, failed: e };
      }
    }
    progress.phase('RECORDING');
    // the new revision first: a crash between the two writes leaves two DEPLOYED revisions, which
    // recovery settles on the newer (never none, which would leave the release unupgradable)
    setStatus(rel, 'DEPLOYED', opts.description || 'Upgrade complete');
    await ctx.storage.update(rel);
    setStatus(current, 'SUPERSEDED');
    await ctx.storage.update(current);
    return { release: rel, failed: undefined as unknown, previous: current.version };
  });
  if (outcome.failed !== undefined) {
    const err = outcome.failed as Error;
    if (opts.atomic) {
      const previous = (outcome.release.version ?? 1) - 1;
      try {
        await rollbackRelease(ctx, {
          name,
          version: 0,
          wait: true,
          timeout,
          cleanupOnFail: opts.cleanupOnFail,
          force: opts.force,
          // what Helm 2's client-side rollback records
          description: `Rollback to ${previous}`,
        });
      } catch (e) {
        throw new OperationFailedError(
          `${err.message}\n--atomic: rollback failed: ${(e as Error).message}`,
          outcome.release,
          err,
        );
      }
      // the upgrade's error, then on a line of its own what --atomic did: the client prints both as Helm 2's does
      throw new OperationFailedError(
        `${err.message}\n--atomic: rolled back to revision ${previous}`,
        outcome.release,
        err,
      );
    }
    // the error alone, as Helm 2's Tiller (its client says "UPGRADE FAILED")
    throw new OperationFailedError(err.message, outcome.release, err);
  }
  return { release: outcome.release };
}
