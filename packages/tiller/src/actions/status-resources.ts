// The RESOURCES text of GetReleaseStatus, as Helm 2.17's Tiller writes it (kube.Client.Get): each
// object of the manifest fetched as the server prints it (a server-side Table, kubectl's columns),
// grouped under `==> <version>/<Kind>` in key order and sorted by name; the pods that each workload's
// selector picks under `==> v1/Pod(related)`; objects that could not be fetched under `==> MISSING`.
// Cells are tab-separated: Helm 2's client (and ours) aligns them with a tabwriter.
import type { Release } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import type { KubeClient, KubeObject } from '../kube/kube-client.js';

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

async function objectPath(kube: KubeClient, o: KubeObject): Promise<{ path: string; resource: string }> {
  const namespaced = await kube.isNamespaced(o.apiVersion, o.kind);
  const resource = kube.resourceFor(o.apiVersion, o.kind)?.name ?? `${o.kind.toLowerCase()}s`;
  const base = o.apiVersion.includes('/') ? `/apis/${o.apiVersion}` : `/api/${o.apiVersion}`;
  const scope = namespaced ? `/namespaces/${encodeURIComponent(o.metadata.namespace ?? 'default')}` : '';
  return { path: `${base}${scope}/${resource}`, resource };
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

/** The live state of a release's objects, as Helm 2's `helm status` shows under RESOURCES. */
export async function statusResources(ctx: TillerContext, rel: Release): Promise<string> {
  const kube = ctx.kube;
  const objs = await kube.build(rel.manifest, rel.namespace);
  const sections = new Map<string, Section>();
  const missing: string[] = [];
  // Every object's row and the pods each workload selects are read at once (one round trip for
  // the whole release, not two per object: `install --wait` shows this right after the wait); the
  // rows are put together in manifest order afterwards, as reading them one by one would.
  const podLists = new Map<string, Promise<ServerTable | undefined>>(); // pods path → its Table
  const reads = objs.map((o) => {
    const selector = podSelector(o);
    let podsPath: string | undefined;
    if (selector && Object.keys(selector).length > 0) {
      const namespace = o.metadata.namespace ?? rel.namespace;
      const labelSelector = Object.entries(selector)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      podsPath = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods?labelSelector=${encodeURIComponent(labelSelector)}`;
      if (!podLists.has(podsPath))
        podLists.set(
          podsPath,
          kube.request(podsPath, { accept: TABLE }).then(
            (t) => t as ServerTable,
            () => undefined,
          ),
        );
    }
    return (async () => {
      const { path, resource } = await objectPath(kube, o);
      const table = (await kube
        .request(`${path}/${encodeURIComponent(o.metadata.name)}`, { accept: TABLE })
        .catch((e: Error) => {
          // as Helm 2: listed as missing, with a warning in Tiller's log saying why
          ctx.log.warn('failed get for resource', { name: o.metadata.name, kind: o.kind, error: e.message });
          return undefined;
        })) as (ServerTable & { metadata?: { creationTimestamp?: string } }) | undefined;
      return { o, resource, table, podsPath };
    })();
  });
  const listed = new Set<string>(); // pods paths already shown
  for (const { o, resource, table, podsPath } of await Promise.all(reads)) {
    if (!table) {
      missing.push(`${gvr(o.apiVersion, resource)}\t\t${o.metadata.name}`);
      continue;
    }
    const version = o.apiVersion.includes('/') ? o.apiVersion.split('/')[1] : o.apiVersion;
    addRows(sections, `${version}/${o.kind}`, table, o.metadata.name, table.metadata?.creationTimestamp);
    if (!podsPath || listed.has(podsPath)) continue;
    listed.add(podsPath);
    const pods = await podLists.get(podsPath);
    // a pod picked by two workloads is listed once (Helm 2's isFoundPod)
    if (pods?.kind === 'Table' && (pods.rows ?? []).length > 0) addRows(sections, 'v1/Pod(related)', pods, '');
  }
  let out = '';
  for (const key of [...sections.keys()].sort()) {
    const { header, rows } = sections.get(key)!;
    const sorted = [...rows.keys()].sort().map((name) => rows.get(name)!.join('\t'));
    out += `==> ${key}\n${header.join('\t')}\n${sorted.join('\n')}\n\n`;
  }
  if (missing.length > 0) out += `==> MISSING\nKIND\t\tNAME\n${missing.join('\n')}\n`;
  return out;
}
