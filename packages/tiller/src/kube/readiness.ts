// Readiness for --wait as Helm 2 judges it (reference §3.5).
import type { KubeClient, KubeObject } from './kube-client.js';

export interface Readiness {
  ready: boolean;
  message: string;
}

type Obj = Record<string, any>;

function selectorString(sel: Obj | undefined): string | undefined {
  if (!sel) return undefined;
  const labels: Record<string, string> = sel.matchLabels ?? (sel.matchExpressions ? undefined : sel);
  if (!labels) return undefined;
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function podReady(pod: Obj): boolean {
  return (pod.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');
}

async function podsReady(kube: KubeClient, namespace: string, selector: Obj | undefined): Promise<Readiness> {
  const sel = selectorString(selector);
  const pods = await kube.list('v1', 'Pod', namespace, sel);
  const notReady = pods.filter((p) => !podReady(p as Obj));
  if (notReady.length > 0) return { ready: false, message: `${notReady.length}/${pods.length} pods not ready` };
  return { ready: true, message: `${pods.length} pods ready` };
}

function intOrPercent(v: unknown, total: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.endsWith('%')) return Math.floor((Number(v.slice(0, -1)) * total) / 100);
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return 0;
}

async function deploymentReady(kube: KubeClient, dep: Obj): Promise<Readiness> {
  if (dep.spec?.paused) return { ready: true, message: 'paused' };
  const ns: string = dep.metadata.namespace;
  const replicas: number = dep.spec?.replicas ?? 1;
  const maxUnavailable =
    dep.spec?.strategy?.type === 'Recreate'
      ? 0
      : intOrPercent(dep.spec?.strategy?.rollingUpdate?.maxUnavailable ?? '25%', replicas);
  const rsList = await kube.list('apps/v1', 'ReplicaSet', ns, selectorString(dep.spec?.selector));
  const owned = rsList.filter((rs) => (rs.metadata.ownerReferences ?? []).some((o) => o.uid === dep.metadata.uid));
  // the "new" ReplicaSet has the Deployment's current pod-template-hash revision
  const revision = dep.metadata.annotations?.['deployment.kubernetes.io/revision'];
  const newRs =
    owned.find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision) ?? owned[0];
  if (!newRs) return { ready: false, message: 'no ReplicaSet yet' };
  const ready: number = (newRs as Obj).status?.readyReplicas ?? 0;
  const need = replicas - maxUnavailable;
  return ready >= need
    ? { ready: true, message: `${ready}/${replicas} replicas ready` }
    : { ready: false, message: `${ready}/${need} replicas ready` };
}

export async function readinessOf(kube: KubeClient, obj: KubeObject): Promise<Readiness | undefined> {
  const live = (await kube.get(obj)) as Obj | undefined;
  if (!live) return { ready: false, message: 'not found' };
  const ns: string = live.metadata.namespace;
  switch (obj.kind) {
    case 'Pod':
      return podReady(live)
        ? { ready: true, message: 'Ready' }
        : { ready: false, message: `phase ${live.status?.phase ?? 'Pending'}` };
    case 'Deployment':
      return deploymentReady(kube, live);
    case 'ReplicationController':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
      return podsReady(kube, ns, live.spec?.selector);
    case 'PersistentVolumeClaim':
      return live.status?.phase === 'Bound'
        ? { ready: true, message: 'Bound' }
        : { ready: false, message: `phase ${live.status?.phase ?? 'Pending'}` };
    case 'Service': {
      if (live.spec?.type === 'ExternalName') return { ready: true, message: 'ExternalName' };
      if (!live.spec?.clusterIP) return { ready: false, message: 'no cluster IP' };
      if (live.spec?.type === 'LoadBalancer' && !live.status?.loadBalancer?.ingress)
        return { ready: false, message: 'waiting for load balancer' };
      return { ready: true, message: 'cluster IP assigned' };
    }
    default:
      return undefined; // not waited for
  }
}
