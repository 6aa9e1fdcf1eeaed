import type { Chart, Metadata } from '@helmts/chart';

/** What `inspect` shows: Helm 2's `all` (no sub-command), `chart`, `values` or `readme`. */
export type InspectPart = 'all' | 'chart' | 'values' | 'readme';

/** Helm 2's hapi.chart.Metadata fields; anything else in Chart.yaml (type, dependencies) is not in it. */
const HELM2_METADATA_FIELDS = [
  'name',
  'home',
  'sources',
  'version',
  'description',
  'keywords',
  'maintainers',
  'engine',
  'icon',
  'apiVersion',
  'condition',
  'tags',
  'appVersion',
  'deprecated',
  'tillerVersion',
  'annotations',
  'kubeVersion',
] as const;

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** The chart's metadata as Helm 2 marshals its Metadata message: empty fields omitted, keys sorted. */
function metadataForYaml(metadata: Metadata): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of HELM2_METADATA_FIELDS) {
    const value = metadata[field];
    if (isEmpty(value)) continue;
    out[field] =
      field === 'maintainers'
        ? (value as { name?: string; email?: string; url?: string }[]).map((m) =>
            Object.fromEntries(Object.entries(m).filter(([, v]) => !isEmpty(v))),
          )
        : value;
  }
  return out;
}

/** The first top-level README (readme.md, readme.txt or readme, any case), as Helm 2 looks for it. */
function findReadme(chart: Chart): string | undefined {
  const names = ['readme.md', 'readme.txt', 'readme'];
  for (const name of names) {
    const file = chart.files.find((f) => f.name.toLowerCase() === name);
    if (file) return Buffer.from(file.data).toString('utf8');
  }
  return undefined;
}

/**
 * The text `helm inspect [chart|values|readme]` prints: Chart.yaml as its Metadata, then `---` and
 * values.yaml verbatim, then `---` and the README; each part followed by a newline, as Helm 2 does.
 */
export async function inspectChart(chart: Chart, part: InspectPart): Promise<string> {
  const { toYaml } = await import('@helmts/chart');
  let text = '';
  if (part === 'chart' || part === 'all') text += `${toYaml(metadataForYaml(chart.metadata))}\n`;
  if ((part === 'values' || part === 'all') && chart.rawValues !== undefined) {
    if (part === 'all') text += '---\n';
    text += `${chart.rawValues}\n`;
  }
  if (part === 'readme' || part === 'all') {
    // Helm 2 prints the separator before it looks for a README
    if (part === 'all') text += '---\n';
    const readme = findReadme(chart);
    if (readme === undefined) return text;
    text += `${readme}\n`;
  }
  return text;
}
