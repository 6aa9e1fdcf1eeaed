// A real Kubernetes API server for tests: reuse one that is already running, or start one with
// scripts/local-cluster.sh (etcd + kube-apiserver + kube-controller-manager built from Go modules).
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreV1Api, KubeConfig, VersionApi } from '@kubernetes/client-node';

export interface ClusterInfo {
  /** Kubeconfig path (or KUBECONFIG list) to hand to clients and to `kubectl --kubeconfig`. */
  kubeconfig: string;
  /** API server URL of the admin context. */
  server: string;
  /** Context with cluster-admin rights (client cert in group system:masters for our clusters). */
  adminContext: string;
  /** Context of the restricted user `dev` (no RBAC bindings), when the kubeconfig has one. */
  restrictedContext?: string;
  /** `gitVersion` from /version, e.g. "v1.36.5". */
  version: string;
  /** Whether controllers run (namespace deletion, GC, Deployment → ReplicaSet, default SAs). */
  controllerManager: boolean;
  /** How the cluster was found: KUBECONFIG, the script's running cluster, or started now. */
  source: 'kubeconfig-env' | 'script-running' | 'script-started';
  /** True when this process started it; stop() only stops such a cluster. */
  startedByUs: boolean;
  /** Stops the cluster if this process started it (no-op otherwise). */
  stop(): Promise<void>;
}

export interface EnsureClusterOptions {
  /** Path of local-cluster.sh; default: HELMTS_CLUSTER_SCRIPT or <repo>/scripts/local-cluster.sh. */
  script?: string;
  /** Limit for `local-cluster.sh start`, which includes a cold build the first time. Default 60 min. */
  startTimeoutMs?: number;
  /** Consider $KUBECONFIG (default true). */
  useKubeconfigEnv?: boolean;
}

/** Thrown when no cluster is reachable and none could be started. Never a silent skip. */
export class ClusterUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClusterUnavailableError';
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** scripts/local-cluster.sh of this repository (src/ and dist/ are both 3 levels below the root). */
export function localClusterScript(): string {
  return process.env.HELMTS_CLUSTER_SCRIPT ?? path.resolve(here, '../../../scripts/local-cluster.sh');
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

async function probe(kc: KubeConfig): Promise<{ version: string; controllerManager: boolean }> {
  const v = await withTimeout(kc.makeApiClient(VersionApi).getCode(), 10_000, 'GET /version');
  let controllerManager = false;
  try {
    // The ServiceAccount controller (in kube-controller-manager) creates `default` in every namespace.
    await withTimeout(
      kc.makeApiClient(CoreV1Api).readNamespacedServiceAccount({ name: 'default', namespace: 'default' }),
      10_000,
      'GET serviceaccount default/default',
    );
    controllerManager = true;
  } catch {
    controllerManager = false;
  }
  return { version: v.gitVersion, controllerManager };
}

function run(cmd: string, args: string[], timeoutMs: number, inheritStderr: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', inheritStderr ? 'inherit' : 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else {
        const e = new Error(
          `${path.basename(args[0] ?? cmd)} ${args.slice(1).join(' ')} exited with ${code ?? signal}` +
            (err ? `:\n${err.trim()}` : ''),
        ) as Error & { code?: number | null; stdout?: string };
        e.code = code;
        e.stdout = out;
        reject(e);
      }
    });
  });
}

function scriptOutput(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [script, ...args], { timeout: 60_000 }, (error, stdout) =>
      error ? reject(Object.assign(error, { stdout })) : resolve(stdout.trim()),
    );
  });
}

async function fromKubeconfig(
  kubeconfig: string,
  source: ClusterInfo['source'],
  startedByUs: boolean,
  stop: () => Promise<void>,
): Promise<ClusterInfo> {
  const kc = new KubeConfig();
  if (kubeconfig.includes(path.delimiter)) {
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = kubeconfig;
    try {
      kc.loadFromDefault();
    } finally {
      process.env.KUBECONFIG = saved;
    }
  } else {
    kc.loadFromFile(kubeconfig);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`kubeconfig ${kubeconfig} has no current cluster`);
  const host = new URL(cluster.server).hostname;
  if (!LOOPBACK.test(host) && process.env.HELMTS_CLUSTER_ALLOW_REMOTE !== '1') {
    throw new ClusterUnavailableError(
      `KUBECONFIG points at ${cluster.server}, which is not a loopback address; tests create and ` +
        `delete namespaces, so they only use a local cluster. Set HELMTS_CLUSTER_ALLOW_REMOTE=1 to use it anyway.`,
    );
  }
  const { version, controllerManager } = await probe(kc);
  return {
    kubeconfig,
    server: cluster.server,
    adminContext: kc.getCurrentContext(),
    restrictedContext: kc.getContexts().some((c) => c.name === 'dev') ? 'dev' : undefined,
    version,
    controllerManager,
    source,
    startedByUs,
    stop,
  };
}

let pending: Promise<ClusterInfo> | undefined;

/**
 * Returns a reachable cluster, in this order: the one $KUBECONFIG points at (if it answers and is on
 * loopback), the one scripts/local-cluster.sh reports as running, or a new one from
 * `scripts/local-cluster.sh start` (which builds the binaries first if the cache is empty).
 * Memoized per process. Throws ClusterUnavailableError with the reason if none can be had.
 */
export function ensureCluster(options: EnsureClusterOptions = {}): Promise<ClusterInfo> {
  pending ??= doEnsure(options).catch((e: unknown) => {
    pending = undefined;
    throw e;
  });
  return pending;
}

async function doEnsure(options: EnsureClusterOptions): Promise<ClusterInfo> {
  const noop = async () => {};
  const env = process.env.KUBECONFIG;
  const reasons: string[] = [];
  if (env && options.useKubeconfigEnv !== false) {
    try {
      return await fromKubeconfig(env, 'kubeconfig-env', false, noop);
    } catch (e) {
      if (e instanceof ClusterUnavailableError) throw e;
      reasons.push(`KUBECONFIG=${env} is not reachable: ${(e as Error).message}`);
    }
  }

  const script = options.script ?? localClusterScript();
  if (!existsSync(script)) {
    throw new ClusterUnavailableError(
      [...reasons, `cannot start a cluster: ${script} does not exist (set HELMTS_CLUSTER_SCRIPT)`].join('\n'),
    );
  }
  const kubeconfig = await scriptOutput(script, ['kubeconfig']);
  try {
    await scriptOutput(script, ['status']);
    return await fromKubeconfig(kubeconfig, 'script-running', false, noop);
  } catch {
    // not running (status exits 3) or not answering: start it
  }

  const timeout = options.startTimeoutMs ?? Number(process.env.HELMTS_CLUSTER_START_TIMEOUT_MS ?? 3_600_000);
  const started = Date.now();
  try {
    // stderr is inherited: build and start-up progress (and the log file paths) show up in the test output.
    await run('bash', [script, 'start'], timeout, true);
  } catch (e) {
    throw new ClusterUnavailableError(
      [
        ...reasons,
        `could not start a local Kubernetes cluster with ${script} start: ${(e as Error).message}`,
        `Tests tagged @cluster need it. Try it by hand: bash ${script} start ` +
          `(first run builds etcd and kube-apiserver with Go >= 1.26; see scripts/cluster/README.md).`,
      ].join('\n'),
      { cause: e },
    );
  }
  const stop = async () => {
    await run('bash', [script, 'stop'], 120_000, false);
  };
  try {
    const info = await fromKubeconfig(kubeconfig, 'script-started', true, stop);
    process.stderr.write(`testkit: local cluster ${info.version} at ${info.server} up in ${Date.now() - started} ms\n`);
    return info;
  } catch (e) {
    await stop().catch(() => {});
    throw new ClusterUnavailableError(`started the cluster, but it does not answer: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

/** Loads the kubeconfig of `info`, switched to `context` (default: the admin context). */
export function kubeConfigFor(info: ClusterInfo, context?: string): KubeConfig {
  const kc = new KubeConfig();
  if (info.kubeconfig.includes(path.delimiter)) {
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = info.kubeconfig;
    try {
      kc.loadFromDefault();
    } finally {
      process.env.KUBECONFIG = saved;
    }
  } else {
    kc.loadFromFile(info.kubeconfig);
  }
  kc.setCurrentContext(context ?? info.adminContext);
  return kc;
}

/** A namespace name that is unique per call, for tests that must not collide: `<prefix>-<time>-<rand>`. */
export function uniqueNamespace(prefix = 'test'): string {
  const rand = Math.random().toString(36).slice(2, 7);
  return `${prefix}-${Date.now().toString(36)}-${rand}`.toLowerCase().slice(0, 63);
}
