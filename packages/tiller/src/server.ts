// The Tiller gRPC server: ReleaseService handlers → actions, version check, gRPC status codes,
// probes, crash recovery at start, graceful stop.
import * as http from 'node:http';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { KubeConfig } from '@kubernetes/client-node';
import {
  HELM_API_CLIENT_HEADER,
  MAX_MESSAGE_BYTES,
  OPERATION_ID_HEADER,
  addReleaseService,
  bindServer,
  createTillerGrpcServer,
  incompatibleVersionMessage,
  isCompatibleVersion,
  type ReleaseServiceHandlers,
} from '@helmts/proto';
import { Storage, createDriver, ReleaseExistsError, ReleaseNotFoundError, StorageConflictError, NoDeployedReleaseError, NoRevisionError, type StorageDriverName } from './storage/index.js';
import { keepAliveKubeConfig } from './kube/keep-alive.js';
import { KubeClient, KubeRequestTimeoutError, type KubeClientOptions } from './kube/kube-client.js';
import { LeaseReleaseLock, MemoryReleaseLock, ReleaseBusyError, type ReleaseLock } from './operations/release-lock.js';
import { OperationBus } from './operations/progress.js';
import { recoverPendingReleases } from './operations/recovery.js';
import { jsonLogger, type Logger } from './logger.js';
import { TILLER_VERSION, type TillerContext } from './tiller-context.js';
import { InvalidArgumentError, OperationFailedError, ReleaseNameInUseError } from './actions/action-errors.js';
import { InvalidValuesError } from './render/chart-values.js';
import { ChartRenderError } from './render/render-chart.js';
import { ManifestParseError } from './render/split-rendered.js';
import { WaitTimeoutError } from './kube/resource-set.js';
import { HookFailedError } from './kube/hooks.js';
import { installRelease } from './actions/install.js';
import { upgradeRelease } from './actions/upgrade.js';
import { rollbackRelease } from './actions/rollback.js';
import { uninstallRelease } from './actions/uninstall.js';
import { releaseStatus } from './actions/status.js';
import { releaseContent } from './actions/content.js';
import { releaseHistory } from './actions/history.js';
import { listReleases } from './actions/list.js';
import { testRelease } from './actions/test-release.js';
import { tillerVersion } from './actions/version.js';

export interface TillerOptions {
  /** host:port, default 127.0.0.1:44134; port 0 picks a free one */
  listen?: string;
  /** host:port for /liveness and /readiness; default none (the bin uses 127.0.0.1:44135) */
  probeListen?: string;
  /** default 'configmap' */
  storage?: StorageDriverName;
  /** --history-max; 0 = unlimited */
  historyMax?: number;
  /** cluster access; default: --kubeconfig path, else KubeConfig.loadFromDefault() */
  kubeConfig?: KubeConfig;
  kubeconfigPath?: string;
  /** Tiller's namespace; default TILLER_NAMESPACE, the service-account namespace file, kube-system */
  namespace?: string;
  logger?: Logger;
  /** Lease duration for release locks (s); default 30 */
  leaseSeconds?: number;
  /** extra template engines: engine name → npm package exporting it (`tiller --engine name=package`) */
  engines?: Record<string, string>;
  /** readiness / hook poll interval (ms); default 2000 / 1000 */
  pollMs?: number;
  /** skip marking leftover PENDING_* releases FAILED at start */
  skipRecovery?: boolean;
  /** apiserver request timeout and retries of transient failures */
  kube?: KubeClientOptions;
}

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

const SA_NAMESPACE_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

/** The built-in engines plus the ones named on the command line, each checked to be what it claims. */
async function loadExtraEngines(packages: Record<string, string>) {
  const { EngineRegistry, loadEngineFromPackage } = await import('@helmts/engine');
  const registry = EngineRegistry.withBuiltins();
  for (const [name, pkg] of Object.entries(packages)) {
    const engine = await loadEngineFromPackage(pkg);
    if (engine.name !== name) throw new Error(`--engine ${name}=${pkg}: the package provides the engine "${engine.name}", not "${name}"`);
    registry.register(engine);
  }
  return registry;
}

export function tillerNamespace(explicit?: string): string {
  if (explicit) return explicit;
  if (process.env.TILLER_NAMESPACE) return process.env.TILLER_NAMESPACE;
  try {
    const ns = readFileSync(SA_NAMESPACE_FILE, 'utf8').trim();
    if (ns) return ns;
  } catch {
    // not in a pod
  }
  return 'kube-system';
}

/** Maps an action failure to a gRPC status. */
export function grpcStatusOf(err: unknown): { code: grpc.status; details: string } {
  const details = (err as Error)?.message ?? String(err);
  const cause = err instanceof OperationFailedError ? err.cause : undefined;
  const e = cause ?? err;
  if (e instanceof ReleaseBusyError || (err instanceof InvalidArgumentError && /in progress/.test(details))) return { code: grpc.status.FAILED_PRECONDITION, details };
  if (e instanceof ReleaseNotFoundError || e instanceof NoRevisionError || e instanceof NoDeployedReleaseError) return { code: grpc.status.NOT_FOUND, details };
  if (e instanceof ReleaseExistsError || e instanceof ReleaseNameInUseError) return { code: grpc.status.ALREADY_EXISTS, details };
  if (e instanceof InvalidArgumentError || e instanceof InvalidValuesError || e instanceof ChartRenderError || e instanceof ManifestParseError)
    return { code: grpc.status.INVALID_ARGUMENT, details };
  if (e instanceof WaitTimeoutError || e instanceof KubeRequestTimeoutError) return { code: grpc.status.DEADLINE_EXCEEDED, details };
  if (e instanceof StorageConflictError) return { code: grpc.status.ABORTED, details };
  if (e instanceof HookFailedError) return { code: grpc.status.UNKNOWN, details };
  return { code: grpc.status.UNKNOWN, details };
}

function metaString(call: { metadata: grpc.Metadata }, key: string): string {
  const v = call.metadata.get(key)[0];
  return v === undefined ? '' : String(v);
}

const MAX_LIST_CHUNK = MAX_MESSAGE_BYTES - 256 * 1024;

export async function startTiller(options: TillerOptions = {}): Promise<TillerHandle> {
  const log = options.logger ?? jsonLogger();
  const namespace = tillerNamespace(options.namespace);
  const loaded = options.kubeConfig ?? new KubeConfig();
  if (!options.kubeConfig) {
    if (options.kubeconfigPath) loaded.loadFromFile(options.kubeconfigPath);
    else loaded.loadFromDefault();
  }
  const kubeConfig = keepAliveKubeConfig(loaded);
  const driverName = options.storage ?? 'configmap';
  const driver = createDriver(driverName, { namespace, kubeConfig, onWarning: (m: string) => log.warn(m) } as never);
  const storage = new Storage(driver, { maxHistory: options.historyMax ?? 0 });
  const lock: ReleaseLock = driverName === 'memory' ? new MemoryReleaseLock() : new LeaseReleaseLock({ namespace, kubeConfig, leaseSeconds: options.leaseSeconds });
  if (driverName !== 'memory') await new KubeClient(kubeConfig).ensureNamespace(namespace);
  const engines = options.engines && Object.keys(options.engines).length > 0 ? await loadExtraEngines(options.engines) : undefined;
  const ctx: TillerContext = { storage, kube: new KubeClient(kubeConfig, options.kube), lock, bus: new OperationBus(), log, namespace, pollMs: options.pollMs, engines };

  if (!options.skipRecovery) {
    const recovered = await recoverPendingReleases(ctx);
    if (recovered.length > 0) log.warn('marked interrupted releases FAILED', { releases: recovered });
  }

  const running = new Set<Promise<unknown>>();
  let stopping = false;
  const track = <T>(p: Promise<T>): Promise<T> => {
    running.add(p);
    p.finally(() => running.delete(p)).catch(() => {});
    return p;
  };

  const checkVersion = (call: { metadata: grpc.Metadata }) => {
    const client = metaString(call, HELM_API_CLIENT_HEADER);
    if (client && !isCompatibleVersion(client, TILLER_VERSION.sem_ver)) {
      throw Object.assign(new Error(incompatibleVersionMessage(client, TILLER_VERSION.sem_ver)), { grpcCode: grpc.status.FAILED_PRECONDITION });
    }
    if (stopping) throw Object.assign(new Error('tiller is shutting down'), { grpcCode: grpc.status.UNAVAILABLE });
  };

  const unary = <Req, Res>(name: string, fn: (req: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>): grpc.handleUnaryCall<Req, Res> => (call, callback) => {
    try {
      checkVersion(call);
    } catch (e) {
      return callback({ code: (e as { grpcCode: grpc.status }).grpcCode, details: (e as Error).message });
    }
    track(fn(call.request, call)).then(
      (res) => callback(null, res),
      (err) => {
        const st = grpcStatusOf(err);
        log.info('call failed', { method: name, code: grpc.status[st.code], error: st.details });
        callback(st);
      },
    );
  };

  const opId = (call: { metadata: grpc.Metadata }) => metaString(call, OPERATION_ID_HEADER);

  const handlers: ReleaseServiceHandlers = {
    GetVersion: (_call, callback) => callback(null, { Version: tillerVersion() }),
    ListReleases: (call) => {
      try {
        checkVersion(call);
      } catch (e) {
        return call.destroy(Object.assign(new Error((e as Error).message), { code: (e as { grpcCode: grpc.status }).grpcCode }));
      }
      const r = call.request;
      track(
        listReleases(ctx, {
          limit: Number(r.limit),
          offset: r.offset,
          sortBy: String(r.sort_by),
          sortOrder: String(r.sort_order),
          filter: r.filter,
          statusCodes: r.status_codes.map(String),
          namespace: r.namespace,
        }),
      ).then(
        (res) => {
          // chunk under the message limit, like Helm 2's 20 MiB batching
          let batch: typeof res.releases = [];
          let size = 0;
          const flush = () => {
            call.write({ count: batch.length, next: res.next, total: res.total, releases: batch });
            batch = [];
            size = 0;
          };
          for (const rel of res.releases) {
            const s = (rel.manifest?.length ?? 0) + JSON.stringify(rel.chart?.templates?.map((t) => t.data.length) ?? []).length + (rel.chart?.templates ?? []).reduce((n, t) => n + t.data.length, 0) + (rel.chart?.files ?? []).reduce((n, f) => n + f.value.length, 0) + 4096;
            if (batch.length > 0 && size + s > MAX_LIST_CHUNK) flush();
            batch.push(rel);
            size += s;
          }
          if (batch.length > 0 || res.releases.length === 0) flush();
          call.end();
        },
        (err) => call.destroy(Object.assign(new Error(grpcStatusOf(err).details), { code: grpcStatusOf(err).code })),
      );
    },
    GetReleaseStatus: unary('GetReleaseStatus', async (r) => {
      const s = await releaseStatus(ctx, { name: r.name, version: Number(r.version) });
      return { name: s.name, namespace: s.namespace, info: s.info };
    }),
    GetReleaseContent: unary('GetReleaseContent', async (r) => ({ release: await releaseContent(ctx, { name: r.name, version: Number(r.version) }) })),
    GetHistory: unary('GetHistory', async (r) => ({ releases: await releaseHistory(ctx, { name: r.name, max: Number(r.max) }) })),
    InstallRelease: unary('InstallRelease', async (r, call) => {
      const { release } = await installRelease(ctx, {
        chart: r.chart,
        values: r.values?.raw ?? '',
        name: r.name,
        namespace: r.namespace,
        dryRun: r.dry_run,
        disableHooks: r.disable_hooks,
        disableCrdHook: r.disable_crd_hook,
        reuseName: r.reuse_name,
        wait: r.wait,
        timeout: Number(r.timeout),
        description: r.description,
        subNotes: r.subNotes,
        operationId: opId(call),
      });
      return { release };
    }),
    UpdateRelease: unary('UpdateRelease', async (r, call) => {
      const { release } = await upgradeRelease(ctx, {
        name: r.name,
        chart: r.chart,
        values: r.values?.raw ?? '',
        dryRun: r.dry_run,
        disableHooks: r.disable_hooks,
        recreate: r.recreate,
        timeout: Number(r.timeout),
        resetValues: r.reset_values,
        reuseValues: r.reuse_values,
        wait: r.wait,
        force: r.force,
        description: r.description,
        subNotes: r.subNotes,
        cleanupOnFail: r.cleanup_on_fail,
        operationId: opId(call),
      });
      return { release };
    }),
    RollbackRelease: unary('RollbackRelease', async (r, call) => {
      const { release } = await rollbackRelease(ctx, {
        name: r.name,
        version: Number(r.version),
        dryRun: r.dry_run,
        disableHooks: r.disable_hooks,
        recreate: r.recreate,
        timeout: Number(r.timeout),
        wait: r.wait,
        force: r.force,
        description: r.description,
        cleanupOnFail: r.cleanup_on_fail,
        operationId: opId(call),
      });
      return { release };
    }),
    UninstallRelease: unary('UninstallRelease', async (r, call) => {
      const res = await uninstallRelease(ctx, { name: r.name, disableHooks: r.disable_hooks, purge: r.purge, timeout: Number(r.timeout), description: r.description, operationId: opId(call) });
      return { release: res.release, info: res.info };
    }),
    RunReleaseTest: (call) => {
      try {
        checkVersion(call);
      } catch (e) {
        return call.destroy(Object.assign(new Error((e as Error).message), { code: (e as { grpcCode: grpc.status }).grpcCode }));
      }
      const r = call.request;
      track(
        testRelease(
          ctx,
          { name: r.name, timeout: Number(r.timeout), cleanup: r.cleanup, parallel: r.parallel, maxParallel: Number(r.max_parallel), logs: r.logs, operationId: opId(call) },
          (m) => call.write(m),
        ),
      ).then(
        () => call.end(),
        (err) => call.destroy(Object.assign(new Error(grpcStatusOf(err).details), { code: grpcStatusOf(err).code })),
      );
    },
    WatchOperation: (call) => {
      const r = call.request;
      const onEvent = (ev: Parameters<Parameters<OperationBus['watch']>[1]>[0]) => call.write(ev);
      const onEnd = () => call.end();
      const cancel = r.operation_id ? ctx.bus.watch(r.operation_id, onEvent, onEnd) : ctx.bus.watchRelease(r.release, onEvent, onEnd);
      call.on('cancelled', cancel);
    },
  };

  const server = createTillerGrpcServer();
  addReleaseService(server, handlers);
  const listen = options.listen ?? '127.0.0.1:44134';
  const port = await bindServer(server, listen, grpc.ServerCredentials.createInsecure());
  const host = listen.slice(0, listen.lastIndexOf(':'));
  const address = `${host}:${port}`;

  let probe: http.Server | undefined;
  let probePort: number | undefined;
  if (options.probeListen) {
    probe = http.createServer((req, res) => {
      if (req.url === '/liveness' || req.url === '/readiness') {
        const ok = req.url === '/liveness' || !stopping;
        res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ok' : 'stopping');
      } else res.writeHead(404).end();
    });
    const i = options.probeListen.lastIndexOf(':');
    await new Promise<void>((resolve, reject) => probe!.once('error', reject).listen(Number(options.probeListen!.slice(i + 1)), options.probeListen!.slice(0, i), resolve));
    probePort = (probe.address() as { port: number }).port;
  }
  log.info('tiller listening', { address, probePort, storage: driverName, namespace, historyMax: options.historyMax ?? 0 });

  return {
    address,
    port,
    probePort,
    namespace,
    context: ctx,
    async stop(graceMs = 30_000) {
      stopping = true;
      const drained = Promise.allSettled([...running]);
      await Promise.race([drained, new Promise((r) => setTimeout(r, graceMs).unref())]);
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      server.forceShutdown();
      if (probe) await new Promise<void>((r) => probe!.close(() => r()));
      log.info('tiller stopped');
    },
  };
}
