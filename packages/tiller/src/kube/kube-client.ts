// Tiller's Kubernetes client: server-side apply (field manager "tiller"), deletes, reads, discovery.
import * as https from 'node:https';
import {
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  VersionApi,
  loadAllYaml,
  type KubernetesObject,
} from '@kubernetes/client-node';
import fetch from 'node-fetch';
import { isNotFound, kubeMessage, statusCodeOf } from './kube-errors.js';
import type { KubeVersionInfo, RenderCapabilities } from '../render/render-chart.js';

export const FIELD_MANAGER = 'tiller';

export interface KubeObject extends KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: NonNullable<KubernetesObject['metadata']> & { name: string };
  [key: string]: unknown;
}

export class KubeOperationError extends Error {
  constructor(message: string, readonly statusCode?: number) {
    super(message);
    this.name = 'KubeOperationError';
  }
}

export function objectKey(o: { kind: string; apiVersion?: string; metadata: { name?: string; namespace?: string } }): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

export function describeObject(o: KubeObject): string {
  return `[${o.kind}] ${o.metadata.name}`;
}

export class KubeClient {
  readonly objects: KubernetesObjectApi;
  readonly core: CoreV1Api;
  private readonly namespacedCache = new Map<string, boolean>();

  constructor(readonly kubeConfig: KubeConfig) {
    this.objects = KubernetesObjectApi.makeApiClient(kubeConfig);
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  /** Raw request to the apiserver (discovery, status subresources). */
  async request(path: string, init: { method?: string; body?: unknown; contentType?: string } = {}): Promise<unknown> {
    const cluster = this.kubeConfig.getCurrentCluster();
    if (!cluster) throw new KubeOperationError('no current cluster in kubeconfig');
    const opts: https.RequestOptions = {};
    const fetchInit = (await this.kubeConfig.applyToFetchOptions(opts)) as Record<string, unknown>;
    const headers = { ...(fetchInit.headers as Record<string, string>), Accept: 'application/json' } as Record<string, string>;
    if (init.body !== undefined) headers['Content-Type'] = init.contentType ?? 'application/json';
    const res = await fetch(cluster.server + path, {
      ...fetchInit,
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    } as never);
    const text = await res.text();
    if (!res.ok) {
      const err = Object.assign(new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status}`), { code: res.status, body: text });
      throw err;
    }
    return text === '' ? undefined : JSON.parse(text);
  }

  /** Whether objects of this kind live in a namespace (discovery, cached). */
  async isNamespaced(apiVersion: string, kind: string): Promise<boolean> {
    const key = `${apiVersion}/${kind}`;
    const known = this.namespacedCache.get(key);
    if (known !== undefined) return known;
    const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    let list: { resources?: { kind: string; name: string; namespaced: boolean }[] };
    try {
      list = (await this.request(path)) as typeof list;
    } catch (e) {
      if (isNotFound(e)) throw new KubeOperationError(`unable to recognize "": no matches for kind "${kind}" in version "${apiVersion}"`);
      throw e;
    }
    const r = list.resources?.find((x) => x.kind === kind && !x.name.includes('/'));
    if (!r) throw new KubeOperationError(`unable to recognize "": no matches for kind "${kind}" in version "${apiVersion}"`);
    this.namespacedCache.set(key, r.namespaced);
    return r.namespaced;
  }

  /** Manifest text → objects, each namespaced object given `namespace` unless it names its own. */
  async build(manifest: string, namespace: string): Promise<KubeObject[]> {
    const out: KubeObject[] = [];
    let docs: unknown[];
    try {
      docs = loadAllYaml(manifest);
    } catch (e) {
      throw new KubeOperationError(`corrupted release manifest: ${(e as Error).message}`);
    }
    for (const doc of docs) {
      if (doc === null || typeof doc !== 'object') continue;
      const obj = doc as KubeObject;
      if (!obj.kind || !obj.apiVersion || !obj.metadata?.name) {
        throw new KubeOperationError(`error validating "": object is missing apiVersion, kind or metadata.name`);
      }
      if (await this.isNamespaced(obj.apiVersion, obj.kind)) obj.metadata.namespace ??= namespace;
      else delete obj.metadata.namespace;
      out.push(obj);
    }
    return out;
  }

  async ensureNamespace(namespace: string): Promise<void> {
    try {
      await this.core.readNamespace({ name: namespace });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      try {
        await this.core.createNamespace({ body: { metadata: { name: namespace, labels: { name: namespace } } } });
      } catch (e2) {
        if (statusCodeOf(e2) !== 409) throw e2;
      }
    }
  }

  async get(obj: KubeObject): Promise<KubeObject | undefined> {
    try {
      return (await this.objects.read(obj as never)) as KubeObject;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /** Server-side apply; `force` takes over fields owned by other managers. */
  async apply(obj: KubeObject, force = true): Promise<KubeObject> {
    const body = { ...obj, metadata: { ...obj.metadata } };
    delete (body.metadata as Record<string, unknown>).resourceVersion;
    return (await this.objects.patch(body, undefined, undefined, FIELD_MANAGER, force, PatchStrategy.ServerSideApply)) as KubeObject;
  }

  async create(obj: KubeObject): Promise<KubeObject> {
    return (await this.objects.create(obj, undefined, undefined, FIELD_MANAGER)) as KubeObject;
  }

  /** Deletes with background propagation; false when it did not exist. */
  async delete(obj: KubeObject): Promise<boolean> {
    try {
      await this.objects.delete(obj, undefined, undefined, undefined, undefined, 'Background');
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }

  async list(apiVersion: string, kind: string, namespace: string | undefined, labelSelector?: string): Promise<KubeObject[]> {
    const res = await this.objects.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, labelSelector);
    return (res.items ?? []) as KubeObject[];
  }

  async serverVersion(): Promise<KubeVersionInfo> {
    const v = await this.kubeConfig.makeApiClient(VersionApi).getCode();
    return { major: v.major, minor: v.minor.replace(/\+$/, ''), gitVersion: v.gitVersion };
  }

  /** Discovery for `.Capabilities` (reference §8.2): every group/version and group/version/Kind. */
  async capabilities(): Promise<RenderCapabilities> {
    const kubeVersion = await this.serverVersion();
    const apiVersions = new Set<string>();
    const groupVersions: string[] = [];
    try {
      const core = (await this.request('/api')) as { versions?: string[] };
      groupVersions.push(...(core.versions ?? []));
      const groups = (await this.request('/apis')) as { groups?: { versions: { groupVersion: string }[] }[] };
      for (const g of groups.groups ?? []) for (const v of g.versions) groupVersions.push(v.groupVersion);
    } catch {
      // partial discovery is tolerated, as in Helm 2
    }
    await Promise.all(
      groupVersions.map(async (gv) => {
        apiVersions.add(gv);
        try {
          const list = (await this.request(gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`)) as { resources?: { kind: string; name: string; namespaced: boolean }[] };
          for (const r of list.resources ?? []) {
            if (r.name.includes('/')) continue;
            apiVersions.add(`${gv}/${r.kind}`);
            this.namespacedCache.set(`${gv}/${r.kind}`, r.namespaced);
          }
        } catch {
          // tolerated
        }
      }),
    );
    return { kubeVersion, apiVersions: [...apiVersions].sort() };
  }
}

export { kubeMessage };
