// Builds the Tiller context from the options: cluster access (keep-alive), storage driver, release
// lock, extra engines, render limits, and the per-request security around it.
import { KubeConfig } from '@kubernetes/client-node';
import { Storage, createDriver } from './storage/index.js';
import { KubeRecordDriver } from './storage/kube-record-driver.js';
import { keepAliveKubeConfig } from './kube/keep-alive.js';
import { withRequestTimeout } from './kube/request-timeout.js';
import type { ApiCallPolicy } from './kube/api-call.js';
import { KubeClient } from './kube/kube-client.js';
import { LeaseReleaseLock, MemoryReleaseLock, type ReleaseLock } from './operations/release-lock.js';
import { OperationBus } from './operations/progress.js';
import { PendingSettlements } from './operations/pending-settlements.js';
import type { Logger } from './logger.js';
import type { TillerContext } from './tiller-context.js';
import { tillerNamespace, type TillerOptions } from './tiller-options.js';
import { TillerSecurity } from './security/request-security.js';
import { auditLog } from './security/audit-log.js';
import { DEFAULT_RENDER_LIMITS } from './security/render-limits.js';

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

function loadKubeConfig(options: TillerOptions): KubeConfig {
  if (options.kubeConfig) return options.kubeConfig;
  const kc = new KubeConfig();
  if (options.kubeconfigPath) kc.loadFromFile(options.kubeconfigPath);
  else kc.loadFromDefault();
  return kc;
}

export interface BuiltTiller {
  ctx: TillerContext;
  security: TillerSecurity;
}

export async function buildTillerContext(options: TillerOptions, log: Logger): Promise<BuiltTiller> {
  const namespace = tillerNamespace(options.namespace);
  const requestTimeoutMs = options.kube?.requestTimeoutMs ?? 30_000;
  const kubeConfig = withRequestTimeout(keepAliveKubeConfig(loadKubeConfig(options)), requestTimeoutMs);
  // storage and lock calls: the same deadline and attempts as the release actions' calls
  const retry: ApiCallPolicy = {
    timeoutMs: requestTimeoutMs,
    attempts: options.kube?.attempts,
    delayMs: options.kube?.retryDelayMs,
  };
  const driverName = options.storage ?? 'configmap';
  const driver = createDriver(driverName, { namespace, kubeConfig, onWarning: (m) => log.warn(m), retry });
  const lock: ReleaseLock =
    driver instanceof KubeRecordDriver
      ? new LeaseReleaseLock({
          namespace,
          kubeConfig,
          // leases in objects of the records' own kind: see operations/release-lock.ts
          objects: driver.plainObjects(),
          leaseSeconds: options.leaseSeconds,
          retry,
        })
      : new MemoryReleaseLock();
  if (driverName !== 'memory') await new KubeClient(kubeConfig).ensureNamespace(namespace);
  const engines =
    options.engines && Object.keys(options.engines).length > 0 ? await loadExtraEngines(options.engines) : undefined;
  const ctx: TillerContext = {
    storage: new Storage(driver, { maxHistory: options.historyMax ?? 0 }),
    kube: new KubeClient(kubeConfig, options.kube),
    lock,
    bus: new OperationBus(),
    // a busy release is tried again once its holder's Lease can have run out
    settlements: new PendingSettlements({ busyDelayMs: ((options.leaseSeconds ?? 30) + 1) * 1000 }),
    log,
    namespace,
    pollMs: options.pollMs,
    engines,
    renderLimits: { ...DEFAULT_RENDER_LIMITS, ...options.renderLimits },
    dialect: options.dialect,
  };
  const security = new TillerSecurity(ctx, {
    authz: options.authz ?? 'none',
    trustCertificate: Boolean(options.tls?.enable && options.tls.verify),
    storageResource: driverName === 'secret' ? 'secrets' : 'configmaps',
    audit: options.audit ? auditLog(options.audit) : undefined,
    kube: options.kube,
  });
  return { ctx, security };
}
