import type { Chart, ValuesTable } from '@helmts/chart';
import type { InstallReleaseResponse, Release, UninstallReleaseResponse } from '@helmts/proto';
import { chartToMessage } from '@helmts/tiller/chart-message';

import { valuesToRaw } from '../chart-request.js';
import { checkRequestSize } from '../request-size.js';
import type { ProgressMode } from '../progress/operation-view.js';
import { withOperationProgress } from '../progress/watch-operation.js';
import type { TillerConnection } from '../tiller/connection.js';

/** `helmts install`, client side: what Helm 2's `helm install` does around the InstallRelease call. */
export interface InstallOptions {
  /** Chart after dependency processing (chartForRelease). */
  chart: Chart;
  values: ValuesTable;
  /** Empty: Tiller generates a name. */
  name: string;
  namespace: string;
  dryRun?: boolean;
  disableHooks?: boolean;
  disableCrdHook?: boolean;
  replace?: boolean;
  /** Seconds, per Kubernetes operation. */
  timeout: number;
  wait?: boolean;
  /** Purge the release when the install fails (implies wait). */
  atomic?: boolean;
  description?: string;
  subNotes?: boolean;
  /** how Tiller renders (x-helmts-dialect); default: the Tiller's --dialect */
  dialect?: string;
  progress: ProgressMode;
  /** Where the "INSTALL FAILED" / "UPGRADE FAILED" lines go. */
  warn: (line: string) => void;
}

export async function installRelease(tiller: TillerConnection, options: InstallOptions): Promise<Release> {
  const request = {
    chart: chartToMessage(options.chart),
    values: { raw: valuesToRaw(options.values) },
    dry_run: options.dryRun ?? false,
    name: options.name,
    disable_hooks: options.disableHooks ?? false,
    namespace: options.namespace,
    reuse_name: options.replace ?? false,
    timeout: options.timeout,
    wait: Boolean(options.wait || options.atomic),
    disable_crd_hook: options.disableCrdHook ?? false,
    description: options.description ?? '',
    subNotes: options.subNotes ?? false,
  };
  await checkRequestSize(request.chart, request.values.raw);
  let response: InstallReleaseResponse;
  try {
    // With --atomic, Tiller itself purges a failed install (also when it generated the name).
    response = await withOperationProgress(tiller, options.name, options.progress, (operationId) =>
      tiller.call<typeof request, InstallReleaseResponse>('InstallRelease', request, {
        deadlineSeconds: options.timeout * 4 + 60,
        operationId,
        atomic: options.atomic,
        dialect: options.dialect,
      }),
    );
  } catch (error) {
    if (!options.atomic) throw error;
    // Helm 2's client, step by step: INSTALL FAILED, PURGING CHART and the error on stdout, then the
    // purge. A release Tiller recorded ("release NAME failed: ...") Tiller has purged already
    // (--atomic is done server-side, so it survives the client); one that failed before being
    // recorded is purged as Helm 2 purges it, and that purge's error (not found) is the command's.
    const message = (error as Error).message;
    process.stdout.write(`INSTALL FAILED\nPURGING CHART\nError: ${message}\n`);
    if (!/^release \S+ failed: /.test(message)) {
      const purge = {
        name: options.name ?? '',
        purge: true,
        timeout: options.timeout,
        disable_hooks: options.disableHooks ?? false,
      };
      await tiller.call<typeof purge, UninstallReleaseResponse>('UninstallRelease', purge, {
        deadlineSeconds: options.timeout + 30,
      });
    }
    process.stdout.write('Successfully purged a chart!\n');
    throw error;
  }
  if (!response.release) throw new Error('Tiller returned no release');
  return response.release;
}
