// The RPCs that change a release: install, upgrade, rollback, uninstall. Each checks the caller's
// permission, turns the request into the action's options and runs the action.
import type * as grpc from '@grpc/grpc-js';
import { ATOMIC_HEADER, DIALECT_HEADER, OPERATION_ID_HEADER, type ReleaseServiceHandlers } from '@helmts/proto';
import { InvalidArgumentError } from '../actions/action-errors.js';
import { installRelease } from '../actions/install.js';
import { upgradeRelease } from '../actions/upgrade.js';
import { rollbackRelease } from '../actions/rollback.js';
import { uninstallRelease } from '../actions/uninstall.js';
import { checkChartMessage } from '../security/chart-message-limits.js';
import { metaString, type RpcGuard } from './rpc-guard.js';

type ReleaseHandlers = Pick<
  ReleaseServiceHandlers,
  'InstallRelease' | 'UpdateRelease' | 'RollbackRelease' | 'UninstallRelease'
>;

type Call = { metadata: grpc.Metadata };
export const operationId = (call: Call) => metaString(call, OPERATION_ID_HEADER);
const atomic = (call: Call) => metaString(call, ATOMIC_HEADER) === 'true';

/** The client's --dialect (x-helmts-dialect) for this render; an unknown name is the caller's mistake. */
function dialect(call: Call): 'helm2' | 'helm3' | undefined {
  const value = metaString(call, DIALECT_HEADER);
  if (value === '') return undefined;
  if (value === 'helm2' || value === 'helm3') return value;
  throw new InvalidArgumentError(`unknown render dialect "${value}" (known: helm2, helm3)`);
}

export function releaseHandlers(guard: RpcGuard): ReleaseHandlers {
  return {
    InstallRelease: guard.unary('InstallRelease', async (r, call, scope) => {
      checkChartMessage(r.chart);
      await scope.require('create', r.name || '(generated name)', r.namespace || 'default');
      // --replace of a name someone else's release holds needs their permission as well
      if (r.name && guard.authzEnabled) await guard.requireOnRelease(scope, 'update', r.name);
      const { release } = await installRelease(scope.ctx, {
        chart: r.chart,
        values: r.values?.raw ?? '',
        name: r.name,
        namespace: r.namespace,
        dryRun: r.dry_run,
        disableHooks: r.disable_hooks,
        disableCrdHook: r.disable_crd_hook,
        reuseName: r.reuse_name,
        wait: r.wait,
        timeout: guard.operationTimeout(r.timeout),
        description: r.description,
        subNotes: r.subNotes,
        atomic: atomic(call),
        operationId: operationId(call),
        dialect: dialect(call),
      });
      return { release };
    }),

    UpdateRelease: guard.unary('UpdateRelease', async (r, call, scope) => {
      checkChartMessage(r.chart);
      await guard.requireOnRelease(scope, 'update', r.name);
      const { release } = await upgradeRelease(scope.ctx, {
        name: r.name,
        chart: r.chart,
        values: r.values?.raw ?? '',
        dryRun: r.dry_run,
        disableHooks: r.disable_hooks,
        recreate: r.recreate,
        timeout: guard.operationTimeout(r.timeout),
        resetValues: r.reset_values,
        reuseValues: r.reuse_values,
        wait: r.wait,
        force: r.force,
        description: r.description,
        subNotes: r.subNotes,
        cleanupOnFail: r.cleanup_on_fail,
        atomic: atomic(call),
        operationId: operationId(call),
        dialect: dialect(call),
      });
      return { release };
    }),

    RollbackRelease: guard.unary('RollbackRelease', async (r, call, scope) => {
      await guard.requireOnRelease(scope, 'update', r.name);
      const { release } = await rollbackRelease(scope.ctx, {
        name: r.name,
        version: Number(r.version),
        dryRun: r.dry_run,
        disableHooks: r.disable_hooks,
        recreate: r.recreate,
        timeout: guard.operationTimeout(r.timeout),
        wait: r.wait,
        force: r.force,
        description: r.description,
        cleanupOnFail: r.cleanup_on_fail,
        operationId: operationId(call),
      });
      return { release };
    }),

    UninstallRelease: guard.unary('UninstallRelease', async (r, call, scope) => {
      await guard.requireOnRelease(scope, 'delete', r.name);
      const res = await uninstallRelease(scope.ctx, {
        name: r.name,
        disableHooks: r.disable_hooks,
        purge: r.purge,
        timeout: guard.operationTimeout(r.timeout),
        description: r.description,
        operationId: operationId(call),
      });
      return { release: res.release, info: res.info };
    }),
  };
}
