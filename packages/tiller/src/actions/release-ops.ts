// Pieces shared by the release actions: rendering a release, status changes, the operation frame
// (lock + progress + result).
import { randomUUID } from 'node:crypto';
import type { Chart, Release, TimestampInput } from '@helmts/proto';
import type { DialectName } from '@helmts/engine';
import { timestampFromDate } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import { renderChart } from '../render/render-chart.js';
import { makeSyncLookup } from '../kube/sync-lookup.js';
import { splitRendered, type SplitRelease } from '../render/split-rendered.js';
import { computeValues } from '../render/chart-values.js';
import type { ProgressSink } from '../operations/progress.js';
import { failedUnrecorded, settleRelease } from '../operations/recovery.js';
import { statusCode } from './release-status.js';

export interface OperationContext {
  /** the WatchOperation id (x-helmts-operation-id); generated when absent */
  operationId?: string;
  /** the client's --dialect (x-helmts-dialect) for renders; default: the Tiller's */
  dialect?: DialectName;
}

export interface RenderReleaseInput {
  chart: Chart;
  configRaw: string;
  name: string;
  namespace: string;
  revision: number;
  isUpgrade: boolean;
  subNotes?: boolean;
  time: Date;
  /** overrides the Tiller's dialect for this render (the client's --dialect) */
  dialect?: DialectName;
}

export async function renderRelease(ctx: TillerContext, input: RenderReleaseInput): Promise<SplitRelease> {
  const dialect = input.dialect ?? ctx.dialect ?? 'helm2';
  const values = computeValues(input.chart, input.configRaw, { helm2: dialect === 'helm2' });
  const capabilities = await ctx.kube.capabilities();
  const files = await renderChart({
    chart: input.chart,
    values,
    capabilities,
    lookup: await makeSyncLookup(ctx.kube),
    registry: ctx.engines,
    limits: ctx.renderLimits,
    dialect,
    release: {
      name: input.name,
      namespace: input.namespace,
      revision: input.revision,
      isInstall: !input.isUpgrade,
      isUpgrade: input.isUpgrade,
      time: input.time,
    },
  });
  return splitRendered(files, input.chart.metadata?.name ?? '', input.subNotes ?? false);
}

export const nowTs = (): TimestampInput => timestampFromDate(new Date());

export interface Frame {
  progress: ProgressSink & { setRevision(r: number): void };
  operationId: string;
}

/**
 * Runs `body` holding the release's lock, publishing progress under the operation id; the result
 * event carries success or the error message. Holding the lock, it first settles what an earlier
 * operation left unfinished, and after a failure settles what this one may have left (see
 * operations/recovery.ts).
 */
export async function inOperation<T>(
  ctx: TillerContext,
  release: string,
  operation: 'INSTALL' | 'UPGRADE' | 'ROLLBACK' | 'UNINSTALL' | 'TEST',
  op: OperationContext,
  body: (frame: Frame) => Promise<T>,
  options: { lock?: boolean } = {},
): Promise<T> {
  const operationId = op.operationId || randomUUID();
  const handle =
    options.lock === false ? undefined : await ctx.lock.acquire(release, `${operation.toLowerCase()} ${operationId}`);
  const progress = ctx.bus.begin(operationId, release, operation);
  progress.phase('STARTED');
  ctx.log.info('operation started', { release, operation, operationId });
  let failure: { error: unknown } | undefined;
  try {
    if (handle) {
      await ctx.storage.confirmHistory(release);
      const settled = await settleRelease(ctx, release, ctx.settlements?.take(release));
      if (settled.length > 0) ctx.log.warn('settled an unfinished operation first', { release, changes: settled });
    }
    const result = await body({ progress, operationId });
    const rel = (result as { release?: Release })?.release;
    progress.finish({ success: true, status: rel ? statusCode(rel) : '', message: rel?.info?.Description ?? '' });
    ctx.log.info('operation finished', { release, operation, operationId });
    return result;
  } catch (e) {
    failure = { error: e };
    progress.finish({ success: false, message: (e as Error).message });
    ctx.log.warn('operation failed', { release, operation, operationId, error: (e as Error).message });
    throw e;
  } finally {
    if (handle) ctx.storage.forgetHistory(release);
    if (handle && failure) await settleAfterFailure(ctx, release, failure.error);
    await handle
      ?.release()
      .catch((e) => ctx.log.warn('releasing lock failed', { release, error: (e as Error).message }));
  }
}

/**
 * Still holding the lock after a failed operation: its FAILED (or DELETED) record may not have been
 * written, the API server being what failed. Settle now, else in the background. Never throws: the
 * operation's own error is what the caller reports.
 */
async function settleAfterFailure(ctx: TillerContext, release: string, error: unknown): Promise<void> {
  const why = failedUnrecorded(error);
  try {
    const settled = await settleRelease(ctx, release, why);
    if (settled.length > 0) ctx.log.warn('settled a failed operation', { release, changes: settled });
  } catch (e) {
    ctx.log.warn('cannot settle a failed operation now; trying again in the background', {
      release,
      error: (e as Error).message,
    });
    ctx.settlements?.add(ctx, release, { why });
  }
}
