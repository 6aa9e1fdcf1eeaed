// Tiller's Kubernetes client: server-side apply (field manager "tiller"), deletes, reads, discovery.
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { readManifestObjects } from '@helmts/engine/manifest-objects';
import { isNotFound, kubeMessage, statusCodeOf } from './kube-errors.js';
import { kubeRequest, type RawRequest } from './raw-request.js';
import { boundedApiCall, isTransientApiFailure, type ApiCallPolicy } from './api-call.js';
import type { KubeVersionInfo, RenderCapabilities } from './cluster-capabilities.js';

export const FIELD_MANAGER = 'tiller';

export interface KubeObject extends KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: NonNullable<KubernetesObject['metadata']> & { name: string };
  [key: string]: unknown;
}

export class KubeOperationError extends Error {
  constructor(
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'KubeOperationError';
  }
}

export function objectKey(o: {
  kind: string;
  apiVersion?: string;
  metadata: { name?: string; namespace?: string };
}): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

export function describeObject(o: KubeObject): string {
  return `[${o.kind}] ${o.metadata.name}`;
}

export interface KubeClientOptions {
  /** give up on one apiserver request after this long; default 30 s */
  requestTimeoutMs?: number;
  /** attempts for transient failures (5xx, 429, 409 write conflicts, timeouts, resets); default 4 */
  attempts?: number;
  /** first retry delay, doubled each time; default 250 ms */
  retryDelayMs?: number;
  /** apiserver calls in flight at once (more wait their turn); default 32 */
  maxInFlight?: number;
}

/**
 * At most `limit` calls in flight. A release applies all objects of a kind at once: unlimited, 100
 * objects opened 100 TLS connections (the keep-alive agent keeps 32), each a handshake; limited,
 * the same few connections carry them one after another.
 */
class InFlightLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      // hand the slot straight to the next caller, or free it
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * Worth another try for the release's objects: what is for any call (kube/api-call.ts), and a
 * write conflict (someone wrote concurrently; not "already exists").
 */
function isTransient(err: unknown): boolean {
  if (isTransientApiFailure(err)) return true;
  return statusCodeOf(err) === 409 && !/already exists/i.test(kubeMessage(err));
}

export type { RawRequest } from './raw-request.js';

/** One page of a collection: objects (`items`) or, asked for as a Table, `rows`. */
export interface CollectionPage {
  kind?: string;
  metadata?: { continue?: string };
  items?: { metadata?: { name?: string; labels?: Record<string, string> } }[];
  columnDefinitions?: { name: string; priority?: number }[];
  rows?: { cells: unknown[]; object?: { metadata?: { name?: string } } }[];
}

const LIST_PAGE = 500;
// From this many objects of one kind in one namespace, one list is cheaper than a GET each.
const LIST_INSTEAD_OF_GETS = 4;
const METADATA_LIST = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json';

export class KubeClient {
  private readonly namespacedCache = new Map<string, boolean>();
  private readonly resourceNames = new Map<string, string>();
  private readonly policy: ApiCallPolicy;
  private readonly inFlight: InFlightLimit;

  constructor(
    readonly kubeConfig: KubeConfig,
    options: KubeClientOptions = {},
  ) {
    this.policy = {
      timeoutMs: options.requestTimeoutMs ?? 30_000,
      attempts: options.attempts ?? 4,
      delayMs: options.retryDelayMs ?? 250,
    };
    this.inFlight = new InFlightLimit(options.maxInFlight ?? 32);
  }

  /**
   * Runs one apiserver call with a timeout, retrying transient failures with backoff; each attempt
   * waits for a free slot among the calls in flight.
   */
  retrying<T>(what: string, fn: (attempt: number) => Promise<T>): Promise<T> {
    return boundedApiCall(what, (attempt) => this.inFlight.run(() => fn(attempt)), this.policy, isTransient);
  }

  /** Raw request to the apiserver (discovery, status subresources). */
  async request(path: string, init: RawRequest = {}): Promise<unknown> {
    return this.retrying(init.what ?? `${init.method ?? 'GET'} ${path}`, () => this.requestOnce(path, init));
  }

  private async requestOnce(path: string, init: RawRequest): Promise<unknown> {
    if (!this.kubeConfig.getCurrentCluster()) throw new KubeOperationError('no current cluster in kubeconfig');
    return kubeRequest(this.kubeConfig, path, init);
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
      if (isNotFound(e))
        throw new KubeOperationError(
          `unable to recognize "": no matches for kind "${kind}" in version "${apiVersion}"`,
        );
      throw e;
    }
    const r = list.resources?.find((x) => x.kind === kind && !x.name.includes('/'));
    if (!r)
      throw new KubeOperationError(`unable to recognize "": no matches for kind "${kind}" in version "${apiVersion}"`);
    this.namespacedCache.set(key, r.namespaced);
    this.resourceNames.set(key, r.name);
    return r.namespaced;
  }

  /** Manifest text → objects, each namespaced object given `namespace` unless it names its own. */
  async build(manifest: string, namespace: string): Promise<KubeObject[]> {
    const out: KubeObject[] = [];
    let docs: unknown[];
    try {
      docs = readManifestObjects(manifest);
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
      await this.request(`/api/v1/namespaces/${encodeURIComponent(namespace)}`, { what: `get namespace ${namespace}` });
    } catch (e) {
      // acting as a user (--authz=impersonate) who may use a namespace but not read the Namespace
      // object itself: go on; creating objects in a missing namespace fails with its own message
      if (statusCodeOf(e) === 403) return;
      if (!isNotFound(e)) throw e;
      try {
        await this.request('/api/v1/namespaces', {
          method: 'POST',
          body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { name: namespace } } },
          what: `create namespace ${namespace}`,
        });
      } catch (e2) {
        if (statusCodeOf(e2) !== 409) throw e2;
      }
    }
  }

  /**
   * The API path of the collection holding `o` (in its namespace for namespaced kinds, or across
   * every namespace with `allNamespaces`) and its resource name.
   */
  async collectionPath(o: KubeObject, allNamespaces = false): Promise<{ path: string; resource: string }> {
    const namespaced = await this.isNamespaced(o.apiVersion, o.kind);
    const resource = this.resourceFor(o.apiVersion, o.kind)?.name ?? `${o.kind.toLowerCase()}s`;
    const base = o.apiVersion.includes('/') ? `/apis/${o.apiVersion}` : `/api/${o.apiVersion}`;
    const scope =
      namespaced && !allNamespaces ? `/namespaces/${encodeURIComponent(o.metadata.namespace ?? 'default')}` : '';
    return { path: `${base}${scope}/${resource}`, resource };
  }

  /**
   * A collection GET through every page (500 a page), `items` or Table `rows` of all pages in the
   * first page's object.
   */
  async listPages(path: string, accept?: string, what?: string): Promise<CollectionPage> {
    let first: CollectionPage | undefined;
    let token: string | undefined;
    do {
      const query = `limit=${LIST_PAGE}${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
      const page = (await this.request(`${path}${path.includes('?') ? '&' : '?'}${query}`, {
        accept,
        what,
      })) as CollectionPage;
      if (!first) first = page;
      else {
        if (page.items) (first.items ??= []).push(...page.items);
        if (page.rows) (first.rows ??= []).push(...page.rows);
      }
      token = page.metadata?.continue || undefined;
    } while (token);
    return first;
  }

  /**
   * Which of `objs` exist (their objectKey). Several objects of one kind in one namespace are
   * looked up with one list of that collection's metadata rather than a GET each: installing 60
   * ConfigMaps asks once, not 60 times. Where the list is refused (a caller, impersonated, who may
   * get these objects but not list them), each object is read as before.
   */
  async existing(objs: readonly KubeObject[]): Promise<Set<string>> {
    const groups = new Map<string, KubeObject[]>();
    for (const o of objs) {
      const key = `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}`;
      const group = groups.get(key);
      if (group) group.push(o);
      else groups.set(key, [o]);
    }
    const found = new Set<string>();
    await Promise.all(
      [...groups.values()].map(async (group) => {
        if (group.length >= LIST_INSTEAD_OF_GETS) {
          const { path } = await this.collectionPath(group[0]!);
          const list = await this.listPages(path, METADATA_LIST).catch((e: unknown) => {
            if (statusCodeOf(e) === 403) return undefined;
            throw e;
          });
          if (list) {
            const names = new Set(list.items?.map((i) => i.metadata?.name));
            for (const o of group) if (names.has(o.metadata.name)) found.add(objectKey(o));
            return;
          }
        }
        await Promise.all(group.map(async (o) => void ((await this.get(o)) && found.add(objectKey(o)))));
      }),
    );
    return found;
  }

  /** The names and labels of a collection's objects (metadata only: no data travels), all pages. */
  async listMetadata(path: string, what?: string): Promise<{ name?: string; labels?: Record<string, string> }[]> {
    return ((await this.listPages(path, METADATA_LIST, what)).items ?? []).map((i) => i.metadata ?? {});
  }

  async get(obj: KubeObject): Promise<KubeObject | undefined> {
    try {
      return (await this.request(await this.objectPath(obj), { what: `get ${describeObject(obj)}` })) as KubeObject;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /** The API path of `o` itself (discovery, cached). */
  private async objectPath(o: KubeObject): Promise<string> {
    return `${(await this.collectionPath(o)).path}/${encodeURIComponent(o.metadata.name)}`;
  }

  /**
   * Server-side apply; `force` takes over fields owned by other managers. A raw request: a release
   * applies every object on each install and upgrade, and client-node's generated client spent
   * more CPU per call (serializing through its model classes, deserializing the answer into them)
   * than the request itself; the answer is not needed.
   */
  async apply(obj: KubeObject, force = true): Promise<void> {
    const body = { ...obj, metadata: { ...obj.metadata } };
    delete (body.metadata as Record<string, unknown>).resourceVersion;
    const path = `${await this.objectPath(obj)}?fieldManager=${FIELD_MANAGER}${force ? '&force=true' : ''}`;
    await this.request(path, {
      method: 'PATCH',
      body,
      contentType: 'application/apply-patch+yaml',
      what: `apply ${describeObject(obj)}`,
    });
  }

  /** Create; a retry that finds the object already there (the lost answer of a previous try) reads it. */
  async create(obj: KubeObject): Promise<KubeObject> {
    const path = await this.objectPath(obj);
    const collection = path.slice(0, path.lastIndexOf('/'));
    return this.retrying(`create ${describeObject(obj)}`, async (attempt) => {
      try {
        return (await this.requestOnce(`${collection}?fieldManager=${FIELD_MANAGER}`, {
          method: 'POST',
          body: obj,
        })) as KubeObject;
      } catch (e) {
        if (attempt > 0 && statusCodeOf(e) === 409) {
          const live = await this.requestOnce(path, {}).catch(() => undefined);
          if (live) return live as KubeObject;
        }
        throw e;
      }
    });
  }

  /** Deletes with background propagation (a raw request, as apply); false when it did not exist. */
  async delete(obj: KubeObject): Promise<boolean> {
    try {
      await this.request(await this.objectPath(obj), {
        method: 'DELETE',
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
        what: `delete ${describeObject(obj)}`,
      });
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }

  async list(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    labelSelector?: string,
  ): Promise<KubeObject[]> {
    // namespaced kinds without a namespace: every namespace's objects
    const { path } = await this.collectionPath(
      { apiVersion, kind, metadata: { name: '', namespace } },
      namespace === undefined,
    );
    const query = labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : '';
    const res = (await this.request(`${path}${query}`, { what: `list ${kind}` })) as { items?: object[] };
    // the items of a list do not say what they are; delete() needs to know
    return (res.items ?? []).map((item) => ({ apiVersion, kind, ...item })) as KubeObject[];
  }

  async serverVersion(): Promise<KubeVersionInfo> {
    // bounded and retried like every other request, and a transport failure worded as one line
    const v = (await this.request('/version', { what: 'get the server version' })) as {
      major: string;
      minor: string;
      gitVersion: string;
      gitCommit: string;
      gitTreeState: string;
      buildDate: string;
      goVersion: string;
      compiler: string;
      platform: string;
    };
    return {
      major: v.major,
      minor: v.minor.replace(/\+$/, ''),
      gitVersion: v.gitVersion,
      // the rest of version.Info, for Helm 2's .Capabilities.KubeVersion
      info: {
        major: v.major,
        minor: v.minor,
        gitVersion: v.gitVersion,
        gitCommit: v.gitCommit,
        gitTreeState: v.gitTreeState,
        buildDate: v.buildDate,
        goVersion: v.goVersion,
        compiler: v.compiler,
        platform: v.platform,
      },
    };
  }

  /** Discovery for `.Capabilities` (reference §8.2): every group/version and group/version/Kind. */
  private capabilitiesCache?: { at: number; value: Promise<RenderCapabilities> };

  /** Discovery for `.Capabilities`, cached for 30 s (CRDs installed by a release show up after that). */
  capabilities(): Promise<RenderCapabilities> {
    const now = Date.now();
    if (this.capabilitiesCache && now - this.capabilitiesCache.at < 30_000) return this.capabilitiesCache.value;
    const value = this.discover();
    this.capabilitiesCache = { at: now, value };
    value.catch(() => (this.capabilitiesCache = undefined));
    return value;
  }

  /** The resource (plural name, scope) of a kind, from the last discovery. */
  resourceFor(apiVersion: string, kind: string): { name: string; namespaced: boolean } | undefined {
    const name = this.resourceNames.get(`${apiVersion}/${kind}`);
    return name === undefined
      ? undefined
      : { name, namespaced: this.namespacedCache.get(`${apiVersion}/${kind}`) ?? true };
  }

  /** Forgets cached discovery (after CRDs were created). */
  invalidateDiscovery(): void {
    this.capabilitiesCache = undefined;
    this.namespacedCache.clear();
  }

  private async discover(): Promise<RenderCapabilities> {
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
          const list = (await this.request(gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`)) as {
            resources?: { kind: string; name: string; namespaced: boolean }[];
          };
          for (const r of list.resources ?? []) {
            if (r.name.includes('/')) continue;
            apiVersions.add(`${gv}/${r.kind}`);
            this.namespacedCache.set(`${gv}/${r.kind}`, r.namespaced);
            this.resourceNames.set(`${gv}/${r.kind}`, r.name);
          }
        } catch {
          // tolerated
        }
      }),
    );
    return { kubeVersion, apiVersions: [...apiVersions].sort() };
  }
}
