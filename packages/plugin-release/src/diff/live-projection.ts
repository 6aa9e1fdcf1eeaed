/**
 * The part of a live object that the release's manifest speaks for: what re-applying the manifest
 * would change is drift, the rest is not (kubectl diff's view). Fields the manifest does not set
 * (status, uid, defaults) are left out. A list Kubernetes merges by a key (a Pod's `volumes` by
 * name, a container's `volumeMounts` by mount path) is matched item by item on that key, and items
 * the manifest does not name are left out too: applying the manifest keeps them, and the API server
 * adds some itself (the service account token volume it mounts into every bare Pod). Any other list
 * is replaced whole on apply, so it is compared whole, extra items included.
 */

/** `patchMergeKey` of the built-in APIs' lists, by field name (k8s.io/api's struct tags). */
const MERGE_KEYS: Record<string, readonly string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  volumes: ['name'],
  env: ['name'],
  imagePullSecrets: ['name'],
  resourceClaims: ['name'],
  schedulingGates: ['name'],
  webhooks: ['name'],
  hostAliases: ['ip'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  topologySpreadConstraints: ['topologyKey'],
  ownerReferences: ['uid'],
  // a container's ports merge on containerPort, a Service's on port
  ports: ['containerPort', 'port'],
};

/** Lists of strings merged as sets (`patchStrategy: merge` without a key). */
const MERGED_SETS = new Set(['finalizers']);

/**
 * Whether strategic merge applies to the object: the built-in API groups (the core group, and
 * `*.k8s.io`). Custom resources are patched with JSON merge patch, which replaces every list.
 */
export function mergesLists(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  if (slash === -1) return true;
  const group = apiVersion.slice(0, slash);
  return !group.includes('.') || group.endsWith('.k8s.io');
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The merge key of a list of objects: the first candidate every desired item has. */
function mergeKeyOf(field: string | undefined, desired: unknown[]): string | undefined {
  const candidates = field === undefined ? undefined : MERGE_KEYS[field];
  if (!candidates || desired.length === 0 || !desired.every(isObject)) return undefined;
  return candidates.find((key) => desired.every((item) => (item as Json)[key] !== undefined));
}

/**
 * `live` cut down to what `desired` sets. `merge` says whether the object's lists merge by key
 * (`mergesLists` of its apiVersion); `field` is the name `desired` has in its parent.
 */
export function projectLive(desired: unknown, live: unknown, merge: boolean, field?: string): unknown {
  if (Array.isArray(desired)) {
    if (!Array.isArray(live)) return live;
    if (merge && field !== undefined && MERGED_SETS.has(field)) return desired.filter((item) => live.includes(item));
    const key = merge ? mergeKeyOf(field, desired) : undefined;
    if (key !== undefined) {
      const projected: unknown[] = [];
      for (const item of desired as Json[]) {
        const match = live.find((candidate) => isObject(candidate) && candidate[key] === item[key]);
        // an item that is gone shows as removed; the list stays in the manifest's order
        if (match !== undefined) projected.push(projectLive(item, match, merge));
      }
      return projected;
    }
    return desired
      .map((item, i) => (i < live.length ? projectLive(item, live[i], merge) : undefined))
      .concat(live.slice(desired.length));
  }
  if (isObject(desired)) {
    if (!isObject(live)) return live;
    const out: Json = {};
    for (const name of Object.keys(desired)) {
      if (name in live) out[name] = projectLive(desired[name], live[name], merge, name);
    }
    return out;
  }
  return live;
}
