import type { Settings } from '@helmts/core';

import { getFromApiServer } from './api-server-request.js';
import type { ApiServerAccess } from './kubeconfig-access.js';

/** Helm 2's Tiller pod labels (`helm init` puts them on the Deployment's pods). */
export const TILLER_POD_SELECTOR = 'app=helm,name=tiller';

interface PodList {
  items?: {
    metadata?: { name?: string; creationTimestamp?: string; deletionTimestamp?: string };
    spec?: { containers?: { ports?: { name?: string; containerPort?: number }[] }[] };
    status?: { phase?: string; conditions?: { type?: string; status?: string }[] };
  }[];
}

/** Tiller's gRPC port in its pod, as Helm 2's portforwarder dials it. */
const TILLER_POD_PORT = 44134;

/**
 * The pods labelled as Tiller in `namespace`: a Running, Ready one (its name and gRPC port: the
 * container port named "tiller", else 44134; a hostNetwork Tiller may use another), and how many
 * exist. `whileWaiting` runs while the API server answers (getFromApiServer).
 */
export async function findTillerPod(
  settings: Settings,
  access: ApiServerAccess,
  namespace: string,
  whileWaiting?: () => void,
): Promise<{ ready?: { name: string; port: number }; total: number }> {
  const list = (await getFromApiServer(
    settings,
    access,
    `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods?labelSelector=${encodeURIComponent(TILLER_POD_SELECTOR)}`,
    whileWaiting,
  )) as PodList;
  const pods = list.items ?? [];
  const ready = pods
    .filter(
      (p) =>
        !p.metadata?.deletionTimestamp &&
        p.status?.phase === 'Running' &&
        p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    )
    // The newest Ready pod first: after a rollout the old one is on its way out. RFC 3339 UTC
    // timestamps sort as plain strings (localeCompare would set up ICU collation: ~5 ms).
    .sort((a, b) => {
      const [x, y] = [a.metadata?.creationTimestamp ?? '', b.metadata?.creationTimestamp ?? ''];
      return x < y ? 1 : x > y ? -1 : 0;
    });
  const pod = ready[0];
  if (!pod?.metadata?.name) return { total: pods.length };
  const named = pod.spec?.containers?.flatMap((c) => c.ports ?? []).find((p) => p.name === 'tiller');
  return { ready: { name: pod.metadata.name, port: named?.containerPort ?? TILLER_POD_PORT }, total: pods.length };
}
