import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Chart, ChartFile } from '../model.js';
import { DEFAULT_CHART_SIZE_LIMITS, SizeBudget, type ChartSizeLimits } from '../archive/limits.js';
import { ChartArchiveError, isGzip, readChartArchiveFiles, stripBom } from '../archive/read-chart-archive.js';
import { HelmIgnoreRules } from './helmignore.js';
import { ChartLoadError, loadChartFromFiles } from './load-files.js';
import type { YamlReadLimits } from '../yaml/read-yaml.js';

export interface LoadChartOptions {
  limits?: Partial<ChartSizeLimits>;
  yamlLimits?: YamlReadLimits;
  /** Receives Helm's loader warnings (e.g. requirements.yaml in a v2 chart). */
  onWarning?: (message: string) => void;
  /** Directory loading follows symlinks only inside the chart folder unless this is set. */
  allowSymlinksOutsideChart?: boolean;
  /**
   * Helm 2.17's loader: Chart.yaml needs only a name (its other fields are lint's business), and
   * errors read as Helm 2 words them. Default: today's Helm, which validates the metadata.
   */
  helm2?: boolean;
}

function contextFor(opts: LoadChartOptions) {
  return {
    budget: new SizeBudget({ ...DEFAULT_CHART_SIZE_LIMITS, ...opts.limits }),
    yamlLimits: opts.yamlLimits,
    archiveDepth: 0,
    onWarning: opts.onWarning,
    helm2: opts.helm2,
  };
}

function describeContent(data: Uint8Array): string {
  // Helm sniffs a 512-byte buffer it reads the file into: a shorter file leaves zeros in it (binary)
  const head = Buffer.alloc(512);
  head.set(data.subarray(0, 512));
  return /[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]/.test(head.toString('latin1'))
    ? 'application/octet-stream'
    : 'text/plain; charset=utf-8';
}

/** Loads a chart archive held in memory (charts travel to Tiller as bytes). */
export function loadChartArchive(data: Uint8Array, opts: LoadChartOptions = {}): Chart {
  const ctx = contextFor(opts);
  let files: ChartFile[];
  try {
    files = readChartArchiveFiles(data, ctx.budget, ctx.helm2);
  } catch (e) {
    if (e instanceof ChartArchiveError && e.message.startsWith('gzip:')) {
      throw new ChartLoadError(`stream does not appear to be a valid chart file (details: ${e.message})`);
    }
    throw e;
  }
  return loadChartFromFiles(files, ctx);
}

/** Collects a chart directory's files with .helmignore applied, as Helm's directory loader does. */
export function readChartDirectory(dir: string, opts: LoadChartOptions = {}): ChartFile[] {
  const limits = { ...DEFAULT_CHART_SIZE_LIMITS, ...opts.limits };
  const top = resolve(dir);
  const realTop = realpathSync(top);
  const rules = (() => {
    const ignoreFile = join(top, '.helmignore');
    let r = new HelmIgnoreRules();
    try {
      if (statSync(ignoreFile).isFile()) r = HelmIgnoreRules.parse(readFileSync(ignoreFile, 'utf8'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    r.addDefaults();
    return r;
  })();
  const files: ChartFile[] = [];
  let total = 0;
  const visiting = new Set<string>();
  const walk = (abs: string, rel: string) => {
    const real = realpathSync(abs);
    if (!opts.allowSymlinksOutsideChart && real !== realTop && !real.startsWith(realTop + sep)) {
      throw new ChartLoadError(`symbolic link ${rel} points outside the chart directory`, rel);
    }
    const st = statSync(abs);
    if (st.isDirectory()) {
      if (rel !== '' && rules.ignores(rel, true)) return;
      if (visiting.has(real)) throw new ChartLoadError(`symbolic link loop at ${rel}`, rel);
      visiting.add(real);
      for (const name of readdirSync(abs).sort()) walk(join(abs, name), rel === '' ? name : `${rel}/${name}`);
      visiting.delete(real);
      return;
    }
    if (rules.ignores(rel, false)) return;
    if (!st.isFile())
      throw new ChartLoadError(`cannot load irregular file ${abs} as it has file mode type bits set`, rel);
    if (st.size > limits.maxFileBytes) {
      throw new ChartLoadError(
        `chart file ${JSON.stringify(rel.split('/').pop())} is larger than the maximum file size ${limits.maxFileBytes}`,
        rel,
      );
    }
    total += st.size;
    if (total > limits.maxTotalBytes)
      throw new ChartLoadError(`chart is larger than the maximum size ${limits.maxTotalBytes}`, rel);
    // Helm 3 and 4 strip a UTF-8 BOM from every file; Helm 2 keeps it (and renders it)
    const data = new Uint8Array(readFileSync(abs));
    files.push({ name: rel, data: opts.helm2 ? data : stripBom(data) });
  };
  walk(top, '');
  return files;
}

/** Loads a chart directory (honouring .helmignore). */
export function loadChartDirectory(dir: string, opts: LoadChartOptions = {}): Chart {
  return loadChartFromFiles(readChartDirectory(dir, opts), contextFor(opts));
}

/**
 * Loads a chart from a directory, a `.tgz` file, or archive bytes. Errors use Helm's wording
 * (ChartLoadError / ChartArchiveError / ChartValidationError); nothing is written anywhere.
 */
export function loadChart(source: string | Uint8Array, opts: LoadChartOptions = {}): Chart {
  if (typeof source !== 'string') return loadChartArchive(source, opts);
  const st = statSync(source);
  if (st.isDirectory()) return loadChartDirectory(source, opts);
  const data = readFileSync(source);
  if (!isGzip(data)) {
    if (/\.ya?ml$/.test(source))
      throw new ChartLoadError(`file '${source}' seems to be a YAML file, but expected a gzipped archive`);
    throw new ChartLoadError(
      `file '${source}' does not appear to be a gzipped archive; got '${describeContent(data)}'`,
    );
  }
  return loadChartArchive(data, opts);
}
