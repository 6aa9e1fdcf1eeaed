import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Chart, ChartFile, Dependency, Lock, Metadata } from '../model.js';
import { validateMetadata } from '../validate.js';
import { toYaml } from '../yaml/write-yaml.js';
import { writeTarGz, type TarWriteEntry } from '@helmts/archive';

export interface SaveChartOptions {
  /** mtime of every entry, seconds since the epoch (default 0: archives depend only on content). */
  mtime?: number;
}

/** A chart that cannot be packaged (invalid metadata, a name that is not a plain folder name). */
export class ChartSaveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartSaveError';
  }
}

const encoder = new TextEncoder();

function dependencyAsJson(d: Dependency): Record<string, unknown> {
  const out: Record<string, unknown> = { name: d.name };
  if (d.version) out.version = d.version;
  out.repository = d.repository ?? '';
  if (d.condition) out.condition = d.condition;
  if (d.tags?.length) out.tags = d.tags;
  if (d.enabled) out.enabled = d.enabled;
  if (d.importValues?.length) out['import-values'] = d.importValues;
  if (d.alias) out.alias = d.alias;
  return out;
}

/** Chart.yaml fields as Helm serializes them: Go JSON field names, empty fields omitted. */
export function metadataAsJson(md: Metadata): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => {
    if (v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0)) return;
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return;
    out[k] = v;
  };
  put('name', md.name);
  put('home', md.home);
  put('sources', md.sources);
  put('version', md.version);
  put('description', md.description);
  put('keywords', md.keywords);
  put(
    'maintainers',
    md.maintainers?.map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v))),
  );
  put('icon', md.icon);
  put('apiVersion', md.apiVersion);
  put('condition', md.condition);
  put('tags', md.tags);
  put('appVersion', md.appVersion);
  put('deprecated', md.deprecated);
  put('annotations', md.annotations);
  put('kubeVersion', md.kubeVersion);
  // v1 charts keep their dependencies in requirements.yaml (saved with the other files)
  if (md.apiVersion !== 'v1') put('dependencies', md.dependencies?.map(dependencyAsJson));
  put('type', md.type);
  put('tillerVersion', md.tillerVersion);
  put('engine', md.engine);
  return out;
}

/** Chart.yaml as Helm re-writes it: Go JSON field names, empty fields omitted, keys sorted. */
export function metadataAsYaml(md: Metadata): string {
  return toYaml(metadataAsJson(md));
}

function lockAsYaml(lock: Lock): string {
  return toYaml({
    generated: lock.generated,
    digest: lock.digest,
    dependencies: lock.dependencies.map(dependencyAsJson),
  });
}

function isPlainName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\\');
}

function collectEntries(chart: Chart, prefix: string, out: TarWriteEntry[]): void {
  const md = structuredClone(chart.metadata);
  try {
    validateMetadata(md);
  } catch (e) {
    throw new ChartSaveError(`chart validation: ${(e as Error).message}`);
  }
  if (!isPlainName(md.name))
    throw new ChartSaveError(`chart name ${JSON.stringify(md.name)} is not a valid folder name`);
  const base = `${prefix}${md.name}/`;
  const add = (name: string, data: Uint8Array) => out.push({ name: base + name, data });
  add('Chart.yaml', encoder.encode(metadataAsYaml(md)));
  if (md.apiVersion === 'v2' && chart.lock) add('Chart.lock', encoder.encode(lockAsYaml(chart.lock)));
  if (chart.rawValues !== undefined) add('values.yaml', encoder.encode(chart.rawValues));
  else if (Object.keys(chart.values ?? {}).length > 0) add('values.yaml', encoder.encode(toYaml(chart.values)));
  if (chart.schema) {
    try {
      JSON.parse(new TextDecoder().decode(chart.schema));
    } catch {
      throw new ChartSaveError('invalid JSON in values.schema.json');
    }
    add('values.schema.json', chart.schema);
  }
  const seen = new Set<string>();
  for (const f of [...chart.templates, ...chart.files] as ChartFile[]) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    add(f.name, f.data);
  }
  for (const dep of chart.dependencies) collectEntries(dep, `${base}charts/`, out);
}

/**
 * The chart as a deterministic `.tgz` (Helm's layout: one top folder named after the chart,
 * subcharts as folders under charts/). Entries sorted by path with each Chart.yaml first in
 * its folder; mode 0644, uid/gid 0, empty owner names, fixed mtime; gzip header without time.
 */
export function chartToArchive(chart: Chart, opts: SaveChartOptions = {}): Buffer {
  const entries: TarWriteEntry[] = [];
  collectEntries(chart, '', entries);
  const key = (n: string) => (n.endsWith('/Chart.yaml') ? `${n.slice(0, -'Chart.yaml'.length)}\u0000` : n);
  entries.sort((a, b) => (key(a.name) < key(b.name) ? -1 : key(a.name) > key(b.name) ? 1 : 0));
  return writeTarGz(entries, { mtime: opts.mtime ?? 0, mode: 0o644 });
}

/** Writes `<destDir>/<name>-<version>.tgz` and returns its path. */
export function saveChartArchive(chart: Chart, destDir: string, opts: SaveChartOptions = {}): string {
  const data = chartToArchive(chart, opts);
  mkdirSync(destDir, { recursive: true });
  const file = join(destDir, `${chart.metadata.name}-${chart.metadata.version}.tgz`);
  writeFileSync(file, data);
  return file;
}
