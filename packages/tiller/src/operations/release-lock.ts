// One operation per release at a time. In the cluster: a coordination.k8s.io Lease per release in
// Tiller's namespace, so several Tiller replicas serialize too; with the memory driver: in process.
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { CoordinationV1Api, V1MicroTime, type KubeConfig, type V1Lease } from '@kubernetes/client-node';
import { isConflict, isNotFound, kubeMessage, statusCodeOf } from '../kube/kube-errors.js';
import { boundedApiCall, type ApiCallPolicy } from '../kube/api-call.js';

export class ReleaseBusyError extends Error {
  constructor(
    readonly release: string,
    readonly holder: string,
  ) {
    super(`another operation (${holder}) is in progress for release "${release}"; try again when it has finished`);
    this.name = 'ReleaseBusyError';
  }
}

/** The Lease could not be read or written (the apiserver failed, after retries): one line saying so. */
class ReleaseLockError extends Error {
  constructor(release: string, cause: unknown) {
    super(`cannot take the lock of release "${release}": ${kubeMessage(cause).split('\n')[0]}`, { cause });
    this.name = 'ReleaseLockError';
  }
}

export interface LockHandle {
  release(): Promise<void>;
}

export interface ReleaseLock {
  /** Takes the release's lock for `operation` or throws ReleaseBusyError naming the holder. */
  acquire(release: string, operation: string): Promise<LockHandle>;
  /** Whether the lock of `release` is free or held by a dead holder. */
  isStale(release: string): Promise<boolean>;
}

export class MemoryReleaseLock implements ReleaseLock {
  private readonly held = new Map<string, string>();
  async acquire(release: string, operation: string): Promise<LockHandle> {
    const holder = this.held.get(release);
    if (holder !== undefined) throw new ReleaseBusyError(release, holder);
    this.held.set(release, operation);
    return { release: async () => void this.held.delete(release) };
  }
  async isStale(release: string): Promise<boolean> {
    return !this.held.has(release);
  }
}

export interface LeaseLockOptions {
  namespace: string;
  kubeConfig: KubeConfig;
  /** seconds; renewed every third of it while held */
  leaseSeconds?: number;
  /** identity of this Tiller process; default `<hostname>/<pid>/<pid namespace inode>` */
  identity?: string;
  /** deadline and retries of each Lease call (kube/api-call.ts) */
  retry?: ApiCallPolicy;
}

const LEASE_PREFIX = 'tiller-release-';
// holder strings (`<identity> <operation>`) of the operations this process runs now, whichever
// lock instance took them (tests run several Tillers in one process, with one identity)
const runningHere = new Set<string>();
// rounds of create / read / take over before calling the release busy
const CLAIM_ROUNDS = 5;

function leaseName(release: string): string {
  return `${LEASE_PREFIX}${release}`.toLowerCase().slice(0, 253);
}

/** The inode of this process's PID namespace ("4026531836"), undefined where /proc cannot tell. */
function pidNamespace(): string | undefined {
  try {
    return /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1];
  } catch {
    return undefined;
  }
}

const ownPidNamespace = pidNamespace();

/**
 * `<host>/<pid>[/<pid namespace>]` holders in our PID namespace on this host whose process is gone
 * are dead without waiting for expiry. Replicas on the host network share the node's host name but
 * each pod has its own PID namespace: their pids mean nothing here, so only expiry frees their leases.
 */
function holderIsDeadLocally(holderIdentity: string | undefined): boolean {
  if (!holderIdentity) return true;
  const [host, pid, pidNs] = holderIdentity.split(' ')[0]!.split('/');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  if (pidNs === undefined ? Boolean(process.env.KUBERNETES_SERVICE_HOST) : pidNs !== ownPidNamespace) return false;
  if (Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function expired(lease: V1Lease): boolean {
  const renew = lease.spec?.renewTime ?? lease.spec?.acquireTime;
  const seconds = lease.spec?.leaseDurationSeconds ?? 0;
  if (!renew) return true;
  return new Date(renew as unknown as string).getTime() + seconds * 1000 < Date.now();
}

/** The Lease calls the lock makes, each bounded (deadline, retries of transient failures). */
interface LeaseCalls {
  create(namespace: string, body: V1Lease): Promise<V1Lease>;
  read(name: string, namespace: string): Promise<V1Lease>;
  replace(name: string, namespace: string, body: V1Lease): Promise<V1Lease>;
  remove(name: string, namespace: string, resourceVersion?: string): Promise<void>;
}

function boundedLeaseCalls(api: CoordinationV1Api, policy: ApiCallPolicy | undefined): LeaseCalls {
  return {
    create: (namespace, body) =>
      boundedApiCall(
        `create Lease ${body.metadata?.name}`,
        () => api.createNamespacedLease({ namespace, body }),
        policy,
      ),
    read: (name, namespace) =>
      boundedApiCall(`get Lease ${name}`, () => api.readNamespacedLease({ name, namespace }), policy),
    replace: (name, namespace, body) =>
      boundedApiCall(`update Lease ${name}`, () => api.replaceNamespacedLease({ name, namespace, body }), policy),
    remove: (name, namespace, resourceVersion) =>
      boundedApiCall(
        `delete Lease ${name}`,
        async (attempt) => {
          try {
            await api.deleteNamespacedLease({
              name,
              namespace,
              body: resourceVersion ? { preconditions: { resourceVersion } } : undefined,
            });
          } catch (e) {
            if (attempt > 0 && isNotFound(e)) return; // the lost answer of our previous attempt
            throw e;
          }
        },
        policy,
      ),
  };
}

export class LeaseReleaseLock implements ReleaseLock {
  private readonly api: LeaseCalls;
  private readonly leaseSeconds: number;
  readonly identity: string;

  constructor(private readonly options: LeaseLockOptions) {
    this.api = boundedLeaseCalls(options.kubeConfig.makeApiClient(CoordinationV1Api), options.retry);
    this.leaseSeconds = options.leaseSeconds ?? 30;
    this.identity = options.identity ?? `${hostname()}/${process.pid}${ownPidNamespace ? `/${ownPidNamespace}` : ''}`;
  }

  private body(release: string, operation: string, resourceVersion?: string): V1Lease {
    const now = new V1MicroTime();
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: leaseName(release),
        namespace: this.options.namespace,
        resourceVersion,
        labels: { OWNER: 'TILLER', NAME: release },
      },
      spec: {
        holderIdentity: `${this.identity} ${operation}`,
        leaseDurationSeconds: this.leaseSeconds,
        acquireTime: now,
        renewTime: now,
      },
    };
  }

  /**
   * Creates the Lease, or takes over a dead holder's. Between our create (409: it exists) and our
   * read, the holder may release it (404): then it is free and we create it again. A few such
   * rounds lost to other Tillers mean the release is busy.
   */
  private async claim(release: string, operation: string): Promise<V1Lease> {
    const namespace = this.options.namespace;
    const name = leaseName(release);
    for (let round = 0; round < CLAIM_ROUNDS; round++) {
      try {
        return await this.api.create(namespace, this.body(release, operation));
      } catch (e) {
        if (!isConflict(e)) throw e;
      }
      let current: V1Lease;
      try {
        current = await this.api.read(name, namespace);
      } catch (e) {
        if (isNotFound(e)) continue; // released meanwhile: free, create it again
        throw e;
      }
      const holder = current.spec?.holderIdentity;
      // ours: an earlier attempt of this very claim succeeded but its answer was lost
      if (holder === `${this.identity} ${operation}`) return current;
      if (holder && !expired(current) && !holderIsDeadLocally(holder) && !this.leftByUs(holder))
        throw new ReleaseBusyError(release, holder.split(' ').slice(1).join(' ') || holder);
      try {
        return await this.api.replace(
          name,
          namespace,
          this.body(release, operation, current.metadata?.resourceVersion),
        );
      } catch (e) {
        // someone else took it over first (409), or it was released meanwhile (404): try again
        if (!isConflict(e) && !isNotFound(e)) throw e;
      }
    }
    throw new ReleaseBusyError(release, 'another operation');
  }

  /**
   * A Lease naming this process but no operation it runs: its release failed to delete it (the
   * apiserver was down then). Nobody holds it; waiting for it to expire would only block the release.
   */
  private leftByUs(holder: string): boolean {
    return holder.startsWith(`${this.identity} `) && !runningHere.has(holder);
  }

  async acquire(release: string, operation: string): Promise<LockHandle> {
    // counted as running from the start: a concurrent claim in this process that reads our Lease
    // before our create has answered must see it held, not left behind
    const holder = `${this.identity} ${operation}`;
    runningHere.add(holder);
    let lease: V1Lease;
    try {
      lease = await this.claim(release, operation);
    } catch (e) {
      runningHere.delete(holder);
      throw e instanceof ReleaseBusyError ? e : new ReleaseLockError(release, e);
    }
    const namespace = this.options.namespace;
    const name = leaseName(release);
    let resourceVersion = lease.metadata?.resourceVersion;
    const renew = setInterval(
      async () => {
        try {
          const cur = await this.api.read(name, namespace);
          cur.spec = { ...cur.spec, renewTime: new V1MicroTime() };
          const next = await this.api.replace(name, namespace, cur);
          resourceVersion = next.metadata?.resourceVersion;
        } catch {
          // a missed renewal only shortens our claim
        }
      },
      (this.leaseSeconds * 1000) / 3,
    );
    renew.unref();
    return {
      release: async () => {
        clearInterval(renew);
        runningHere.delete(holder);
        try {
          await this.api.remove(name, namespace, resourceVersion);
        } catch (e) {
          if (isNotFound(e)) return;
          if (statusCodeOf(e) === 409) {
            // Changed meanwhile: by our own renewal (then it is still this operation's, delete it at
            // its new version), or taken over by another operation, possibly of this very process
            // (once this one left runningHere): that one's Lease must stay, or two operations run.
            const cur = await this.api.read(name, namespace).catch(() => undefined);
            if (cur?.spec?.holderIdentity === holder)
              await this.api.remove(name, namespace, cur.metadata?.resourceVersion).catch(() => {});
          }
        }
      },
    };
  }

  async isStale(release: string): Promise<boolean> {
    try {
      const cur = await this.api.read(leaseName(release), this.options.namespace);
      const holder = cur.spec?.holderIdentity;
      return expired(cur) || holderIsDeadLocally(holder) || (holder !== undefined && this.leftByUs(holder));
    } catch (e) {
      if (isNotFound(e)) return true;
      throw e;
    }
  }
}
