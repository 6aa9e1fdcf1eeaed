// Wakes --wait up the moment something its readiness judgement reads changes (a pod turning Ready,
// a ReplicaSet counting it), through apiserver watches on the namespaces involved, instead of
// re-reading every 2 s as Helm 2 does. A watch the apiserver ends is opened again; one that
// cannot be opened leaves the waiter on its poll interval.
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from './kube-client.js';

// The collections each waited-for kind's readiness reads (readiness.ts), as API path + plural.
const PODS = '/api/v1 pods';
const READS: Record<string, string[]> = {
  Pod: [PODS],
  Deployment: ['/apis/apps/v1 deployments', '/apis/apps/v1 replicasets', PODS],
  ReplicationController: ['/api/v1 replicationcontrollers', PODS],
  ReplicaSet: ['/apis/apps/v1 replicasets', PODS],
  DaemonSet: ['/apis/apps/v1 daemonsets', PODS],
  StatefulSet: ['/apis/apps/v1 statefulsets', PODS],
  PersistentVolumeClaim: ['/api/v1 persistentvolumeclaims'],
  Service: ['/api/v1 services'],
};

export interface ChangeWatch {
  /** Forgets changes seen so far: call right before reading the state. */
  reset(): void;
  /** Resolves at the first change since reset(), or after `ms` (sooner when a watch is down). */
  next(ms: number): Promise<void>;
  /** Whether every watch is open (false: the caller should poll). */
  readonly watching: boolean;
  stop(): void;
}

/** Opens the watches `objs` need; resolves once they are connected (so no change is missed after). */
export async function watchChanges(kubeConfig: KubeConfig, objs: readonly KubeObject[]): Promise<ChangeWatch> {
  const paths = new Set<string>();
  for (const o of objs) {
    const ns = o.metadata.namespace;
    if (!ns) continue;
    for (const read of READS[o.kind] ?? []) {
      const [api, plural] = read.split(' ');
      paths.add(`${api}/namespaces/${ns}/${plural}`);
    }
  }
  const watch = new Watch(kubeConfig);
  const controllers = new Map<string, AbortController>();
  let changed = false;
  let down = 0;
  let stopped = false;
  let wake: (() => void) | undefined;
  const signal = () => {
    changed = true;
    wake?.();
  };
  const open = async (path: string): Promise<void> => {
    let connected = false;
    let closed = false;
    const controller = await watch.watch(path, {}, signal, () => {
      closed = true;
      controllers.delete(path);
      // refused at once (e.g. the caller may not watch): the waiter polls instead
      if (stopped || !connected) return;
      // the apiserver ends watches after a while (or the connection broke): anything may have
      // changed meanwhile, so look again, and watch again
      signal();
      down++;
      open(path).then(
        () => void down--,
        () => {},
      );
    });
    if (closed) throw new Error(`watch ${path} did not open`);
    connected = true;
    controllers.set(path, controller);
  };
  const opened = await Promise.allSettled([...paths].map(open));
  down += opened.filter((r) => r.status === 'rejected').length;
  return {
    reset() {
      changed = false;
    },
    get watching() {
      return down === 0;
    },
    next(ms: number) {
      if (changed) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        }
        wake = done;
      });
    },
    stop() {
      stopped = true;
      wake?.();
      for (const c of controllers.values()) c.abort();
      controllers.clear();
    },
  };
}
