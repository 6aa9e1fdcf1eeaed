// The Tiller gRPC server: builds the context, recovers interrupted releases, serves ReleaseService
// (handlers in rpc/, each RPC through one guard), probes, graceful stop.
import { addReleaseService, bindServer, createTillerGrpcServer } from '@helmts/proto';
import { recoverPendingReleases } from './operations/recovery.js';
import { jsonLogger } from './logger.js';
import type { TillerContext } from './tiller-context.js';
import type { TillerOptions } from './tiller-options.js';
import { buildTillerContext } from './build-context.js';
import { serverCredentials } from './security/tls-settings.js';
import { checkListenPolicy } from './security/listen-policy.js';
import { RpcGuard } from './rpc/rpc-guard.js';
import { readHandlers } from './rpc/read-handlers.js';
import { releaseHandlers } from './rpc/release-handlers.js';
import { operationHandlers } from './rpc/operation-handlers.js';
import { startProbeServer, type ProbeServer } from './probe-server.js';

export { tillerNamespace, type TillerOptions } from './tiller-options.js';
export { grpcStatusOf } from './rpc/grpc-status.js';

export interface TillerHandle {
  /** `host:port` actually bound */
  address: string;
  port: number;
  probePort?: number;
  namespace: string;
  context: TillerContext;
  /** stops accepting calls, waits for running operations (up to `graceMs`, default 30 s), then closes */
  stop(graceMs?: number): Promise<void>;
}

export async function startTiller(options: TillerOptions = {}): Promise<TillerHandle> {
  const log = options.logger ?? jsonLogger();
  const listen = options.listen ?? '127.0.0.1:44134';
  // before touching the cluster: a Tiller that would be open to the network must not start at all
  checkListenPolicy(listen, options.tls, options.insecureListen ?? false, log);
  const credentials = serverCredentials(options.tls);
  const { ctx, security } = await buildTillerContext(options, log);

  if (!options.skipRecovery) {
    const { changes, waiting } = await recoverPendingReleases(ctx);
    if (changes.length > 0) log.warn('settled releases left by an unfinished operation', { changes });
    // their lock is live: another Tiller works on them, or a dead one's Lease has not run out yet
    for (const name of waiting) ctx.settlements?.add(ctx, name, { busy: true });
  }

  const guard = new RpcGuard({
    security,
    ctx,
    log,
    readTimeoutMs: options.readTimeoutMs ?? 60_000,
    maxOperationTimeoutSeconds: options.maxOperationTimeoutSeconds ?? 3600,
  });
  const server = createTillerGrpcServer();
  addReleaseService(server, { ...readHandlers(guard), ...releaseHandlers(guard), ...operationHandlers(guard) });
  const port = await bindServer(server, listen, credentials);
  const address = `${listen.slice(0, listen.lastIndexOf(':'))}:${port}`;

  let probe: ProbeServer | undefined;
  if (options.probeListen) probe = await startProbeServer(options.probeListen, () => guard.isStopping);
  log.info('tiller listening', {
    address,
    probePort: probe?.port,
    storage: options.storage ?? 'configmap',
    namespace: ctx.namespace,
    historyMax: options.historyMax ?? 0,
    tls: options.tls?.enable ? (options.tls.verify ? 'mutual' : 'server') : 'off',
    authz: security.options.authz,
  });

  return {
    address,
    port,
    probePort: probe?.port,
    namespace: ctx.namespace,
    context: ctx,
    async stop(graceMs = 30_000) {
      await guard.drain(graceMs);
      ctx.settlements?.stop();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      server.forceShutdown();
      await probe?.close();
      log.info('tiller stopped');
    },
  };
}
