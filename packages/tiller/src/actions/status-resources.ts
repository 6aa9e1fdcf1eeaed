// The RESOURCES text of GetReleaseStatus, as Helm 2.17's Tiller writes it (kube.Client.Get): each
// object of the manifest fetched as the server prints it (a server-side Table, kubectl's columns),
// grouped under `==> <version>/<Kind>` in key order and sorted by name; the pods that each workload's
// selector picks under `==> v1/Pod(related)`; objects that could not be fetched under `==> MISSING`.
// Each object is printed as kubectl's printer does for Helm 2: through its own tabwriter (padding 3,
// flushed per object), the kind's header with the first row only; Helm 2's client (and ours) splits
// the cells again at runs of spaces and aligns the whole listing.
import type { Release } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import type { KubeObject } from '../kube/kube-client.js';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

interface ServerTable {
  kind?: string;
  columnDefinitions?: { name: string; priority?: number }[];
  rows?: { cells: unknown[] }[];
}

/** What a section holds: a header and one row per object name. */
interface Section {
  header: string[];
  rows: Map<string, string[]>;
}

/** Kinds whose selector picks pods (Helm 2's getSelectorFromObject), by the field holding match labels. */
function podSelector(o: KubeObject): Record<string, string> | undefined {
  const spec = (o as { spec?: { selector?: { matchLabels?: Record<string, string> } & Record<string, unknown> } }).spec;
  switch (o.kind) {
    case 'ReplicationController':
      return spec?.selector as Record<string, string> | undefined;
    case 'ReplicaSet':
    case 'Deployment':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job':
      return spec?.selector?.matchLabels;
    default:
      return undefined;
  }
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '<none>';
  return typeof cell === 'object' ? JSON.stringify(cell) : String(cell);
}

/** The table's columns that kubectl shows without `-o wide` (priority 0), as [header, rows]. */
function visibleTable(table: ServerTable): { header: string[]; rows: string[][] } {
  const columns = (table.columnDefinitions ?? []).flatMap((c, i) => ((c.priority ?? 0) === 0 ? [i] : []));
  return {
    header: columns.map((i) => table.columnDefinitions![i].name.toUpperCase()),
    rows: (table.rows ?? []).map((r) => columns.map((i) => cellText(r.cells[i]))),
  };
}

function age(ts: string | undefined): string {
  if (!ts) return '<unknown>';
  const s = Math.max(0, Math.floor((Date.now() - new Date(ts).getTime()) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

type ObjectTable = ServerTable & { metadata?: { creationTimestamp?: string } };

// From this many objects of one kind in one namespace, their rows come from one Table list of the
// collection (filtered by name) rather than a GET each: 3 requests for a release of 60 ConfigMaps,
// 20 Secrets and 20 Services instead of 100.
const LIST_INSTEAD_OF_GETS = 4;

/** Each object's server-side Table (undefined: it could not be read) and its resource name. */
async function objectTables(
  ctx: TillerContext,
  objs: readonly KubeObject[],
): Promise<Map<KubeObject, { resource: string; table?: ObjectTable }>> {
  const kube = ctx.kube;
  const byCollection = new Map<string, { resource: string; objs: KubeObject[] }>();
  for (const o of objs) {
    const { path, resource } = await kube.collectionPath(o);
    const group = byCollection.get(path) ?? { resource, objs: [] };
    group.objs.push(o);
    byCollection.set(path, group);
  }
  const out = new Map<KubeObject, { resource: string; table?: ObjectTable }>();
  const getOne = async (path: string, resource: string, o: KubeObject) => {
    const table = (await kube
      .request(`${path}/${encodeURIComponent(o.metadata.name)}`, { accept: TABLE })
      .catch((e: Error) => {
        // as Helm 2: listed as missing, with a warning in Tiller's log saying why
        ctx.log.warn('failed get for resource', { name: o.metadata.name, kind: o.kind, error: e.message });
        return undefined;
      })) as ObjectTable | undefined;
    out.set(o, { resource, table });
  };
  await Promise.all(
    [...byCollection].map(async ([path, { resource, objs: group }]) => {
      if (group.length >= LIST_INSTEAD_OF_GETS) {
        const list = await kube.listPages(path, TABLE).catch(() => undefined);
        if (list?.kind === 'Table') {
          const rows = new Map(list.rows?.map((r) => [r.object?.metadata?.name ?? String(r.cells[0]), r]));
          for (const o of group) {
            const row = rows.get(o.metadata.name);
            out.set(o, {
              resource,
              table: row ? { kind: 'Table', columnDefinitions: list.columnDefinitions, rows: [row] } : undefined,
            });
          }
          return;
        }
      }
      await Promise.all(group.map((o) => getOne(path, resource, o)));
    }),
  );
  return out;
}

/** `group/version, Resource=plural`, as Go prints a GroupVersionResource. */
function gvr(apiVersion: string, resource: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return `${group}/${version}, Resource=${resource}`;
}

function addRows(
  sections: Map<string, Section>,
  key: string,
  table: ServerTable,
  fallbackName: string,
  created?: string,
) {
  let header: string[];
  let rows: string[][];
  if (table.kind === 'Table') ({ header, rows } = visibleTable(table));
  else {
    // a server without Table support: what kubectl prints for unknown kinds
    header = ['NAME', 'AGE'];
    rows = [[fallbackName, age(created)]];
  }
  const section = sections.get(key) ?? { header, rows: new Map() };
  for (const row of rows) section.rows.set(row[0] ?? fallbackName, row);
  sections.set(key, section);
}

/**
 * Lines of cells as Go's text/tabwriter writes them with kubectl's settings (minwidth 0, padding 3,
 * spaces, no flags): every cell but a line's last is padded to its column's widest plus 3.
 */
function alignedCells(lines: string[][]): string {
  const widths: number[] = [];
  for (const cells of lines)
    cells.slice(0, -1).forEach((cell, j) => (widths[j] = Math.max(widths[j] ?? 0, [...cell].length)));
  return lines
    .map(
      (cells) =>
        `${cells.map((cell, j) => (j < cells.length - 1 ? cell + ' '.repeat(widths[j] + 3 - [...cell].length) : cell)).join('')}\n`,
    )
    .join('');
}

type PodRow = { cells: unknown[]; object?: { metadata?: { labels?: Record<string, string> } } };

/** `k=v,…` with the keys in order: the exact selector Helm 2 lists a workload's pods with. */
function equalitySelector(selector: Record<string, string>): string {
  return Object.keys(selector)
    .sort()
    .map((k) => `${k}=${selector[k]}`)
    .join(',');
}

/**
 * The pods each workload's selector picks, a Table each (undefined where `wanted` has no workload).
 * Workloads in one namespace whose selectors share a key are answered by one list: for each shared
 * key it asks for `key in (their values)`, which every pod of every one of them satisfies (and
 * perhaps a pod of none), and each workload keeps the rows whose labels hold its whole selector,
 * the rows its own list would have. 20 Deployments: 1 request instead of 20 (3 ms instead of 14
 * here, more on a busy API server). Otherwise, or when that list fails, one list per selector.
 */
function relatedPodRows(
  ctx: TillerContext,
  wanted: readonly ({ namespace: string; selector: Record<string, string> } | undefined)[],
): (Promise<ServerTable | undefined> | undefined)[] {
  const lists = new Map<string, Promise<ServerTable | undefined>>(); // namespace + selector → its Table
  const list = (namespace: string, labelSelector: string) => {
    const key = `${namespace}?${labelSelector}`;
    let table = lists.get(key);
    if (!table) {
      const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods?labelSelector=${encodeURIComponent(labelSelector)}`;
      table = ctx.kube.request(path, { accept: TABLE }).then(
        (t) => t as ServerTable,
        () => undefined,
      );
      lists.set(key, table);
    }
    return table;
  };
  const selectorsIn = new Map<string, Record<string, string>[]>();
  for (const w of wanted) if (w) selectorsIn.set(w.namespace, [...(selectorsIn.get(w.namespace) ?? []), w.selector]);
  const shared = new Map<string, string>(); // namespace → the selector of its one list
  for (const [namespace, selectors] of selectorsIn) {
    if (new Set(selectors.map(equalitySelector)).size < 2) continue;
    // an empty value cannot stand in a set (`k in ()`), so a key with one is not shared
    const keys = Object.keys(selectors[0])
      .filter((k) => selectors.every((s) => typeof s[k] === 'string' && s[k] !== ''))
      .sort();
    if (keys.length === 0) continue;
    shared.set(
      namespace,
      keys.map((k) => `${k} in (${[...new Set(selectors.map((s) => s[k]))].sort().join(',')})`).join(','),
    );
  }
  return wanted.map((w) => {
    if (!w) return undefined;
    const own = () => list(w.namespace, equalitySelector(w.selector));
    const query = shared.get(w.namespace);
    if (!query) return own();
    return list(w.namespace, query).then((table) => {
      const rows = table?.rows as PodRow[] | undefined;
      // without the rows' labels (a server that leaves them out), or when the list failed: its own list
      if (table?.kind !== 'Table' || !rows || rows.some((r) => !r.object?.metadata)) return own();
      const picked = rows.filter((r) => {
        const labels = r.object!.metadata!.labels ?? {};
        return Object.entries(w.selector).every(([k, v]) => labels[k] === v);
      });
      return { ...table, rows: picked };
    });
  });
}

/** The live state of a release's objects, as Helm 2's `helm status` shows under RESOURCES. */
export async function statusResources(ctx: TillerContext, rel: Release): Promise<string> {
  const kube = ctx.kube;
  const objs = await kube.build(rel.manifest, rel.namespace);
  const sections = new Map<string, Section>();
  const missing: string[] = [];
  // Every object's row and the pods each workload selects are read at once (a few round trips
  // for the whole release, not two per object: `install --wait` shows this right after the wait);
  // the rows are put together in manifest order afterwards, as reading them one by one would.
  const selectors = objs.map((o) => {
    const selector = podSelector(o);
    return selector && Object.keys(selector).length > 0 ? selector : undefined;
  });
  const podRows = relatedPodRows(
    ctx,
    objs.map((o, i) =>
      selectors[i] ? { namespace: o.metadata.namespace ?? rel.namespace, selector: selectors[i] } : undefined,
    ),
  );
  const tables = await objectTables(ctx, objs);
  const reads = objs.map((o, i) => ({ o, ...tables.get(o)!, pods: podRows[i] }));
  for (const { o, resource, table, pods } of reads) {
    if (!table) {
      missing.push(`${gvr(o.apiVersion, resource)}\t\t${o.metadata.name}`);
      continue;
    }
    const version = o.apiVersion.includes('/') ? o.apiVersion.split('/')[1] : o.apiVersion;
    addRows(sections, `${version}/${o.kind}`, table, o.metadata.name, table.metadata?.creationTimestamp);
    // a pod picked by two workloads is listed once (Helm 2's isFoundPod): rows are kept by name
    const podTable = await pods;
    if (podTable?.kind === 'Table' && (podTable.rows ?? []).length > 0)
      addRows(sections, 'v1/Pod(related)', podTable, '');
  }
  let out = '';
  for (const key of [...sections.keys()].sort()) {
    const { header, rows } = sections.get(key)!;
    const sorted = [...rows.keys()].sort().map((name) => rows.get(name)!);
    out += `==> ${key}\n${sorted.map((row, i) => alignedCells(i === 0 ? [header, row] : [row])).join('')}\n`;
  }
  if (missing.length > 0) out += `==> MISSING\nKIND\t\tNAME\n${missing.join('\n')}\n`;
  return out;
}
