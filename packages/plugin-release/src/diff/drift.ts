import type { Settings } from '@helmts/core';

import { manifestObjects, type ManifestObject } from './manifest-objects.js';
import { diffObjectSets, type ObjectChange } from './object-diff.js';

/**
 * Keeps only the parts of `live` that the manifest itself sets, so fields the API server
 * defaults or manages (status, uid, managedFields...) never count as drift.
 */
function projectOnto(desired: unknown, live: unknown): unknown {
  if (Array.isArray(desired)) {
    if (!Array.isArray(live)) return live;
    return desired
      .map((item, i) => (i < live.length ? projectOnto(item, live[i]) : undefined))
      .concat(live.slice(desired.length));
  }
  if (desired && typeof desired === 'object') {
    if (!live || typeof live !== 'object' || Array.isArray(live)) return live;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(desired)) {
      if (key in (live as Record<string, unknown>))
        out[key] = projectOnto((desired as Record<string, unknown>)[key], (live as Record<string, unknown>)[key]);
    }
    return out;
  }
  return live;
}

/** Where the live cluster no longer matches the release's stored manifest. */
export async function detectDrift(manifest: string, namespace: string, settings: Settings): Promise<ObjectChange[]> {
  const { KubeConfig, KubernetesObjectApi } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  if (settings.kubeconfig) kc.loadFromFile(settings.kubeconfig);
  else kc.loadFromDefault();
  if (settings.kubeContext) kc.setCurrentContext(settings.kubeContext);
  const api = KubernetesObjectApi.makeApiClient(kc);
  const desired = manifestObjects(manifest);
  const live = new Map<string, { key: string; body: unknown }>();
  for (const object of desired.values()) {
    const body = await readLive(api, object, namespace);
    if (body !== undefined) live.set(object.key, { key: object.key, body: projectOnto(object.body, body) });
  }
  return diffObjectSets(desired, live, ['release', 'live']);
}

async function readLive(
  api: InstanceType<typeof import('@kubernetes/client-node').KubernetesObjectApi>,
  object: ManifestObject,
  namespace: string,
): Promise<unknown> {
  try {
    return await api.read({
      apiVersion: object.apiVersion,
      kind: object.kind,
      metadata: { name: object.name, namespace: object.namespace ?? namespace },
    });
  } catch (error) {
    if ((error as { code?: number }).code === 404) return undefined;
    throw error;
  }
}
