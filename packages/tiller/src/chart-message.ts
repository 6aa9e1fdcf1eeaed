import {
  type Chart,
  type ChartFile,
  type Metadata,
  parseValuesYaml,
  ValuesParseError,
  type ValuesTable,
} from '@helmts/chart';
import type { ChartInput, Chart as ChartMessage } from '@helmts/proto';

/**
 * Charts travel between the client and Tiller as hapi.chart.Chart messages (Helm 2's wire format).
 * Both directions live here so the client (plugin-release) and Tiller convert the same way.
 *
 * Helm 2's message has no field for values.schema.json or Chart.lock; they travel as ordinary
 * files (google.protobuf.Any with the path as type_url), which is also how Helm 2 carried every
 * non-template file.
 */
const SCHEMA_FILE = 'values.schema.json';

function isManifest(name: string): boolean {
  return /\.(ya?ml|json)$/.test(name);
}

export function chartToMessage(chart: Chart): ChartInput {
  const m = chart.metadata;
  const files: { type_url: string; value: Uint8Array }[] = chart.files.map((f) => ({
    type_url: f.name,
    value: f.data,
  }));
  if (chart.schema) files.push({ type_url: SCHEMA_FILE, value: chart.schema });
  return {
    metadata: {
      name: m.name,
      home: m.home ?? '',
      sources: m.sources ?? [],
      version: m.version,
      description: m.description ?? '',
      keywords: m.keywords ?? [],
      maintainers: (m.maintainers ?? []).map((x) => ({ name: x.name ?? '', email: x.email ?? '', url: x.url ?? '' })),
      engine: m.engine ?? '',
      icon: m.icon ?? '',
      apiVersion: m.apiVersion,
      condition: m.condition ?? '',
      tags: m.tags ?? '',
      appVersion: m.appVersion ?? '',
      deprecated: m.deprecated ?? false,
      tillerVersion: m.tillerVersion ?? '',
      annotations: m.annotations ?? {},
      kubeVersion: m.kubeVersion ?? '',
    },
    templates: chart.templates.map((t) => ({ name: t.name, data: t.data })),
    dependencies: chart.dependencies.map((d) => chartToMessage(d)),
    values: { raw: chart.rawValues ?? '' },
    files,
  };
}

function optional(value: string | undefined): string | undefined {
  return value ? value : undefined;
}

/**
 * Accepts a decoded message or one built in process (ChartInput), where repeated fields and
 * strings may be absent rather than empty.
 */
export function chartFromMessage(message: ChartMessage | ChartInput, helm2 = true): Chart {
  const pm = message.metadata;
  if (!pm || !pm.name) throw new Error('chart message has no metadata name');
  const metadata: Metadata = {
    apiVersion: pm.apiVersion || 'v1',
    name: pm.name,
    version: pm.version ?? '',
    kubeVersion: optional(pm.kubeVersion),
    description: optional(pm.description),
    keywords: pm.keywords?.length ? pm.keywords : undefined,
    home: optional(pm.home),
    sources: pm.sources?.length ? pm.sources : undefined,
    maintainers: pm.maintainers?.length
      ? pm.maintainers.map((x) => ({ name: optional(x.name), email: optional(x.email), url: optional(x.url) }))
      : undefined,
    icon: optional(pm.icon),
    appVersion: optional(pm.appVersion),
    deprecated: pm.deprecated || undefined,
    annotations: Object.keys(pm.annotations ?? {}).length ? pm.annotations : undefined,
    condition: optional(pm.condition),
    tags: optional(pm.tags),
    tillerVersion: optional(pm.tillerVersion),
    engine: optional(pm.engine),
  };
  const files: ChartFile[] = [];
  let schema: Uint8Array | undefined;
  for (const f of (message.files ?? []) as { type_url?: string; value?: Uint8Array | string | null }[]) {
    const data = toBytes(f.value);
    if (f.type_url === SCHEMA_FILE) schema = data;
    else files.push({ name: f.type_url ?? '', data });
  }
  const raw = message.values?.raw ?? '';
  return {
    metadata,
    templates: (message.templates ?? []).map((t) => ({ name: t.name ?? '', data: toBytes(t.data) })),
    ...readChartValues(raw, metadata.name, helm2),
    schema,
    files,
    crds: files.filter((f) => f.name.startsWith('crds/') && isManifest(f.name)),
    dependencies: (message.dependencies ?? []).map((d) => chartFromMessage(d, helm2)),
  };
}

function toBytes(data: Uint8Array | string | null | undefined): Uint8Array {
  if (data === null || data === undefined) return new Uint8Array();
  return typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
}

/**
 * A chart's values.yaml text, read when its values are coalesced: one that cannot be read fails
 * there (ChartValuesError: Helm 2's `Error: Reading chart 'NAME' default values (...)`, or helm v4's
 * loader words).
 */
export function readChartValues(
  raw: string,
  name: string,
  helm2: boolean,
): Pick<Chart, 'values' | 'rawValues' | 'valuesError'> {
  if (raw === '') return { values: {} as ValuesTable };
  try {
    const values = parseValuesYaml(raw, 'values.yaml', { helm2, goType: helm2 ? 'chartutil.Values' : undefined });
    return { values, rawValues: raw };
  } catch (e) {
    if (!(e instanceof ValuesParseError)) throw e;
    return { values: {} as ValuesTable, rawValues: raw, valuesError: e.message.replace(/^values\.yaml: /, '') };
  }
}
