import { NotFoundError } from '@helmts/core';
import type { GetHistoryResponse, Release, RollbackReleaseResponse, UpdateReleaseResponse } from '@helmts/proto';
import { chartToMessage } from '@helmts/tiller/chart-message';

import { valuesToRaw } from '../chart-request.js';
import { checkRequestSize } from '../request-size.js';
import { withOperationProgress } from '../progress/watch-operation.js';
import type { TillerConnection } from '../tiller/connection.js';
import { installRelease, type InstallOptions } from './install-release.js';

/** `helmts upgrade`, client side, as Helm 2's `helm upgrade`: --install turns into an install. */
export interface UpgradeOptions extends InstallOptions {
  /** Install when the release doesn't exist (`--install`). */
  install?: boolean;
  recreatePods?: boolean;
  force?: boolean;
  resetValues?: boolean;
  reuseValues?: boolean;
  cleanupOnFail?: boolean;
  /** Told before an --install turns into an install. */
  notice: (line: string) => void;
}

export interface UpgradeResult {
  release: Release;
  /** True when --install installed it instead. */
  installed: boolean;
}

export async function upgradeRelease(tiller: TillerConnection, options: UpgradeOptions): Promise<UpgradeResult> {
  const name = options.name;
  let latest: number | undefined; // the latest revision (Helm 2's --atomic rolls back to it)
  try {
    const history = await tiller.call<{ name: string; max: number }, GetHistoryResponse>('GetHistory', {
      name,
      max: 1,
    });
    latest = history.releases[0]?.version;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    // without --install Tiller answers, in Helm 2's words ("x" has no deployed releases)
    if (options.install) {
      options.notice(`Release "${name}" does not exist. Installing it now.`);
      return { release: await installRelease(tiller, options), installed: true };
    }
  }
  const request = {
    name,
    chart: chartToMessage(options.chart),
    values: { raw: valuesToRaw(options.values) },
    dry_run: options.dryRun ?? false,
    disable_hooks: options.disableHooks ?? false,
    recreate: options.recreatePods ?? false,
    timeout: options.timeout,
    reset_values: options.resetValues ?? false,
    wait: Boolean(options.wait || options.atomic),
    reuse_values: options.reuseValues ?? false,
    force: options.force ?? false,
    description: options.description ?? '',
    subNotes: options.subNotes ?? false,
    cleanup_on_fail: options.cleanupOnFail ?? false,
  };
  await checkRequestSize(request.chart, request.values.raw);
  try {
    // With --atomic, Tiller itself rolls a failed upgrade back to the last deployed revision.
    const response = await withOperationProgress(tiller, name, options.progress, (operationId) =>
      tiller.call<typeof request, UpdateReleaseResponse>('UpdateRelease', request, {
        deadlineSeconds: options.timeout * 4 + 60,
        operationId,
        atomic: options.atomic,
        dialect: options.dialect,
      }),
    );
    if (!response.release) throw new Error('Tiller returned no release');
    return { release: response.release, installed: false };
  } catch (error) {
    if (!(error instanceof Error)) {
      options.warn('UPGRADE FAILED');
      throw error;
    }
    // --atomic: Tiller has rolled back an upgrade that made a revision and says how it went on a
    // last line; printed as Helm 2's client-side rollback prints it
    const rolledBack = /\n--atomic: (?:rolled back to revision \d+|rollback failed: ([\s\S]*))$/.exec(error.message);
    if (options.atomic && rolledBack) {
      const upgradeError = error.message.slice(0, rolledBack.index);
      options.notice(`UPGRADE FAILED\nError: ${upgradeError}`);
      process.stdout.write('ROLLING BACK');
      if (rolledBack[1] !== undefined) {
        error.message = rolledBack[1];
        throw error;
      }
      options.notice('Rollback was a success.');
      error.message = `UPGRADE FAILED: ${upgradeError}`;
      throw error;
    }
    // Helm 2: "UPGRADE FAILED\nError: ..." on stdout, then the error "UPGRADE FAILED: ..."
    options.notice(`UPGRADE FAILED\nError: ${error.message}`);
    // --atomic, an upgrade that failed before making a revision (a chart that does not render): the
    // client rolls back to the latest revision all the same, as Helm 2's does
    if (options.atomic && latest !== undefined) {
      process.stdout.write('ROLLING BACK');
      const rollback = { name, version: latest, wait: true, timeout: options.timeout, force: options.force ?? false };
      await tiller.call<typeof rollback, RollbackReleaseResponse>('RollbackRelease', rollback, {
        deadlineSeconds: options.timeout * 4 + 30,
      });
      options.notice('Rollback was a success.');
    }
    error.message = `UPGRADE FAILED: ${error.message}`;
    throw error;
  }
}
