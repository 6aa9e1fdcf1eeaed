import type { Chart, ChartFile, Metadata } from '../model.js';
import { ChartFileDecodeError, decodeChartYaml, decodeLockYaml, decodeRequirementsYaml } from '../metadata.js';
import { parseValuesYaml, ValuesParseError } from '../yaml/parse-values-yaml.js';
import { newTable } from '../values/go-map.js';
import { readChartArchiveFiles, ChartArchiveError } from '../archive/read-chart-archive.js';
import { SizeBudget } from '../archive/limits.js';
import { validateMetadata } from '../validate.js';
import type { YamlReadLimits } from '../yaml/read-yaml.js';

/** A chart that cannot be loaded. The message is Helm's wording; `file`/`field` say where. */
export class ChartLoadError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ChartLoadError';
  }
}

export interface LoadContext {
  budget: SizeBudget;
  yamlLimits?: YamlReadLimits;
  /** Nesting of archives inside archives; bounded against recursive bombs. */
  archiveDepth: number;
  onWarning?: (message: string) => void;
  /** Helm 2.17's loader (LoadChartOptions.helm2). */
  helm2?: boolean;
}

const MAX_ARCHIVE_NESTING = 16;
// a BOM still here is Helm 2's (its loader keeps them): part of the text, as in Go
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const text = (f: ChartFile) => decoder.decode(f.data);

function isManifest(name: string): boolean {
  return /\.(ya?ml|json)$/i.test(name);
}

/**
 * Chart.yaml as the loader reads it: Helm's decoding, a missing apiVersion meaning v1. Helm 2's
 * loader says what the decoder says, today's Helm prefixes it.
 */
export function loadChartYaml(f: ChartFile, helm2 = false): Metadata {
  let metadata: Metadata;
  try {
    metadata = decodeChartYaml(text(f));
  } catch (e) {
    if (e instanceof ChartFileDecodeError)
      throw new ChartLoadError(`${helm2 ? '' : 'cannot load Chart.yaml: '}${e.message}`, 'Chart.yaml', e.field);
    throw e;
  }
  if (metadata.apiVersion === '') metadata.apiVersion = 'v1';
  return metadata;
}

/** Builds a chart from its files (chart-relative names), recursing into charts/. Mirrors Helm's LoadFiles. */
export function loadChartFromFiles(files: ChartFile[], ctx: LoadContext): Chart {
  const chart: Chart = {
    metadata: undefined as never,
    templates: [],
    values: newTable(),
    files: [],
    crds: [],
    dependencies: [],
  };
  for (const f of files) {
    if (f.name === 'Chart.yaml') chart.metadata = loadChartYaml(f, ctx.helm2);
  }
  if (chart.metadata && !['v1', 'v2'].includes(chart.metadata.apiVersion)) {
    // Helm 2 knew only v1; helmts' Helm 2 mode loads v2 charts as well
    const message = ctx.helm2
      ? `apiVersion '${chart.metadata.apiVersion}' is not valid. The value must be "v1"`
      : 'unsupported chart version';
    throw new ChartLoadError(message, 'Chart.yaml', 'apiVersion');
  }
  const subcharts = new Map<string, ChartFile[]>();
  for (const f of files) {
    const n = f.name;
    if (n === 'Chart.yaml') continue;
    if (n === 'Chart.lock' || n === 'requirements.lock') {
      try {
        chart.lock = decodeLockYaml(text(f), n);
      } catch (e) {
        if (e instanceof ChartFileDecodeError) throw new ChartLoadError(`cannot load ${n}: ${e.message}`, n, e.field);
        throw e;
      }
      if (n === 'requirements.lock') {
        chart.metadata ??= decodeChartYaml('');
        if (chart.metadata.apiVersion !== 'v1') {
          ctx.onWarning?.(
            'Warning: Dependency locking is handled in Chart.lock since apiVersion "v2". We recommend migrating to Chart.lock.',
          );
        } else chart.files.push(f);
      }
    } else if (n === 'values.yaml') {
      const raw = text(f);
      chart.rawValues = raw;
      try {
        chart.values = parseValuesYaml(raw, 'values.yaml', {
          limits: ctx.yamlLimits,
          helm2: ctx.helm2,
          goType: ctx.helm2 ? 'chartutil.Values' : undefined,
        });
      } catch (e) {
        if (!(e instanceof ValuesParseError)) throw e;
        const inner = e.message.replace(/^values\.yaml: /, '');
        // Helm 2 keeps values.yaml as text and reads it only to render: `inspect`, `package` work
        if (ctx.helm2) chart.valuesError = inner;
        else throw new ChartLoadError(`cannot load values.yaml: ${inner}`, 'values.yaml');
      }
    } else if (n === 'values.schema.json') {
      chart.schema = f.data;
    } else if (n === 'requirements.yaml') {
      chart.metadata ??= decodeChartYaml('');
      if (chart.metadata.apiVersion !== 'v1') {
        ctx.onWarning?.(
          'Warning: Dependencies are handled in Chart.yaml since apiVersion "v2". We recommend migrating dependencies to Chart.yaml.',
        );
      }
      try {
        chart.requirements = decodeRequirementsYaml(text(f));
      } catch (e) {
        if (e instanceof ChartFileDecodeError)
          throw new ChartLoadError(`cannot load requirements.yaml: ${e.message}`, n, e.field);
        throw e;
      }
      chart.metadata.dependencies = chart.requirements.dependencies.map((d) => ({ ...d }));
      if (chart.metadata.apiVersion === 'v1') chart.files.push(f);
    } else if (n.startsWith('templates/')) {
      chart.templates.push(f);
    } else if (n.startsWith('charts/')) {
      if (n.endsWith('.prov')) {
        chart.files.push(f);
        continue;
      }
      const rest = n.slice('charts/'.length);
      const cname = rest.split('/')[0];
      const list = subcharts.get(cname) ?? [];
      list.push({ name: rest, data: f.data });
      subcharts.set(cname, list);
    } else {
      chart.files.push(f);
      if (n.startsWith('crds/') && isManifest(n)) chart.crds.push(f);
    }
  }
  if (ctx.helm2) {
    if (!chart.metadata) throw new ChartLoadError('chart metadata (Chart.yaml) missing', 'Chart.yaml');
    if (!chart.metadata.name)
      throw new ChartLoadError('invalid chart (Chart.yaml): name must not be empty', 'Chart.yaml', 'name');
  } else {
    if (!chart.metadata) throw new ChartLoadError('Chart.yaml file is missing', 'Chart.yaml');
    validateMetadata(chart.metadata);
  }

  for (const cname of [...subcharts.keys()].sort()) {
    const subFiles = subcharts.get(cname)!;
    if (cname.startsWith('_') || cname.startsWith('.')) continue;
    let sub: Chart;
    try {
      if (cname.endsWith('.tgz')) {
        const file = subFiles[0];
        if (file.name !== cname) {
          throw new ChartLoadError(
            `error unpacking ${ctx.helm2 ? '' : 'subchart '}tar in ${chart.metadata.name}: expected ${cname}, got ${file.name}`,
          );
        }
        if (ctx.archiveDepth >= MAX_ARCHIVE_NESTING)
          throw new ChartLoadError(`subchart archives nested deeper than ${MAX_ARCHIVE_NESTING} levels`);
        const inner = readChartArchiveFiles(file.data, ctx.budget, ctx.helm2);
        sub = loadChartFromFiles(inner, { ...ctx, archiveDepth: ctx.archiveDepth + 1 });
      } else {
        const inner: ChartFile[] = [];
        for (const f of subFiles) {
          const slash = f.name.indexOf('/');
          if (slash < 0) continue;
          inner.push({ name: f.name.slice(slash + 1), data: f.data });
        }
        sub = loadChartFromFiles(inner, ctx);
      }
    } catch (e) {
      if (e instanceof ChartLoadError && /^error unpacking (subchart )?tar in /.test(e.message)) throw e;
      if (
        e instanceof ChartLoadError ||
        e instanceof ChartArchiveError ||
        (e as Error).name === 'ChartValidationError'
      ) {
        const inner = e instanceof ChartLoadError && e.file !== undefined ? `/${e.file}` : '';
        throw new ChartLoadError(
          `error unpacking ${ctx.helm2 ? '' : 'subchart '}${cname} in ${chart.metadata.name}: ${(e as Error).message}`,
          `charts/${cname}${inner}`,
        );
      }
      throw e;
    }
    chart.dependencies.push(sub);
  }
  return chart;
}
