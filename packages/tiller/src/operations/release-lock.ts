// One operation per release at a time. In the cluster: a lease per release in Tiller's namespace,
// kept in an object of the storage's own kind (a ConfigMap `<release>.lock` beside the release's
// `<release>.v<N>` records, or a Secret), so several Tiller replicas serialize too; with the memory
// driver: in process.
//
// Why not a coordination.k8s.io Lease: the API server answers a consistent list of ConfigMaps from
// its watch cache once that cache has caught up with etcd, and a write to another kind moves etcd
// on without the ConfigMaps cache seeing it, so a list of records that came after a list and a
// Lease write waited for the cache's next progress notice: 50-90 ms of the next `list` or `history`
// after every operation, and of every install's name check among concurrent ones. A lock of the
// records' own kind is an event that cache sees.
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { KubeConfig } from '@kubernetes/client-node';
import type { PlainObject, PlainObjectApi } from '../storage/kube-record-driver.js';
import { isConflict, isNotFound, kubeMessage, statusCodeOf } from '../kube/kube-errors.js';
import { boundedApiCall, type ApiCallPolicy } from '../kube/api-call.js';
import { kubeRequest } from '../kube/raw-request.js';

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
  /** Objects of the storage driver's kind (`KubeRecordDriver.plainObjects()`): each keeps a lease. */
  objects: PlainObjectApi;
  /** seconds; renewed every third of it while held */
  leaseSeconds?: number;
  /** identity of this Tiller process; default `<hostname>/<pid>/<pid namespace inode>` */
  identity?: string;
  /** deadline and retries of each Lease call (kube/api-call.ts) */
  retry?: ApiCallPolicy;
}

/** The lock object's name: records are `<release>.v<N>`, so no record is ever named this. */
const LOCK_SUFFIX = '.lock';
/** Labels of a lock object: not OWNER=TILLER, so no list of records (ours or Helm 2's) sees it. */
const LOCK_OWNER = 'TILLER-LOCK';
/** The coordination.k8s.io Lease name earlier helmts Tillers locked a release with (LegacyLeases). */
const LEGACY_LEASE_PREFIX = 'tiller-release-';
// holder strings (`<identity> <operation>`) of the operations this process runs now, whichever
// lock instance took them (tests run several Tillers in one process, with one identity)
const runningHere = new Set<string>();
// rounds of create / read / take over before calling the release busy
const CLAIM_ROUNDS = 5;

function lockName(release: string): string {
  return `${release.toLowerCase()}${LOCK_SUFFIX}`;
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

/** A release's lease as the lock reads and writes it, whatever object keeps it. */
interface LeaseState {
  resourceVersion?: string;
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  /** RFC 3339 */
  acquireTime?: string;
  renewTime?: string;
}

function expired(lease: LeaseState): boolean {
  const renew = lease.renewTime ?? lease.acquireTime;
  const seconds = lease.leaseDurationSeconds ?? 0;
  if (!renew) return true;
  return new Date(renew).getTime() + seconds * 1000 < Date.now();
}

/** The lease's fields as the lock object's data (strings). */
function leaseData(lease: LeaseState): Record<string, string> {
  const data: Record<string, string> = {};
  if (lease.holderIdentity !== undefined) data.holderIdentity = lease.holderIdentity;
  if (lease.leaseDurationSeconds !== undefined) data.leaseDurationSeconds = String(lease.leaseDurationSeconds);
  if (lease.acquireTime !== undefined) data.acquireTime = lease.acquireTime;
  if (lease.renewTime !== undefined) data.renewTime = lease.renewTime;
  return data;
}

function leaseOf(obj: PlainObject): LeaseState {
  const seconds = Number(obj.data.leaseDurationSeconds);
  return {
    resourceVersion: obj.resourceVersion,
    holderIdentity: obj.data.holderIdentity,
    leaseDurationSeconds: Number.isFinite(seconds) ? seconds : undefined,
    acquireTime: obj.data.acquireTime,
    renewTime: obj.data.renewTime,
  };
}

/** The calls the lock makes on its lease objects, each bounded (deadline, retries of transient failures). */
interface LeaseCalls {
  create(name: string, release: string, lease: LeaseState): Promise<LeaseState>;
  read(name: string): Promise<LeaseState>;
  replace(name: string, release: string, lease: LeaseState): Promise<LeaseState>;
  remove(name: string, resourceVersion?: string): Promise<void>;
}

function boundedLeaseCalls(objects: PlainObjectApi, policy: ApiCallPolicy | undefined): LeaseCalls {
  const kind = objects.kind;
  const object = (name: string, release: string, lease: LeaseState): PlainObject => ({
    name,
    labels: { OWNER: LOCK_OWNER, NAME: release },
    resourceVersion: lease.resourceVersion,
    data: leaseData(lease),
  });
  return {
    create: async (name, release, lease) =>
      leaseOf(
        await boundedApiCall(`create ${kind} ${name}`, () => objects.create(object(name, release, lease)), policy),
      ),
    read: async (name) => leaseOf(await boundedApiCall(`get ${kind} ${name}`, () => objects.read(name), policy)),
    replace: async (name, release, lease) =>
      leaseOf(
        await boundedApiCall(`update ${kind} ${name}`, () => objects.replace(object(name, release, lease)), policy),
      ),
    remove: (name, resourceVersion) =>
      boundedApiCall(
        `delete ${kind} ${name}`,
        async (attempt) => {
          try {
            await objects.remove(name, resourceVersion);
          } catch (e) {
            if (attempt > 0 && isNotFound(e)) return; // the lost answer of our previous attempt
            throw e;
          }
        },
        policy,
      ),
  };
}

/**
 * The coordination.k8s.io Leases earlier helmts Tillers locked releases with, read so that a
 * release one of them is still working on (a rolling update of the Tiller Deployment, or a Lease a
 * crashed one left) stays busy until that Lease is let go or runs out. Only read, by name: a GET
 * is answered from etcd and never waits for a watch cache. No RBAC for leases means none exist.
 */
class LegacyLeases {
  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly namespace: string,
    private readonly policy: ApiCallPolicy | undefined,
  ) {}

  async holder(release: string): Promise<LeaseState | undefined> {
    const name = `${LEGACY_LEASE_PREFIX}${release}`.toLowerCase().slice(0, 253);
    try {
      const path = `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(this.namespace)}/leases/${encodeURIComponent(name)}`;
      const lease = (await boundedApiCall(
        `get Lease ${name}`,
        () => kubeRequest(this.kubeConfig, path),
        this.policy,
      )) as {
        metadata?: { resourceVersion?: string };
        spec?: { holderIdentity?: string; leaseDurationSeconds?: number; acquireTime?: unknown; renewTime?: unknown };
      };
      const time = (t: unknown) => (typeof t === 'string' ? t : undefined);
      return {
        resourceVersion: lease.metadata?.resourceVersion,
        holderIdentity: lease.spec?.holderIdentity,
        leaseDurationSeconds: lease.spec?.leaseDurationSeconds,
        acquireTime: time(lease.spec?.acquireTime),
        renewTime: time(lease.spec?.renewTime),
      };
    } catch (e) {
      if (isNotFound(e) || statusCodeOf(e) === 403) return undefined;
      throw e;
    }
  }
}

export class LeaseReleaseLock implements ReleaseLock {
  private readonly api: LeaseCalls;
  private readonly legacy: LegacyLeases;
  private readonly leaseSeconds: number;
  readonly identity: string;

  constructor(private readonly options: LeaseLockOptions) {
    this.api = boundedLeaseCalls(options.objects, options.retry);
    this.legacy = new LegacyLeases(options.kubeConfig, options.namespace, options.retry);
    this.leaseSeconds = options.leaseSeconds ?? 30;
    this.identity = options.identity ?? `${hostname()}/${process.pid}${ownPidNamespace ? `/${ownPidNamespace}` : ''}`;
  }

  private lease(operation: string, resourceVersion?: string): LeaseState {
    const now = new Date().toISOString();
    return {
      resourceVersion,
      holderIdentity: `${this.identity} ${operation}`,
      leaseDurationSeconds: this.leaseSeconds,
      acquireTime: now,
      renewTime: now,
    };
  }

  /** A holder other than us that is alive: its lease has not run out and its process is not gone. */
  private heldByAnother(lease: LeaseState): boolean {
    const holder = lease.holderIdentity;
    return Boolean(holder) && !expired(lease) && !holderIsDeadLocally(holder) && !this.leftByUs(holder!);
  }

  /**
   * Creates the lock object, or takes over a dead holder's. Between our create (409: it exists)
   * and our read, the holder may release it (404): then it is free and we create it again. A few
   * such rounds lost to other Tillers mean the release is busy.
   */
  private async claim(release: string, operation: string): Promise<LeaseState> {
    const name = lockName(release);
    for (let round = 0; round < CLAIM_ROUNDS; round++) {
      try {
        return await this.api.create(name, release, this.lease(operation));
      } catch (e) {
        if (!isConflict(e)) throw e;
      }
      let current: LeaseState;
      try {
        current = await this.api.read(name);
      } catch (e) {
        if (isNotFound(e)) continue; // released meanwhile: free, create it again
        throw e;
      }
      const holder = current.holderIdentity;
      // ours: an earlier attempt of this very claim succeeded but its answer was lost
      if (holder === `${this.identity} ${operation}`) return current;
      if (this.heldByAnother(current))
        throw new ReleaseBusyError(release, holder!.split(' ').slice(1).join(' ') || holder!);
      try {
        return await this.api.replace(name, release, this.lease(operation, current.resourceVersion));
      } catch (e) {
        // someone else took it over first (409), or it was released meanwhile (404): try again
        if (!isConflict(e) && !isNotFound(e)) throw e;
      }
    }
    throw new ReleaseBusyError(release, 'another operation');
  }

  /**
   * A lease naming this process but no operation it runs: its release failed to delete it (the
   * apiserver was down then). Nobody holds it; waiting for it to expire would only block the release.
   */
  private leftByUs(holder: string): boolean {
    return holder.startsWith(`${this.identity} `) && !runningHere.has(holder);
  }

  async acquire(release: string, operation: string): Promise<LockHandle> {
    // counted as running from the start: a concurrent claim in this process that reads our lock
    // before our create has answered must see it held, not left behind
    const holder = `${this.identity} ${operation}`;
    runningHere.add(holder);
    const name = lockName(release);
    let lease: LeaseState;
    try {
      lease = await this.claim(release, operation);
    } catch (e) {
      runningHere.delete(holder);
      throw e instanceof ReleaseBusyError ? e : new ReleaseLockError(release, e);
    }
    let resourceVersion = lease.resourceVersion;
    const letGo = async () => {
      runningHere.delete(holder);
      try {
        await this.api.remove(name, resourceVersion);
      } catch (e) {
        if (isNotFound(e)) return;
        if (statusCodeOf(e) === 409) {
          // Changed meanwhile: by our own renewal (then it is still this operation's, delete it at
          // its new version), or taken over by another operation, possibly of this very process
          // (once this one left runningHere): that one's lock must stay, or two operations run.
          const cur = await this.api.read(name).catch(() => undefined);
          if (cur?.holderIdentity === holder) await this.api.remove(name, cur.resourceVersion).catch(() => {});
        }
      }
    };
    // Held: an earlier helmts Tiller still working on the release (its Lease live) keeps it busy.
    let legacy: LeaseState | undefined;
    try {
      legacy = await this.legacy.holder(release);
    } catch (e) {
      await letGo();
      throw new ReleaseLockError(release, e);
    }
    if (legacy && this.heldByAnother(legacy)) {
      await letGo();
      const other = legacy.holderIdentity!;
      throw new ReleaseBusyError(release, other.split(' ').slice(1).join(' ') || other);
    }
    const renew = setInterval(
      async () => {
        try {
          const cur = await this.api.read(name);
          const next = await this.api.replace(name, release, { ...cur, renewTime: new Date().toISOString() });
          resourceVersion = next.resourceVersion;
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
        await letGo();
      },
    };
  }

  async isStale(release: string): Promise<boolean> {
    let current: LeaseState | undefined;
    try {
      current = await this.api.read(lockName(release));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    if (current && this.heldByAnother(current)) return false;
    const legacy = await this.legacy.holder(release);
    return !legacy || !this.heldByAnother(legacy);
  }
}
