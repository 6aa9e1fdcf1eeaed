// Readiness for --wait as Helm 2 judges it (reference §3.5).
import type { KubeClient, KubeObject } from './kube-client.js';

export interface Readiness {
  ready: boolean;
  message: string;
  /** what the kubelet or scheduler says is wrong with a pod (also at the end of `message`) */
  problem?: string;
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

// Waiting reasons that only mean "not yet", not "something is wrong".
const STARTING = new Set(['ContainerCreating', 'PodInitializing']);

/**
 * Why a pod is not ready, in the kubelet's words, when it says something is wrong: a container
 * waiting with a reason (CrashLoopBackOff, ErrImagePull, ImagePullBackOff, CreateContainerConfigError…),
 * a container that last ended with an error, or the scheduler's Unschedulable. Undefined otherwise.
 */
function podProblem(pod: Obj): string | undefined {
  const name = pod.metadata?.name;
  const statuses: Obj[] = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const c of statuses) {
    const waiting = c.state?.waiting;
    if (waiting?.reason && !STARTING.has(waiting.reason)) {
      const ended = c.lastState?.terminated;
      const last = ended ? ` (last exit code ${ended.exitCode}${ended.reason ? `, ${ended.reason}` : ''})` : '';
      return `pod ${name}: container ${c.name}: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}${last}`;
    }
    const ended = c.state?.terminated;
    if (ended && ended.exitCode !== 0 && !podReady(pod)) {
      return `pod ${name}: container ${c.name}: ${ended.reason ?? 'Error'} (exit code ${ended.exitCode})`;
    }
  }
  const unschedulable = (pod.status?.conditions ?? []).find(
    (c: Obj) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable',
  );
  if (unschedulable) return `pod ${name}: Unschedulable: ${unschedulable.message ?? ''}`;
  return undefined;
}

/** Not ready: `message`, followed by the first pod problem among `pods` if there is one. */
function notReadyWithPodProblem(message: string, pods: readonly Obj[]): Readiness {
  for (const p of pods) {
    if (podReady(p)) continue;
    const problem = podProblem(p);
    if (problem) return { ready: false, message: `${message}; ${problem}`, problem };
  }
  return { ready: false, message };
}

/** JSON with object keys sorted, so two equal templates give the same text whatever the key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Obj;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A pod template without the pod-template-hash label the Deployment controller adds to its ReplicaSets. */
function templateKey(template: Obj | undefined): string {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  if (t.metadata?.labels && Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  return canonical(t);
}

async function podsReady(kube: KubeClient, namespace: string, selector: Obj | undefined): Promise<Readiness> {
  const sel = selectorString(selector);
  const pods = await kube.list('v1', 'Pod', namespace, sel);
  const notReady = pods.filter((p) => !podReady(p as Obj));
  if (notReady.length > 0) return notReadyWithPodProblem(`${notReady.length}/${pods.length} pods not ready`, notReady);
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
  // The "new" ReplicaSet is the one whose pod template is the Deployment's (as Helm 2 finds it):
  // right after an upgrade the controller may not have made it yet, and the old one must not count.
  const want = templateKey(dep.spec?.template);
  const newRs = owned.find((rs) => templateKey((rs as Obj).spec?.template) === want);
  if (!newRs) return { ready: false, message: 'no ReplicaSet yet' };
  const ready: number = (newRs as Obj).status?.readyReplicas ?? 0;
  const need = replicas - maxUnavailable;
  if (ready >= need) return { ready: true, message: `${ready}/${replicas} replicas ready` };
  const pods = (await kube.list('v1', 'Pod', ns, selectorString(dep.spec?.selector))).filter((p) =>
    (p.metadata.ownerReferences ?? []).some((o) => o.uid === newRs.metadata.uid),
  );
  // readyReplicas is the ReplicaSet controller's count of these pods (those not being deleted),
  // written a moment after the kubelet marks the last one Ready: counted here, the wait ends with
  // that pod, not with the controller's next status update.
  const readyPods = pods.filter((p) => !p.metadata.deletionTimestamp && podReady(p as Obj)).length;
  if (readyPods >= need) return { ready: true, message: `${readyPods}/${replicas} replicas ready` };
  return notReadyWithPodProblem(`${ready}/${need} replicas ready`, pods as Obj[]);
}

export async function readinessOf(kube: KubeClient, obj: KubeObject): Promise<Readiness | undefined> {
  const live = (await kube.get(obj)) as Obj | undefined;
  if (!live) return { ready: false, message: 'not found' };
  const ns: string = live.metadata.namespace;
  switch (obj.kind) {
    case 'Pod':
      return podReady(live)
        ? { ready: true, message: 'Ready' }
        : notReadyWithPodProblem(`phase ${live.status?.phase ?? 'Pending'}`, [live]);
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
