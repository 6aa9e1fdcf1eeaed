// The Tiller gRPC server: ReleaseService handlers → actions, version check, gRPC status codes,
// probes, crash recovery at start, graceful stop.
import * as http from 'node:http';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { KubeConfig } from '@kubernetes/client-node';
import {
  HELM_API_CLIENT_HEADER,
  MAX_MESSAGE_BYTES,
  ATOMIC_HEADER,
  DIALECT_HEADER,
  OPERATION_ID_HEADER,
  addReleaseService,
  bindServer,
  createTillerGrpcServer,
  incompatibleVersionMessage,
  isCompatibleVersion,
  type ReleaseServiceHandlers,
} from '@helmts/proto';
import {
  Storage,
  createDriver,
  ReleaseExistsError,
  ReleaseNotFoundError,
  StorageConflictError,
  NoDeployedReleaseError,
  NoRevisionError,
  type StorageDriverName,
} from './storage/index.js';
import { keepAliveKubeConfig } from './kube/keep-alive.js';
import { KubeClient, KubeRequestTimeoutError, type KubeClientOptions } from './kube/kube-client.js';
import { LeaseReleaseLock, MemoryReleaseLock, ReleaseBusyError, type ReleaseLock } from './operations/release-lock.js';
import { OperationBus } from './operations/progress.js';
import { recoverPendingReleases } from './operations/recovery.js';
import { jsonLogger, type Logger } from './logger.js';
import { TILLER_VERSION, type TillerContext } from './tiller-context.js';
import {
  InvalidArgumentError,
  OperationFailedError,
  ReleaseNameInUseError,
  validateReleaseName,
} from './actions/action-errors.js';
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
import { kubeMessage, statusCodeOf } from './kube/kube-errors.js';
import { serverCredentials, type TillerTlsSettings } from './security/tls-settings.js';
import { checkListenPolicy } from './security/listen-policy.js';
import { UnauthenticatedError } from './security/caller.js';
import { PermissionDeniedError } from './security/release-authorizer.js';
import { TillerSecurity, type AuthzMode, type RequestScope } from './security/request-security.js';
import { auditLog, type AuditLogOptions, type AuditEntry } from './security/audit-log.js';
import { checkChartMessage } from './security/chart-message-limits.js';
import { DEFAULT_RENDER_LIMITS } from './security/render-limits.js';
import type { TillerRenderLimits } from './tiller-context.js';

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
  /** TLS for the gRPC server (see security/tls-settings.ts resolveTillerTls); default plaintext */
  tls?: TillerTlsSettings;
  /** allow a non-loopback listen address without mutual TLS (logged as a warning) */
  insecureListen?: boolean;
  /**
   * 'none' (default here; Helm 2's behaviour): Tiller acts with its own credentials.
   * 'impersonate': every Kubernetes call for a request impersonates the caller, and reading or
   * changing a release needs the caller's permission (security/release-authorizer.ts).
   */
  authz?: AuthzMode;
  /** audit lines (one per release RPC): to stdout, a file, a callback; default none */
  audit?: AuditLogOptions;
  /** bounds on rendering; default DEFAULT_RENDER_LIMITS */
  renderLimits?: TillerRenderLimits;
  /** render dialect: helm2 (default, as Helm 2.17.0's Tiller) or helm3 (Helm v4.1.4) */
  dialect?: 'helm2' | 'helm3';
  /** give up on a read RPC (status, content, history, list) after this long; default 60 s */
  readTimeoutMs?: number;
  /** upper bound for the `timeout` field of operations (s); default 3600 */
  maxOperationTimeoutSeconds?: number;
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
    if (engine.name !== name)
      throw new Error(`--engine ${name}=${pkg}: the package provides the engine "${engine.name}", not "${name}"`);
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

class ReadTimeoutError extends Error {
  constructor(method: string, ms: number) {
    super(`${method} did not finish within ${ms} ms`);
    this.name = 'ReadTimeoutError';
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, method: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new ReadTimeoutError(method, ms)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** What an audit line says about the release a call touched, from its request and answer. */
function releaseFacts(req: unknown, res: unknown): Pick<AuditEntry, 'release' | 'namespace' | 'revision'> {
  const r = (req ?? {}) as { name?: string; namespace?: string; version?: number };
  const a = (res ?? {}) as { release?: { name?: string; namespace?: string; version?: number }; namespace?: string };
  const revision = Number(a.release?.version ?? r.version ?? 0);
  return {
    release: a.release?.name || r.name || undefined,
    namespace: a.release?.namespace || a.namespace || r.namespace || undefined,
    revision: revision > 0 ? revision : undefined,
  };
}

/** Maps an action failure to a gRPC status. */
export function grpcStatusOf(err: unknown): { code: grpc.status; details: string } {
  const details = (err as Error)?.message ?? String(err);
  const cause = err instanceof OperationFailedError ? err.cause : undefined;
  const e = cause ?? err;
  if (e instanceof ReleaseBusyError || (err instanceof InvalidArgumentError && /in progress/.test(details)))
    return { code: grpc.status.FAILED_PRECONDITION, details };
  if (e instanceof ReleaseNotFoundError || e instanceof NoRevisionError || e instanceof NoDeployedReleaseError)
    return { code: grpc.status.NOT_FOUND, details };
  if (e instanceof ReleaseExistsError || e instanceof ReleaseNameInUseError)
    return { code: grpc.status.ALREADY_EXISTS, details };
  if (
    e instanceof InvalidArgumentError ||
    e instanceof InvalidValuesError ||
    e instanceof ChartRenderError ||
    e instanceof ManifestParseError
  )
    return { code: grpc.status.INVALID_ARGUMENT, details };
  if (e instanceof WaitTimeoutError || e instanceof KubeRequestTimeoutError)
    return { code: grpc.status.DEADLINE_EXCEEDED, details };
  if (e instanceof StorageConflictError) return { code: grpc.status.ABORTED, details };
  if (e instanceof HookFailedError) return { code: grpc.status.UNKNOWN, details };
  if (e instanceof UnauthenticatedError) return { code: grpc.status.UNAUTHENTICATED, details };
  if (e instanceof PermissionDeniedError) return { code: grpc.status.PERMISSION_DENIED, details };
  // the apiserver refused something done as the caller (--authz=impersonate): its own words say which permission
  if (statusCodeOf(e) === 403)
    return {
      code: grpc.status.PERMISSION_DENIED,
      details:
        err instanceof OperationFailedError
          ? `${details.split('\n')[0]!.replace(/: HTTP-Code: 403$/, '')}: ${kubeMessage(e)}`
          : kubeMessage(e),
    };
  if (e instanceof ReadTimeoutError) return { code: grpc.status.DEADLINE_EXCEEDED, details };
  return { code: grpc.status.UNKNOWN, details };
}

/** The client's --dialect (x-helmts-dialect); an unknown name is the caller's mistake. */
function requestDialect(value: string): 'helm2' | 'helm3' | undefined {
  if (value === '') return undefined;
  if (value === 'helm2' || value === 'helm3') return value;
  throw new InvalidArgumentError(`unknown render dialect "${value}" (known: helm2, helm3)`);
}

function metaString(call: { metadata: grpc.Metadata }, key: string): string {
  const v = call.metadata.get(key)[0];
  return v === undefined ? '' : String(v);
}

const MAX_LIST_CHUNK = MAX_MESSAGE_BYTES - 256 * 1024;

export async function startTiller(options: TillerOptions = {}): Promise<TillerHandle> {
  const log = options.logger ?? jsonLogger();
  const listen = options.listen ?? '127.0.0.1:44134';
  // before touching the cluster: a Tiller that would be open to the network must not start at all
  checkListenPolicy(listen, options.tls, options.insecureListen ?? false, log);
  const credentials = serverCredentials(options.tls);
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
  const lock: ReleaseLock =
    driverName === 'memory'
      ? new MemoryReleaseLock()
      : new LeaseReleaseLock({ namespace, kubeConfig, leaseSeconds: options.leaseSeconds });
  if (driverName !== 'memory') await new KubeClient(kubeConfig).ensureNamespace(namespace);
  const engines =
    options.engines && Object.keys(options.engines).length > 0 ? await loadExtraEngines(options.engines) : undefined;
  const renderLimits = { ...DEFAULT_RENDER_LIMITS, ...options.renderLimits };
  const ctx: TillerContext = {
    storage,
    kube: new KubeClient(kubeConfig, options.kube),
    lock,
    bus: new OperationBus(),
    log,
    namespace,
    pollMs: options.pollMs,
    engines,
    renderLimits,
    dialect: options.dialect,
  };
  const authz = options.authz ?? 'none';
  const security = new TillerSecurity(ctx, {
    authz,
    trustCertificate: Boolean(options.tls?.enable && options.tls.verify),
    storageResource: driverName === 'secret' ? 'secrets' : 'configmaps',
    audit: options.audit ? auditLog(options.audit) : undefined,
    kube: options.kube,
  });
  const readTimeoutMs = options.readTimeoutMs ?? 60_000;
  const maxTimeout = options.maxOperationTimeoutSeconds ?? 3600;
  const opTimeout = (t: unknown) => Math.min(Number(t) || 300, maxTimeout);

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
      throw Object.assign(new Error(incompatibleVersionMessage(client, TILLER_VERSION.sem_ver)), {
        grpcCode: grpc.status.FAILED_PRECONDITION,
      });
    }
    if (stopping) throw Object.assign(new Error('tiller is shutting down'), { grpcCode: grpc.status.UNAVAILABLE });
  };

  /** The namespace of an existing release, for the permission check; undefined when there is none. */
  const releaseNamespace = async (name: string): Promise<string | undefined> => {
    if (!name) return undefined;
    try {
      return (await storage.last(name)).namespace;
    } catch (e) {
      if (e instanceof ReleaseNotFoundError || e instanceof NoRevisionError) return undefined;
      throw e;
    }
  };
  /** Requires `verb` on an existing release (a missing one is left to the action's NOT_FOUND). */
  const requireOnRelease = async (scope: RequestScope, verb: 'get' | 'update' | 'delete', name: string) => {
    if (authz === 'none') return;
    validateReleaseName(name);
    const ns = await releaseNamespace(name);
    if (ns !== undefined) await scope.require(verb, name, ns);
  };

  /** Runs one RPC: version check, caller, the work, the audit line, errors → gRPC status. */
  const guarded = async <T>(
    name: string,
    call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>,
    fn: (scope: RequestScope) => Promise<T>,
  ): Promise<T> => {
    let scope: RequestScope | undefined;
    try {
      checkVersion(call);
      scope = await security.open(call);
      const res = await track(fn(scope));
      security.audit({ method: name, ...releaseFacts(call.request, res), result: 'success' }, scope.caller, call);
      return res;
    } catch (err) {
      const st =
        (err as { grpcCode?: grpc.status }).grpcCode !== undefined
          ? { code: (err as { grpcCode: grpc.status }).grpcCode, details: (err as Error).message }
          : grpcStatusOf(err);
      const denied = st.code === grpc.status.PERMISSION_DENIED || st.code === grpc.status.UNAUTHENTICATED;
      security.audit(
        {
          method: name,
          ...releaseFacts(
            call.request,
            (err as OperationFailedError).release ? { release: (err as OperationFailedError).release } : undefined,
          ),
          result: denied ? 'denied' : 'failure',
          code: grpc.status[st.code],
          error: st.details,
        },
        scope?.caller,
        call,
      );
      if (st.code !== grpc.status.UNAVAILABLE)
        log.info('call failed', {
          method: name,
          code: grpc.status[st.code],
          error: st.details,
          user: scope?.caller.user,
        });
      throw Object.assign(new Error(st.details), { grpcStatus: st });
    }
  };
  const statusOf = (err: unknown) => (err as { grpcStatus: { code: grpc.status; details: string } }).grpcStatus;

  const unary =
    <Req, Res>(
      name: string,
      fn: (req: Req, call: grpc.ServerUnaryCall<Req, Res>, scope: RequestScope) => Promise<Res>,
    ): grpc.handleUnaryCall<Req, Res> =>
    (call, callback) => {
      guarded(name, call as grpc.ServerUnaryCall<unknown, unknown>, (scope) => fn(call.request, call, scope)).then(
        (res) => callback(null, res),
        (err) => callback(statusOf(err)),
      );
    };
  const read = <T>(method: string, p: Promise<T>) => withTimeout(p, readTimeoutMs, method);

  const opId = (call: { metadata: grpc.Metadata }) => metaString(call, OPERATION_ID_HEADER);
  const atomic = (call: { metadata: grpc.Metadata }) => metaString(call, ATOMIC_HEADER) === 'true';
  const dialectOf = (call: { metadata: grpc.Metadata }) => requestDialect(metaString(call, DIALECT_HEADER));

  const handlers: ReleaseServiceHandlers = {
    GetVersion: (_call, callback) => callback(null, { Version: tillerVersion() }),
    ListReleases: (call) => {
      const r = call.request;
      guarded('ListReleases', call as grpc.ServerWritableStream<unknown, unknown>, async (scope) => {
        const res = await read(
          'ListReleases',
          listReleases(scope.ctx, {
            limit: Number(r.limit),
            offset: r.offset,
            sortBy: String(r.sort_by),
            sortOrder: String(r.sort_order),
            filter: r.filter,
            statusCodes: r.status_codes.map(String),
            namespace: r.namespace,
          }),
        );
        const visible = await scope.listable(res.releases.map((rel) => rel.namespace));
        const releases = res.releases.filter((rel) => visible.has(rel.namespace));
        return { ...res, releases, total: releases.length === res.releases.length ? res.total : releases.length };
      }).then(
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
            const s =
              (rel.manifest?.length ?? 0) +
              JSON.stringify(rel.chart?.templates?.map((t) => t.data.length) ?? []).length +
              (rel.chart?.templates ?? []).reduce((n, t) => n + t.data.length, 0) +
              (rel.chart?.files ?? []).reduce((n, f) => n + f.value.length, 0) +
              4096;
            if (batch.length > 0 && size + s > MAX_LIST_CHUNK) flush();
            batch.push(rel);
            size += s;
          }
          if (batch.length > 0 || res.releases.length === 0) flush();
          call.end();
        },
        (err) => call.destroy(Object.assign(new Error(statusOf(err).details), { code: statusOf(err).code })),
      );
    },
    GetReleaseStatus: unary('GetReleaseStatus', async (r, _call, scope) => {
      await requireOnRelease(scope, 'get', r.name);
      const s = await read('GetReleaseStatus', releaseStatus(scope.ctx, { name: r.name, version: Number(r.version) }));
      return { name: s.name, namespace: s.namespace, info: s.info };
    }),
    GetReleaseContent: unary('GetReleaseContent', async (r, _call, scope) => {
      await requireOnRelease(scope, 'get', r.name);
      return {
        release: await read(
          'GetReleaseContent',
          releaseContent(scope.ctx, { name: r.name, version: Number(r.version) }),
        ),
      };
    }),
    GetHistory: unary('GetHistory', async (r, _call, scope) => {
      await requireOnRelease(scope, 'get', r.name);
      return { releases: await read('GetHistory', releaseHistory(scope.ctx, { name: r.name, max: Number(r.max) })) };
    }),
    InstallRelease: unary('InstallRelease', async (r, call, scope) => {
      checkChartMessage(r.chart);
      await scope.require('create', r.name || '(generated name)', r.namespace || 'default');
      // --replace of a name someone else's release holds needs their permission as well
      if (r.name && authz !== 'none') await requireOnRelease(scope, 'update', r.name);
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
        timeout: opTimeout(r.timeout),
        description: r.description,
        subNotes: r.subNotes,
        atomic: atomic(call),
        operationId: opId(call),
        dialect: dialectOf(call),
      });
      return { release };
    }),
    UpdateRelease: unary('UpdateRelease', async (r, call, scope) => {
      checkChartMessage(r.chart);
      await requireOnRelease(scope, 'update', r.name);
      const { release } = await upgradeRelease(scope.ctx, {
        name: r.name,
        chart: r.chart,
        values: r.values?.raw ?? '',
        dryRun: r.dry_run,
        disableHooks: r.disable_hooks,
        recreate: r.recreate,
        timeout: opTimeout(r.timeout),
        resetValues: r.reset_values,
        reuseValues: r.reuse_values,
        wait: r.wait,
        force: r.force,
        description: r.description,
        subNotes: r.subNotes,
        cleanupOnFail: r.cleanup_on_fail,
        atomic: atomic(call),
        operationId: opId(call),
        dialect: dialectOf(call),
      });
      return { release };
    }),
    RollbackRelease: unary('RollbackRelease', async (r, call, scope) => {
      await requireOnRelease(scope, 'update', r.name);
      const { release } = await rollbackRelease(scope.ctx, {
        name: r.name,
        version: Number(r.version),
        dryRun: r.dry_run,
        disableHooks: r.disable_hooks,
        recreate: r.recreate,
        timeout: opTimeout(r.timeout),
        wait: r.wait,
        force: r.force,
        description: r.description,
        cleanupOnFail: r.cleanup_on_fail,
        operationId: opId(call),
      });
      return { release };
    }),
    UninstallRelease: unary('UninstallRelease', async (r, call, scope) => {
      await requireOnRelease(scope, 'delete', r.name);
      const res = await uninstallRelease(scope.ctx, {
        name: r.name,
        disableHooks: r.disable_hooks,
        purge: r.purge,
        timeout: opTimeout(r.timeout),
        description: r.description,
        operationId: opId(call),
      });
      return { release: res.release, info: res.info };
    }),
    RunReleaseTest: (call) => {
      const r = call.request;
      guarded('RunReleaseTest', call as grpc.ServerWritableStream<unknown, unknown>, async (scope) => {
        await requireOnRelease(scope, 'update', r.name);
        await testRelease(
          scope.ctx,
          {
            name: r.name,
            timeout: opTimeout(r.timeout),
            cleanup: r.cleanup,
            parallel: r.parallel,
            maxParallel: Number(r.max_parallel),
            logs: r.logs,
            operationId: opId(call),
          },
          (m) => call.write(m),
        );
      }).then(
        () => call.end(),
        (err) => call.destroy(Object.assign(new Error(statusOf(err).details), { code: statusOf(err).code })),
      );
    },
    WatchOperation: (call) => {
      const r = call.request;
      const start = async () => {
        checkVersion(call);
        const scope = await security.open(call);
        // an operation id is an unguessable capability; watching by name needs read access to the release
        if (!r.operation_id) await requireOnRelease(scope, 'get', r.release);
      };
      start().then(
        () => {
          const onEvent = (ev: Parameters<Parameters<OperationBus['watch']>[1]>[0]) => call.write(ev);
          const onEnd = () => call.end();
          const cancel = r.operation_id
            ? ctx.bus.watch(r.operation_id, onEvent, onEnd)
            : ctx.bus.watchRelease(r.release, onEvent, onEnd);
          call.on('cancelled', cancel);
        },
        (err) => {
          const st =
            (err as { grpcCode?: grpc.status }).grpcCode !== undefined
              ? { code: (err as { grpcCode: grpc.status }).grpcCode, details: (err as Error).message }
              : grpcStatusOf(err);
          call.destroy(Object.assign(new Error(st.details), { code: st.code }));
        },
      );
    },
  };

  const server = createTillerGrpcServer();
  addReleaseService(server, handlers);
  const port = await bindServer(server, listen, credentials);
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
    await new Promise<void>((resolve, reject) =>
      probe!
        .once('error', reject)
        .listen(Number(options.probeListen!.slice(i + 1)), options.probeListen!.slice(0, i), resolve),
    );
    probePort = (probe.address() as { port: number }).port;
  }
  log.info('tiller listening', {
    address,
    probePort,
    storage: driverName,
    namespace,
    historyMax: options.historyMax ?? 0,
    tls: options.tls?.enable ? (options.tls.verify ? 'mutual' : 'server') : 'off',
    authz,
  });

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
