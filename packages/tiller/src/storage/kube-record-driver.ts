// Release records as Kubernetes objects in Tiller's namespace (reference §2.3–2.4). The ConfigMap
// and Secret drivers differ only in the object kind and in how `data.release` holds the payload.
import type { KubeConfig } from '@kubernetes/client-node';
import type { Release, ReleaseInput } from '@helmts/proto';
import type { Driver, UpdateOptions } from './driver.js';
import { ReleaseExistsError, ReleaseNotFoundError, StorageConflictError, StorageError } from './errors.js';
import {
  decodeReleaseRecord,
  encodeReleaseRecord,
  LABEL,
  OWNER_TILLER,
  parseRecordKey,
  releaseLabels,
  type LabelFilter,
  type RecordLabels,
} from './record.js';
import { RecordVersions } from './record-versions.js';
import { LARGE_READ_RECORDS, collectAfterLargeRead } from './collect-after-large-read.js';
import { boundedApiCall, type ApiCallPolicy } from '../kube/api-call.js';
import type { KubeClient } from '../kube/kube-client.js';
import { kubeMessage, statusCodeOf } from '../kube/kube-errors.js';
import { kubeRequest } from '../kube/raw-request.js';

export interface KubeRecordDriverOptions {
  /** Tiller's namespace: every record lives here, whatever the release's target namespace. */
  namespace: string;
  /** Cluster access; default: KubeConfig.loadFromDefault() ($KUBECONFIG, ~/.kube/config or in-cluster). */
  kubeConfig?: KubeConfig;
  /** Told about records that cannot be decoded (they are skipped, as Helm 2 does). */
  onWarning?: (message: string) => void;
  /** Page size for listing records. Default 1000. */
  listPageSize?: number;
  /**
   * Every API call (reads and writes) is bounded: a deadline per attempt and retries of transient
   * failures; default 30 s, 4 attempts from 100 ms (kube/api-call.ts).
   */
  retry?: ApiCallPolicy;
}

/** The parts of a ConfigMap or Secret the drivers read and write. */
export interface RecordObject {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; resourceVersion?: string };
  data?: Record<string, string>;
}

/** CRUD of one object kind in one namespace. */
export interface RecordObjectApi {
  create(body: RecordObject): Promise<RecordObject>;
  read(name: string): Promise<RecordObject>;
  replace(name: string, body: RecordObject): Promise<RecordObject>;
  /** With `resourceVersion`, only that version of the object (a precondition). */
  remove(name: string, resourceVersion?: string): Promise<void>;
}

/**
 * An object of a driver's kind that holds plain text data, not a release record: the release
 * lock's lease (operations/release-lock.ts), kept in the records' kind so that the API server's
 * watch cache of records sees its writes.
 */
export interface PlainObject {
  name: string;
  labels?: Record<string, string>;
  resourceVersion?: string;
  data: Record<string, string>;
}

/** Plain objects of a driver's kind (`kind`: "ConfigMap", "Secret"), unbounded: callers bound them. */
export interface PlainObjectApi {
  readonly kind: string;
  create(obj: PlainObject): Promise<PlainObject>;
  read(name: string): Promise<PlainObject>;
  replace(obj: PlainObject): Promise<PlainObject>;
  /** With `resourceVersion`, only that version of the object (a precondition). */
  remove(name: string, resourceVersion?: string): Promise<void>;
}

/** The data key holding the release payload. */
export const RECORD_DATA_KEY = 'release';

// Label values are interpolated into label selectors: refuse anything that is not a valid value.
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** How old a read of a release's records may be and still be confirmed (confirmHistory). */
const SEEN_RECORDS_MS = 60_000;
/** Reads kept for confirmHistory: of this many releases at most (the latest), of this many records each. */
const SEEN_RELEASES = 64;
const SEEN_RECORDS = 256;

function unixSeconds(): string {
  return String(Math.floor(Date.now() / 1000));
}

export abstract class KubeRecordDriver implements Driver {
  abstract readonly name: string;
  readonly namespace: string;
  readonly #options: KubeRecordDriverOptions;
  readonly #versions = new RecordVersions();
  #api: Promise<RecordObjectApi> | undefined;
  #kc: Promise<KubeConfig> | undefined;
  #kube: Promise<KubeClient> | undefined;
  /** By release name: its records as the last query of its history found them, and when. */
  readonly #seen = new Map<string, { objects: RecordObject[]; at: number }>();
  /** By release name: records confirmed unchanged since they were read (confirmHistory), and when. */
  readonly #confirmed = new Map<string, { objects: RecordObject[]; at: number }>();
  /** Releases whose lock an operation on this driver holds (confirmHistory until forgetHistory). */
  readonly #held = new Set<string>();

  constructor(options: KubeRecordDriverOptions) {
    this.namespace = options.namespace;
    this.#options = options;
  }

  /** The plural resource of this driver's kind ("configmaps", "secrets"). */
  protected abstract readonly resource: string;
  /**
   * The records' objects in `namespace`, one request per call (the callers bound and retry them):
   * plain JSON both ways, as `data` must reach the API server and come back as it is.
   */
  protected makeApi(kubeConfig: KubeConfig, namespace: string): RecordObjectApi {
    const collection = `/api/v1/namespaces/${encodeURIComponent(namespace)}/${this.resource}`;
    const object = (name: string) => `${collection}/${encodeURIComponent(name)}`;
    const typed = (body: RecordObject) => ({ apiVersion: 'v1', kind: this.name, ...body });
    return {
      create: async (body) =>
        (await kubeRequest(kubeConfig, collection, { method: 'POST', body: typed(body) })) as RecordObject,
      read: async (name) => (await kubeRequest(kubeConfig, object(name))) as RecordObject,
      replace: async (name, body) =>
        (await kubeRequest(kubeConfig, object(name), { method: 'PUT', body: typed(body) })) as RecordObject,
      remove: async (name, resourceVersion) => {
        await kubeRequest(kubeConfig, object(name), {
          method: 'DELETE',
          body: {
            apiVersion: 'v1',
            kind: 'DeleteOptions',
            ...(resourceVersion ? { preconditions: { resourceVersion } } : {}),
          },
        });
      },
    };
  }

  /** A `data` value as the API carries this kind's (Secrets: base64 of the text). */
  protected encodeValue(text: string): string {
    return text;
  }

  protected decodeValue(wire: string): string {
    return wire;
  }

  /** `data` of a new object holding `payload` (the base64 text). */
  protected payloadToData(payload: string): Record<string, string> {
    return { [RECORD_DATA_KEY]: this.encodeValue(payload) };
  }

  /** The base64 text from an object's `data.release`. */
  protected payloadFromData(data: Record<string, string> | undefined): string | undefined {
    const wire = data?.[RECORD_DATA_KEY];
    return wire === undefined ? undefined : this.decodeValue(wire);
  }

  /** Objects of this driver's kind holding plain text data (see PlainObject). */
  plainObjects(): PlainObjectApi {
    const toObject = (obj: PlainObject): RecordObject => ({
      metadata: { name: obj.name, namespace: this.namespace, labels: obj.labels, resourceVersion: obj.resourceVersion },
      data: Object.fromEntries(Object.entries(obj.data).map(([k, v]) => [k, this.encodeValue(v)])),
    });
    const fromObject = (obj: RecordObject): PlainObject => ({
      name: obj.metadata?.name ?? '',
      labels: obj.metadata?.labels,
      resourceVersion: obj.metadata?.resourceVersion,
      data: Object.fromEntries(Object.entries(obj.data ?? {}).map(([k, v]) => [k, this.decodeValue(v)])),
    });
    return {
      kind: this.name,
      create: async (obj) => fromObject(await (await this.#objects()).create(toObject(obj))),
      read: async (name) => fromObject(await (await this.#objects()).read(name)),
      replace: async (obj) => fromObject(await (await this.#objects()).replace(obj.name, toObject(obj))),
      remove: async (name, resourceVersion) => (await this.#objects()).remove(name, resourceVersion),
    };
  }

  // client-node is large: load it on first use, so that using only the memory driver costs nothing.
  #kubeConfig(): Promise<KubeConfig> {
    this.#kc ??= (async () => {
      const k8s = await import('@kubernetes/client-node');
      let kc = this.#options.kubeConfig;
      if (!kc) {
        kc = new k8s.KubeConfig();
        kc.loadFromDefault();
      }
      return kc;
    })();
    return this.#kc;
  }

  #objects(): Promise<RecordObjectApi> {
    this.#api ??= (async () => this.makeApi(await this.#kubeConfig(), this.namespace))();
    return this.#api;
  }

  /** A raw client for what the generated API cannot ask (a metadata-only list). */
  #raw(): Promise<KubeClient> {
    this.#kube ??= (async () => {
      const { KubeClient } = await import('../kube/kube-client.js');
      const retry = this.#options.retry ?? {};
      return new KubeClient(await this.#kubeConfig(), {
        requestTimeoutMs: retry.timeoutMs,
        attempts: retry.attempts,
        retryDelayMs: retry.delayMs ?? 100,
      });
    })();
    return this.#kube;
  }

  async listLabels(filter: LabelFilter = {}): Promise<RecordLabels[]> {
    const kube = await this.#raw();
    if (filter.names !== undefined) {
      const lists = await Promise.all(
        namesInChunks(filter.names).map((names) => this.listLabels({ ...filter, names })),
      );
      return lists.flat();
    }
    const selector = labelSelector(filter);
    const path = `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/${this.resource}?labelSelector=${encodeURIComponent(selector)}`;
    try {
      // the error below says what was listed
      return (await kube.listMetadata(path, '')).map((m) => m.labels ?? {});
    } catch (err) {
      throw new StorageError(`list ${this.name} in ${this.namespace} (${selector}): ${kubeMessage(err)}`, {
        cause: err,
      });
    }
  }

  #object(key: string, rel: ReleaseInput, stampLabel: string, resourceVersion?: string): RecordObject {
    return {
      metadata: {
        name: key,
        namespace: this.namespace,
        labels: { ...releaseLabels(rel), [stampLabel]: unixSeconds() },
        ...(resourceVersion !== undefined ? { resourceVersion } : {}),
      },
      data: this.payloadToData(encodeReleaseRecord(rel)),
    };
  }

  #decode(obj: RecordObject): Release {
    const payload = this.payloadFromData(obj.data);
    if (payload === undefined)
      throw new StorageError(`${this.name} ${obj.metadata?.name}: no "${RECORD_DATA_KEY}" data`);
    return this.#versions.remember(decodeReleaseRecord(payload), obj.metadata?.resourceVersion);
  }

  #fail(op: string, key: string, err: unknown): StorageError {
    return new StorageError(`${op} ${this.name} ${this.namespace}/${key}: ${kubeMessage(err)}`, { cause: err });
  }

  // Writes are retried too, but a write whose answer was lost (a reset, the deadline) may have
  // happened: when a retry is refused as a conflict, the record is read back, and if it holds
  // exactly the payload we sent, the write was ours and it succeeded.
  async #ownWrite(api: RecordObjectApi, key: string, sent: RecordObject): Promise<RecordObject | undefined> {
    const live = await boundedApiCall('', () => api.read(key), this.#options.retry).catch(() => undefined);
    const mine = live?.data?.[RECORD_DATA_KEY] === sent.data?.[RECORD_DATA_KEY];
    return live && mine ? live : undefined;
  }

  async create(key: string, rel: ReleaseInput): Promise<void> {
    this.#changing(key);
    const api = await this.#objects();
    const body = this.#object(key, rel, LABEL.CREATED_AT);
    let created: RecordObject;
    try {
      created = await boundedApiCall(
        '',
        async (attempt) => {
          try {
            return await api.create(body);
          } catch (err) {
            if (attempt > 0 && statusCodeOf(err) === 409)
              return (await this.#ownWrite(api, key, body)) ?? Promise.reject(err);
            throw err;
          }
        },
        this.#options.retry,
      );
    } catch (err) {
      if (statusCodeOf(err) === 409) throw new ReleaseExistsError(key);
      throw this.#fail('create', key, err);
    }
    this.#versions.remember(rel, created.metadata?.resourceVersion);
  }

  async update(key: string, rel: ReleaseInput, options: UpdateOptions = {}): Promise<void> {
    this.#changing(key);
    const api = await this.#objects();
    const expected = options.recordVersion ?? this.#versions.of(rel);
    const body = this.#object(key, rel, LABEL.MODIFIED_AT, expected);
    let updated: RecordObject;
    try {
      updated = await boundedApiCall(
        '',
        async (attempt) => {
          try {
            return await api.replace(key, body);
          } catch (err) {
            if (attempt > 0 && statusCodeOf(err) === 409)
              return (await this.#ownWrite(api, key, body)) ?? Promise.reject(err);
            throw err;
          }
        },
        this.#options.retry,
      );
    } catch (err) {
      const code = statusCodeOf(err);
      if (code === 404) throw new ReleaseNotFoundError(key);
      if (code === 409) throw new StorageConflictError(key, expected ?? '', { cause: err });
      throw this.#fail('update', key, err);
    }
    this.#versions.remember(rel, updated.metadata?.resourceVersion);
  }

  async delete(key: string): Promise<Release> {
    this.#changing(key);
    const rel = await this.get(key);
    const api = await this.#objects();
    try {
      await boundedApiCall(
        '',
        async (attempt) => {
          try {
            await api.remove(key);
          } catch (err) {
            // gone on a retry: the previous attempt deleted it and its answer was lost
            if (attempt > 0 && statusCodeOf(err) === 404) return;
            throw err;
          }
        },
        this.#options.retry,
      );
    } catch (err) {
      if (statusCodeOf(err) === 404) throw new ReleaseNotFoundError(key);
      throw this.#fail('delete', key, err);
    }
    return rel;
  }

  async get(key: string): Promise<Release> {
    const { name } = parseRecordKey(key);
    // under the release's lock, its confirmed history holds every record there is (confirmHistory)
    const confirmed = this.#confirmed.get(name);
    let obj: RecordObject | undefined;
    if (confirmed && Date.now() - confirmed.at <= SEEN_RECORDS_MS) {
      obj = confirmed.objects.find((o) => o.metadata?.name === key);
      if (!obj) throw new ReleaseNotFoundError(key);
    } else {
      const api = await this.#objects();
      try {
        obj = await boundedApiCall('', () => api.read(key), this.#options.retry);
      } catch (err) {
        if (statusCodeOf(err) === 404) throw new ReleaseNotFoundError(key);
        throw this.#fail('get', key, err);
      }
    }
    try {
      return this.#decode(obj);
    } catch (err) {
      throw new StorageError(
        `get ${this.name} ${this.namespace}/${key}: cannot decode the release: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }

  async list(filter: (rel: Release) => boolean = () => true, select: LabelFilter = {}): Promise<Release[]> {
    if (select.names !== undefined) {
      if (select.names.length === 0) return [];
      const found = await Promise.all(namesInChunks(select.names).map((names) => this.#select({ ...select, names })));
      return found.flat().sort(storageOrder).filter(filter);
    }
    const all = await this.#select(select);
    return all.filter(filter);
  }

  async query(labels: RecordLabels): Promise<Release[]> {
    for (const [k, v] of Object.entries(labels)) {
      if (v.length > 63 || !LABEL_VALUE.test(v))
        throw new StorageError(`invalid label value ${JSON.stringify(v)} for ${k}`);
    }
    const selector = Object.entries({ [LABEL.OWNER]: OWNER_TILLER, ...labels })
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const name = labels[LABEL.NAME];
    const confirmed = name !== undefined ? this.#confirmed.get(name) : undefined;
    let found: Release[];
    if (confirmed && Date.now() - confirmed.at <= SEEN_RECORDS_MS) {
      found = this.#decodeAll(confirmed.objects.filter((obj) => hasLabels(obj, labels))).sort(storageOrder);
    } else {
      // a release's whole history is kept raw, to be confirmed once its lock is taken
      const whole = name !== undefined && Object.keys(labels).every((k) => k === LABEL.NAME || k === LABEL.OWNER);
      const keep = whole ? [] : undefined;
      found = await this.#select(selector, keep);
      if (keep && keep.length <= SEEN_RECORDS) {
        if (this.#held.has(name!)) {
          // listed under the lock: what the operation's later queries see until it writes
          this.#confirmed.set(name!, { objects: keep, at: Date.now() });
        } else {
          this.#seen.delete(name!);
          if (this.#seen.size >= SEEN_RELEASES) this.#seen.delete(this.#seen.keys().next().value!);
          this.#seen.set(name!, { objects: keep, at: Date.now() });
        }
      }
    }
    if (found.length === 0) throw new ReleaseNotFoundError(labels[LABEL.NAME] ?? '');
    return found;
  }

  /**
   * Called with the release's lock just taken: if this driver read the release's records a moment
   * ago (the operation's own look before taking the lock), checks with reads by name that they are
   * still what it read, and if so answers the operation's history queries from them until it
   * writes. A list of records right after the Lease write would otherwise wait in the API server
   * until its watch cache of records catches up (it asks etcd every 100 ms): ~90 ms of most
   * operations. What is checked: the latest record and every DEPLOYED one are unchanged (what any
   * operation under the lock rewrites) and no record of the next revision exists (what any
   * operation that adds a revision creates); a release with no records: that revision 1 does not
   * exist. Anything else, or any doubt, and the history is listed as before; a history listed
   * while the lock is held answers the operation's later queries the same way, until it writes
   * (recovery's settle and the action itself both read it: one list, not two).
   */
  async confirmHistory(name: string): Promise<void> {
    this.#held.add(name);
    this.#confirmed.delete(name);
    const seen = this.#seen.get(name);
    this.#seen.delete(name);
    if (!seen || Date.now() - seen.at > SEEN_RECORDS_MS) return;
    const revisionOf = (obj: RecordObject) => parseRecordKey(obj.metadata?.name ?? '').revision;
    let latest: RecordObject | undefined;
    for (const obj of seen.objects) if (!latest || revisionOf(obj) > revisionOf(latest)) latest = obj;
    const kept = seen.objects.filter((obj) => obj === latest || obj.metadata?.labels?.[LABEL.STATUS] === 'DEPLOYED');
    const next = `${name}.v${latest ? revisionOf(latest) + 1 : 1}`;
    try {
      const api = await this.#objects();
      const read = (key: string) =>
        boundedApiCall('', () => api.read(key), this.#options.retry).catch((err: unknown) => {
          if (statusCodeOf(err) === 404) return undefined;
          throw err;
        });
      const [nextNow, ...keptNow] = await Promise.all([read(next), ...kept.map((obj) => read(obj.metadata!.name!))]);
      const unchanged =
        nextNow === undefined &&
        keptNow.every((now, i) => now?.metadata?.resourceVersion === kept[i]!.metadata?.resourceVersion);
      if (unchanged) this.#confirmed.set(name, { objects: seen.objects, at: Date.now() });
    } catch {
      // the history is listed as before
    }
  }

  /** The release's lock is released: its confirmed records are not answered from any more. */
  forgetHistory(name: string): void {
    this.#held.delete(name);
    this.#confirmed.delete(name);
    this.#seen.delete(name);
  }

  /** Decodes listed records, skipping (and telling about) those that cannot be, as Helm 2 does. */
  #decodeAll(objects: RecordObject[]): Release[] {
    const out: Release[] = [];
    for (const obj of objects) {
      try {
        out.push(this.#decode(obj));
      } catch (err) {
        this.#options.onWarning?.(`list: failed to decode release ${obj.metadata?.name}: ${(err as Error).message}`);
      }
    }
    return out;
  }

  /** A write to a record of a release: what was read or confirmed of its records no longer holds. */
  #changing(key: string): void {
    const { name } = parseRecordKey(key);
    this.#confirmed.delete(name);
    this.#seen.delete(name);
  }

  recordVersionOf(rel: ReleaseInput): string | undefined {
    return this.#versions.of(rel);
  }

  /** One page of the records `selector` selects, read as raw JSON (see #select). */
  async #page(selector: string, pageSize: number, token?: string): Promise<RecordPage> {
    const kube = await this.#raw();
    const path = `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/${this.resource}`;
    const query = `labelSelector=${encodeURIComponent(selector)}&limit=${pageSize}${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
    try {
      return (await kube.request(`${path}?${query}`, { what: '' })) as RecordPage;
    } catch (err) {
      throw new StorageError(`list ${this.name} in ${this.namespace} (${selector}): ${kubeMessage(err)}`, {
        cause: err,
      });
    }
  }

  async listIfAtMost(max: number, select: LabelFilter = {}): Promise<Release[] | undefined> {
    // several names are read in chunks: not one read
    if (select.names !== undefined) return undefined;
    // one more than max: with exactly `limit` records, the API server gives a continue token anyway
    const page = await this.#page(labelSelector(select), max + 1);
    const items = page.items ?? [];
    if (items.length > max || page.metadata?.continue) return undefined;
    return this.#decodeAll(items).sort(storageOrder);
  }

  /** `keep`: receives the raw objects too. */
  async #select(filter: LabelFilter | string, keep?: RecordObject[]): Promise<Release[]> {
    const selector = typeof filter === 'string' ? filter : labelSelector(filter);
    // The pages are read as raw JSON: client-node's generated list would walk every ConfigMap
    // through its type-directed deserializer first (a quarter of Tiller's time listing 10,000).
    const out: Release[] = [];
    let token: string | undefined;
    do {
      const page = await this.#page(selector, this.#options.listPageSize ?? 1000, token);
      const items = page.items ?? [];
      keep?.push(...items);
      out.push(...this.#decodeAll(items));
      token = page.metadata?.continue || undefined;
    } while (token);
    if (out.length >= LARGE_READ_RECORDS) collectAfterLargeRead();
    return out.sort(storageOrder);
  }
}

interface RecordPage {
  items?: RecordObject[];
  metadata?: { continue?: string };
}

function hasLabels(obj: RecordObject, labels: RecordLabels): boolean {
  const have = obj.metadata?.labels ?? {};
  return Object.entries({ [LABEL.OWNER]: OWNER_TILLER, ...labels }).every(([k, v]) => have[k] === v);
}

/** By name, then revision: the order every list returns. */
function storageOrder(a: Release, b: Release): number {
  return a.name === b.name ? a.version - b.version : a.name < b.name ? -1 : 1;
}

/** The label selector of Tiller's records that `filter` selects; refuses values no label can hold. */
function labelSelector(filter: LabelFilter): string {
  const values = [filter.name, ...(filter.names ?? []), ...(filter.statuses ?? [])];
  for (const v of values) {
    if (v !== undefined && (v.length > 63 || !LABEL_VALUE.test(v)))
      throw new StorageError(`invalid label value ${JSON.stringify(v)}`);
  }
  return [
    `${LABEL.OWNER}=${OWNER_TILLER}`,
    ...(filter.name !== undefined ? [`${LABEL.NAME}=${filter.name}`] : []),
    ...(filter.names !== undefined ? [`${LABEL.NAME} in (${filter.names.join(',')})`] : []),
    ...(filter.statuses !== undefined ? [`${LABEL.STATUS} in (${filter.statuses.join(',')})`] : []),
  ].join(',');
}

// Names per `NAME in (...)` selector: 64 names of up to 53 characters keep each request line a few KB.
const NAMES_PER_SELECTOR = 64;

function namesInChunks(names: readonly string[]): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < names.length; i += NAMES_PER_SELECTOR) chunks.push(names.slice(i, i + NAMES_PER_SELECTOR));
  return chunks;
}
