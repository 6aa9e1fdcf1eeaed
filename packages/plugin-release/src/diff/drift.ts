import type { Settings } from '@helmts/core';

import { getFromApiServer } from '../tunnel/api-server-request.js';
import { apiServerAccess, type ApiServerAccess } from '../tunnel/kubeconfig-access.js';

import { mergesLists, projectLive } from './live-projection.js';
import { manifestObjects, type ManifestObject } from './manifest-objects.js';
import { diffObjectSets, type ObjectChange } from './object-diff.js';

/** Where the live cluster no longer matches the release's stored manifest. */
export async function detectDrift(manifest: string, namespace: string, settings: Settings): Promise<ObjectChange[]> {
  const access = apiServerAccess(settings);
  const resources = new Map<string, Promise<ApiResource[]>>();
  const desired = manifestObjects(manifest);
  const live = new Map<string, { key: string; body: unknown }>();
  for (const object of desired.values()) {
    const body = await readLive(settings, access, resources, object, namespace);
    if (body !== undefined)
      live.set(object.key, {
        key: object.key,
        body: projectLive(object.body, withStringData(object, body), mergesLists(object.apiVersion)),
      });
  }
  return diffObjectSets(desired, live, ['release', 'live']);
}

/**
 * A Secret's `stringData` is write-only: the API server folds it into `data` (base64) and never
 * returns it. For a manifest that writes `stringData`, the live object gets it back, decoded from
 * `data`, so an unchanged Secret shows no drift and a changed value shows as text.
 */
function withStringData(object: ManifestObject, live: unknown): unknown {
  const written = object.body.stringData;
  if (object.apiVersion !== 'v1' || object.kind !== 'Secret' || !written || typeof written !== 'object') return live;
  const data = ((live as { data?: Record<string, string> }).data ?? {}) as Record<string, string>;
  const stringData: Record<string, string> = {};
  for (const key of Object.keys(written)) {
    if (key in data) stringData[key] = Buffer.from(data[key]!, 'base64').toString('utf8');
  }
  return { ...(live as object), stringData };
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/**
 * The live object as the API server stores it, read as plain JSON: a client library's typed models
 * would rename fields (a CRD schema's `x-kubernetes-*`) and drop those they do not know, and so show
 * drift where there is none. Undefined when it does not exist (nor does its kind).
 */
async function readLive(
  settings: Settings,
  access: ApiServerAccess,
  resources: Map<string, Promise<ApiResource[]>>,
  object: ManifestObject,
  namespace: string,
): Promise<unknown> {
  const base = object.apiVersion.includes('/') ? `/apis/${object.apiVersion}` : `/api/${object.apiVersion}`;
  let list = resources.get(base);
  if (!list) {
    list = getFromApiServer(settings, access, base).then(
      (r) => (r as { resources?: ApiResource[] }).resources ?? [],
      (error: unknown) => (statusOf(error) === 404 ? [] : Promise.reject(error)),
    );
    resources.set(base, list);
  }
  const resource = (await list).find((r) => r.kind === object.kind && !r.name.includes('/'));
  if (!resource) return undefined;
  const scope = resource.namespaced ? `/namespaces/${encodeURIComponent(object.namespace ?? namespace)}` : '';
  try {
    return await getFromApiServer(
      settings,
      access,
      `${base}${scope}/${resource.name}/${encodeURIComponent(object.name)}`,
    );
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}
