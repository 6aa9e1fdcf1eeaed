import type { Settings } from '@helmts/core';

import { getFromApiServer } from './api-server-request.js';
import type { ApiServerAccess } from './kubeconfig-access.js';

/** Helm 2's Tiller pod labels (`helm init` puts them on the Deployment's pods). */
export const TILLER_POD_SELECTOR = 'app=helm,name=tiller';

interface PodList {
  items?: {
    metadata?: { name?: string; creationTimestamp?: string; deletionTimestamp?: string };
    status?: { phase?: string; conditions?: { type?: string; status?: string }[] };
  }[];
}

/** The pods labelled as Tiller in `namespace`: the name of a Running, Ready one, and how many exist. */
export async function findTillerPod(
  settings: Settings,
  access: ApiServerAccess,
  namespace: string,
): Promise<{ ready?: string; total: number }> {
  const list = (await getFromApiServer(
    settings,
    access,
    `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods?labelSelector=${encodeURIComponent(TILLER_POD_SELECTOR)}`,
  )) as PodList;
  const pods = list.items ?? [];
  const ready = pods
    .filter(
      (p) =>
        !p.metadata?.deletionTimestamp &&
        p.status?.phase === 'Running' &&
        p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    )
    // The newest Ready pod first: after a rollout the old one is on its way out.
    .sort((a, b) => (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? ''));
  return { ready: ready[0]?.metadata?.name, total: pods.length };
}
