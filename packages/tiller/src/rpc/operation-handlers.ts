// The RPCs that stream an operation's progress: release tests, and watching a running (or just
// finished) install/upgrade/rollback/delete.
import type { ReleaseServiceHandlers } from '@helmts/proto';
import { testRelease } from '../actions/test-release.js';
import { grpcError, grpcStatusOf } from './grpc-status.js';
import { operationId } from './release-handlers.js';
import type { RpcGuard } from './rpc-guard.js';

type OperationHandlers = Pick<ReleaseServiceHandlers, 'RunReleaseTest' | 'WatchOperation'>;

export function operationHandlers(guard: RpcGuard): OperationHandlers {
  return {
    RunReleaseTest: guard.stream('RunReleaseTest', async (r, call, scope) => {
      await guard.requireOnRelease(scope, 'update', r.name);
      const options = {
        name: r.name,
        timeout: guard.operationTimeout(r.timeout),
        cleanup: r.cleanup,
        parallel: r.parallel,
        maxParallel: Number(r.max_parallel),
        logs: r.logs,
        operationId: operationId(call),
      };
      await testRelease(scope.ctx, options, (m) => call.write(m));
    }),

    // not run through the guard's audit: watching changes nothing, and it lasts as long as the operation
    WatchOperation: (call) => {
      const r = call.request;
      const start = async () => {
        const scope = await guard.open(call);
        // an operation id is an unguessable capability; watching by name needs read access to the release
        if (!r.operation_id) await guard.requireOnRelease(scope, 'get', r.release);
      };
      start().then(
        () => {
          const bus = guard.ctx.bus;
          const onEvent = (ev: Parameters<Parameters<typeof bus.watch>[1]>[0]) => call.write(ev);
          const onEnd = () => call.end();
          const cancel = r.operation_id
            ? bus.watch(r.operation_id, onEvent, onEnd)
            : bus.watchRelease(r.release, onEvent, onEnd);
          call.on('cancelled', cancel);
        },
        (err) => call.destroy(grpcError(grpcStatusOf(err))),
      );
    },
  };
}
