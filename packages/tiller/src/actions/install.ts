// InstallRelease (reference §3.1).
import type { Chart, Release, ReleaseInput } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import { ReleaseNotFoundError } from '../storage/index.js';
import { HookFailedError, runHooks } from '../kube/hooks.js';
import { createAll, updateAll, waitForReady } from '../kube/resource-set.js';
import { InvalidArgumentError, OperationFailedError, ReleaseNameInUseError } from './action-errors.js';
import { generateReleaseName } from './release-names.js';
import { inOperation, nowTs, renderRelease, type OperationContext } from './release-ops.js';
import { setStatus, statusCode } from './release-status.js';
import { uninstallRelease } from './uninstall.js';

export interface InstallOptions extends OperationContext {
  chart: Chart | null;
  values?: string;
  name?: string;
  namespace?: string;
  dryRun?: boolean;
  disableHooks?: boolean;
  disableCrdHook?: boolean;
  /** --replace: reuse the name of a DELETED or FAILED release */
  reuseName?: boolean;
  wait?: boolean;
  /** seconds, default 300 */
  timeout?: number;
  description?: string;
  subNotes?: boolean;
  /** purge the release if the install fails (Helm 2 does this client-side) */
  atomic?: boolean;
  /** called from inside another operation on the same release (upgrade --force) */
  lockHeld?: boolean;
}

export interface InstallResult {
  release: Release | ReleaseInput;
}

async function historyOrEmpty(ctx: TillerContext, name: string): Promise<Release[]> {
  try {
    return await ctx.storage.history(name);
  } catch (e) {
    if (e instanceof ReleaseNotFoundError) return [];
    throw e;
  }
}

async function chooseName(ctx: TillerContext, opts: InstallOptions): Promise<{ name: string; previous?: Release }> {
  if (opts.name) {
    if (opts.name.length > 53) throw new InvalidArgumentError(`release name "${opts.name}" exceeds max length of 53`);
    const h = await historyOrEmpty(ctx, opts.name);
    if (h.length === 0) return { name: opts.name };
    const latest = h.reduce((a, b) => (b.version > a.version ? b : a));
    if (opts.reuseName) {
      const code = statusCode(latest);
      if (code === 'DELETED' || code === 'FAILED') return { name: opts.name, previous: latest };
      throw new ReleaseNameInUseError(
        `a release named ${opts.name} is in use, cannot re-use a name that is still in use`,
      );
    }
    throw new ReleaseNameInUseError(
      `a release named ${opts.name} already exists.\nRun: helm ls --all ${opts.name}; to check the status of the release\nOr run: helm del --purge ${opts.name}; to delete it`,
    );
  }
  for (let i = 0; i < 5; i++) {
    const name = generateReleaseName();
    if ((await historyOrEmpty(ctx, name)).length === 0) return { name };
  }
  throw new ReleaseNameInUseError('no available release name found');
}

export async function installRelease(ctx: TillerContext, opts: InstallOptions): Promise<InstallResult> {
  if (!opts.chart) throw new InvalidArgumentError('no chart provided');
  const chart = opts.chart;
  const namespace = opts.namespace || 'default';
  const timeout = opts.timeout || 300;
  // the name must be chosen before locking; a generated name is locked as well
  const first = await chooseName(ctx, opts);
  return inOperation(
    ctx,
    first.name,
    'INSTALL',
    opts,
    async ({ progress }) => {
      const { name, previous } = await chooseName(ctx, { ...opts, name: first.name }); // re-check under the lock
      const time = new Date();
      const revision = previous ? previous.version + 1 : 1;
      progress.setRevision(revision);
      progress.phase('RENDERING');
      const rendered = await renderRelease(ctx, {
        chart,
        configRaw: opts.values ?? '',
        name,
        namespace,
        revision,
        isUpgrade: false,
        subNotes: opts.subNotes,
        time,
        dialect: opts.dialect,
      });
      const rel: ReleaseInput = {
        name,
        namespace,
        chart,
        config: { raw: opts.values ?? '' },
        manifest: rendered.manifest,
        hooks: rendered.hooks,
        version: revision,
        info: {
          first_deployed: nowTs(),
          last_deployed: nowTs(),
          status: { code: 'PENDING_INSTALL', notes: rendered.notes },
          Description: 'Initial install underway',
        },
      };
      const crdHooks = rendered.hooks.some((h) => (h.events ?? []).includes('CRD_INSTALL' as never));
      if (opts.dryRun) {
        if (crdHooks && !opts.disableCrdHook)
          rel.info!.Description = 'Validation skipped because CRDs are not installed';
        else {
          await ctx.kube.build(rel.manifest!, namespace); // validation
          rel.info!.Description = 'Dry run complete';
        }
        return { release: rel };
      }
      const hookOpts = { namespace, timeoutSeconds: timeout, progress, pollMs: ctx.pollMs };
      if (!opts.disableHooks && !opts.disableCrdHook && crdHooks) {
        progress.phase('PRE_HOOKS', 'crd-install');
        await runHooks(ctx.kube, rel.hooks!, 'CRD_INSTALL', hookOpts);
        ctx.kube.invalidateDiscovery();
      }
      let objs;
      try {
        objs = await ctx.kube.build(rel.manifest!, namespace);
      } catch (e) {
        throw new InvalidArgumentError(`validation failed: ${(e as Error).message}`);
      }
      await ctx.kube.ensureNamespace(namespace);
      // --replace: the replaced revision is SUPERSEDED once the new one is recorded (DEPLOYED or
      // FAILED), so a crash never leaves a release whose latest revision is a SUPERSEDED one
      const supersedePrevious = async () => {
        if (!previous) return;
        setStatus(previous, 'SUPERSEDED');
        await ctx.storage.update(previous);
      };
      const fail = async (description: string, err: unknown, applied = true): Promise<never> => {
        setStatus(rel, 'FAILED', description);
        progress.phase('RECORDING');
        await ctx.storage
          .update(rel)
          .then(() => (applied ? supersedePrevious() : undefined))
          .catch((e2) => ctx.log.error('recording failed release', { release: name, error: (e2 as Error).message }));
        if (opts.atomic) {
          progress.phase('DELETING', 'atomic: purging the failed release');
          await uninstallRelease(ctx, { name, purge: true, timeout, lockHeld: true, progress }).catch((e3) =>
            ctx.log.error('atomic purge failed', { release: name, error: (e3 as Error).message }),
          );
        }
        throw new OperationFailedError(`release ${name} failed: ${(err as Error).message}`, rel, err);
      };
      if (!opts.disableHooks) {
        progress.phase('PRE_HOOKS', 'pre-install');
        try {
          await runHooks(ctx.kube, rel.hooks!, 'PRE_INSTALL', hookOpts);
        } catch (e) {
          if (!(e instanceof HookFailedError)) throw e;
          // Helm 2 stores nothing here; we record the failure so it is visible
          await ctx.storage.create(rel);
          return fail(`Release "${name}" failed pre-install: ${e.message}`, e, false);
        }
      }
      await ctx.storage.create(rel);
      progress.phase('APPLYING');
      try {
        if (previous)
          await updateAll(ctx.kube, await ctx.kube.build(previous.manifest, previous.namespace), objs, { progress });
        else await createAll(ctx.kube, objs, { progress });
        if (opts.wait || opts.atomic) {
          progress.phase('WAITING');
          await waitForReady(ctx.kube, objs, timeout, { progress, pollMs: ctx.pollMs });
        }
      } catch (e) {
        return fail(
          previous
            ? `Release replace "${name}" failed: ${(e as Error).message}`
            : `Release "${name}" failed: ${(e as Error).message}`,
          e,
        );
      }
      if (!opts.disableHooks) {
        progress.phase('POST_HOOKS', 'post-install');
        try {
          await runHooks(ctx.kube, rel.hooks!, 'POST_INSTALL', hookOpts);
        } catch (e) {
          return fail(`Release "${name}" failed post-install: ${(e as Error).message}`, e);
        }
      }
      setStatus(rel, 'DEPLOYED', opts.description || 'Install complete');
      progress.phase('RECORDING');
      await ctx.storage.update(rel);
      await supersedePrevious();
      return { release: rel };
    },
    { lock: !opts.lockHeld },
  );
}
