/**
 * `helmts template` as a library: load a chart (directory or .tgz), merge user values, resolve
 * dependencies and coalesce values, render, and print like `helm template` of the chosen dialect
 * (Helm v4.1.4 by default here; the CLI's default is Helm 2.17.0).
 */
import { mkdirSync, appendFileSync, writeFileSync, statSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve as resolvePath } from 'node:path';
import {
  loadChart,
  mergeValueSources,
  checkDependencies,
  resolveChartValues,
  isCompatibleRange,
  MissingDependenciesError,
  type Chart,
} from '@helmts/chart';
import { KubeVersion } from './builtin-objects/capabilities.js';
import { renderTemplates } from './render-chart.js';
import type { RenderedChart } from './manifests/rendered-chart.js';
import { extractNotes } from './manifests/extract-notes.js';
import type { CrdFile } from './template-output.js';
import { RenderError, type RenderedTemplates } from './engine.js';
import { resolveDialect } from './dialects/index.js';
import { generateReleaseName } from './release-name.js';
import type { DialectName, RenderDialect } from './dialects/render-dialect.js';
import type { EngineRegistry } from './engine-registry.js';
import type { ChartTree } from './chart-tree.js';

export interface TemplateChartOptions {
  /** chart directory or archive */
  chart: string;
  releaseName?: string;
  /** Helm 2's --name-template: a Go template (with Sprig) that makes the release name */
  nameTemplate?: string;
  namespace?: string;
  valueFiles?: string[];
  set?: string[];
  setString?: string[];
  setFile?: string[];
  setJson?: string[];
  kubeVersion?: string;
  apiVersions?: string[];
  showOnly?: string[];
  outputDir?: string;
  /** with outputDir: write under <outputDir>/<release name> */
  useReleaseName?: boolean;
  notes?: boolean;
  isUpgrade?: boolean;
  includeCrds?: boolean;
  skipTests?: boolean;
  noHooks?: boolean;
  /** resolves relative -f / --set-file paths; default process.cwd() */
  cwd?: string;
  /**
   * Reads a -f / --set-file path (default: the local file, relative to `cwd`); the CLI's also
   * reads `-` (standard input) and URLs, as Helm does (@helmts/repo's fetchValueFiles).
   */
  readValueFile?: (path: string) => string;
  registry?: EngineRegistry;
  /** which Helm's `helm template` to reproduce (default helm3 = Helm v4.1.4; helm2 = Helm 2.17.0) */
  dialect?: DialectName | RenderDialect;
  /** receives Helm's log lines (e.g. the deprecation warning) */
  onWarning?: (message: string) => void;
  time?: Date;
}

export interface TemplateChartResult {
  /** what `helm template` prints on stdout */
  output: string;
  /** files written with outputDir */
  written: string[];
  /** every rendered file by template path, NOTES.txt included */
  files: RenderedTemplates;
  /** NOTES, hooks and kind-sorted manifests (the dialect's Tiller view), computed on first use */
  readonly rendered: RenderedChart;
}

/** Helm's CRDObjects: every crds/ file of the tree, parents first. */
function crdFiles(chart: Chart, fullPath: string): CrdFile[] {
  const out: CrdFile[] = (chart.crds ?? []).map((f) => ({
    filename: `${fullPath}/${f.name}`,
    content: Buffer.from(f.data).toString('utf8'),
  }));
  for (const dep of chart.dependencies) out.push(...crdFiles(dep, `${fullPath}/charts/${dep.metadata.name}`));
  return out;
}

export async function templateChart(options: TemplateChartOptions): Promise<TemplateChartResult> {
  const cwd = options.cwd ?? process.cwd();
  const dialect = resolveDialect(options.dialect);
  const chartDir = resolvePath(cwd, options.chart);
  let outputDir: string | undefined;
  if (options.outputDir) {
    outputDir = resolvePath(cwd, options.outputDir);
    const missing = isDirectory(outputDir) ? undefined : dialect.errors.missingOutputDir(options.outputDir);
    if (missing) throw new RenderError(missing);
  }
  let releaseName = options.releaseName ?? 'release-name';
  if (options.nameTemplate) releaseName = generateReleaseName(options.nameTemplate);
  const invalidName = dialect.errors.invalidReleaseName(releaseName);
  if (invalidName) throw new RenderError(invalidName);
  try {
    statSync(chartDir);
  } catch (e) {
    throw new RenderError(dialect.errors.chartNotFound(options.chart, e));
  }
  // Helm 2's `helm template` loads a chart whose metadata today's Helm would refuse (`version: bad`)
  const chart = loadChart(chartDir, { helm2: dialect.name === 'helm2' });
  // paths are read from cwd and named as given (Helm's errors print them so)
  const userValues = mergeValueSources(
    {
      valueFiles: options.valueFiles ?? [],
      set: options.set,
      setString: options.setString,
      setFile: options.setFile,
      setJson: options.setJson,
    },
    {
      readFile: options.readValueFile ?? ((path) => readFileSync(resolvePath(cwd, path), 'utf8')),
      helm2: dialect.name === 'helm2',
    },
  );
  if (chart.metadata.dependencies && chart.metadata.dependencies.length > 0) {
    try {
      checkDependencies(chart);
    } catch (e) {
      if (e instanceof MissingDependenciesError) throw new RenderError(dialect.errors.missingDependencies(e.missing));
      throw e;
    }
  }
  if (chart.metadata.deprecated && dialect.warnsDeprecatedCharts) options.onWarning?.('this chart is deprecated');
  const { chart: tree, values } = resolveChartValues(chart, userValues, {
    onWarning: (m: string) => options.onWarning?.(m),
    helm2: dialect.valuesCoalescing === 'helm2',
  });

  let capabilities: unknown;
  try {
    capabilities = dialect.capabilities({ kubeVersion: options.kubeVersion, apiVersions: options.apiVersions });
  } catch (e) {
    throw new RenderError(dialect.errors.invalidKubeVersion(options.kubeVersion ?? '', e));
  }
  if (dialect.templateChecksKubeVersion && tree.metadata.kubeVersion) {
    const kube = (capabilities as { KubeVersion: KubeVersion }).KubeVersion;
    if (!isCompatibleRange(tree.metadata.kubeVersion, kube.String()))
      throw new RenderError(
        `chart requires kubeVersion: ${tree.metadata.kubeVersion} which is incompatible with Kubernetes ${kube.Version}`,
      );
  }
  const release = dialect.releaseObject({
    name: releaseName,
    namespace: options.namespace ?? 'default',
    isUpgrade: options.isUpgrade ?? false,
    revision: dialect.templateRevision,
    time: options.time,
  });
  const files = await renderTemplates(tree as unknown as ChartTree, {
    values,
    release,
    capabilities,
    registry: options.registry,
    dialect,
  });
  const crds = options.includeCrds ? crdFiles(tree, tree.metadata.name) : [];
  const written: string[] = [];
  let write: ((name: string, text: string, append: boolean) => string) | undefined;
  if (outputDir) {
    const baseDir = options.useReleaseName ? join(outputDir, releaseName) : outputDir;
    // the path as Helm prints it: the --output-dir given, joined with "/" (strings.Join, not cleaned)
    const shownBase = options.useReleaseName ? `${options.outputDir}/${releaseName}` : options.outputDir;
    write = (name, text, append) => {
      const file = join(baseDir, name);
      mkdirSync(dirname(file), { recursive: true });
      if (append) appendFileSync(file, text);
      else writeFileSync(file, text);
      written.push(file);
      return `${shownBase}/${name}`;
    };
  }
  const showOnly = options.showOnly?.map((p) => (isAbsolute(p) ? relative(chartDir, p) : p));
  const output = dialect.templateOutput(files, {
    chartName: tree.metadata.name,
    chartDir,
    crds,
    write,
    options: {
      showOnly,
      notes: options.notes,
      includeCrds: options.includeCrds,
      skipTests: options.skipTests,
      noHooks: options.noHooks,
    },
  });
  let rendered: RenderedChart | undefined;
  return {
    output,
    written,
    files,
    get rendered(): RenderedChart {
      rendered ??= extractNotes(files, tree.metadata.name, false, dialect.sortManifests);
      return rendered;
    },
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
