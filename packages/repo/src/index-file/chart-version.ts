/**
 * One entry of a repository index: the chart's Chart.yaml fields plus where to download it.
 * Fields this package does not use are kept as they came, so a rewritten index loses nothing.
 */
export interface ChartVersion {
  name: string;
  version: string;
  apiVersion?: string;
  appVersion?: string;
  description?: string;
  keywords?: string[];
  home?: string;
  sources?: string[];
  icon?: string;
  deprecated?: boolean;
  urls: string[];
  /** RFC 3339 time the entry was indexed. */
  created?: string;
  /** Hex sha256 of the archive (no `sha256:` prefix in index.yaml). */
  digest?: string;
  removed?: boolean;
  [field: string]: unknown;
}

const BOOLEAN_FIELDS = new Set(['deprecated', 'removed']);
const STRING_LIST_FIELDS = new Set(['keywords', 'sources', 'urls']);

/**
 * Turns one parsed entry (all scalars are strings: the index is read with YAML's failsafe
 * schema so that `version: 1.10` stays "1.10", as Helm's typed decoding keeps it) into a
 * ChartVersion. Returns why the entry is unusable instead, when it is.
 */
export function normalizeChartVersion(raw: unknown, entryName: string): ChartVersion | { problem: string } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { problem: 'is not a mapping' };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === null || value === undefined || value === '') continue;
    if (BOOLEAN_FIELDS.has(key)) out[key] = value === 'true' || value === true;
    else if (STRING_LIST_FIELDS.has(key))
      out[key] = Array.isArray(value) ? value.filter((v) => v !== null).map(String) : [String(value)];
    else out[key] = value;
  }
  if (typeof out.name !== 'string') out.name = entryName;
  if (typeof out.version !== 'string' || !out.version) return { problem: 'has no version' };
  const urls = out.urls as string[] | undefined;
  if (!urls || urls.length === 0) return { problem: `version ${out.version} has no urls` };
  if (!out.apiVersion) out.apiVersion = 'v1';
  if (out.removed === false) delete out.removed;
  return out as ChartVersion;
}
