/**
 * `helmts template` as a library: load a chart (directory or .tgz), merge user values, resolve
 * dependencies and coalesce values, render, and print like Helm 4's `helm template`.
 */
import { mkdirSync, appendFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import {
  loadChart,
  mergeValueSources,
  checkDependencies,
  resolveChartValues,
  isCompatibleRange,
  type Chart,
} from '@helmts/chart';
import { makeCapabilities, KubeVersion } from './builtin-objects/capabilities.js';
import { makeReleaseObject } from './builtin-objects/release.js';
import { renderChart, type RenderedChart } from './render-chart.js';
import { formatTemplateOutput, type CrdFile } from './template-output.js';
import { RenderError } from './engine.js';
import type { EngineRegistry } from './engine-registry.js';
import type { ChartTree } from './chart-tree.js';

export interface TemplateChartOptions {
  /** chart directory or archive */
  chart: string;
  releaseName?: string;
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
  registry?: EngineRegistry;
  /** receives Helm's log lines (e.g. the deprecation warning) */
  onWarning?: (message: string) => void;
  time?: Date;
}

export interface TemplateChartResult {
  /** what `helm template` prints on stdout */
  output: string;
  /** files written with outputDir */
  written: string[];
  rendered: RenderedChart;
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
  let kube: KubeVersion | undefined;
  if (options.kubeVersion) {
    try {
      kube = KubeVersion.parse(options.kubeVersion);
    } catch (e) {
      throw new RenderError(`invalid kube version '${options.kubeVersion}': ${(e as Error).message}`);
    }
  }
  const chart = loadChart(resolvePath(cwd, options.chart));
  const userValues = mergeValueSources({
    valueFiles: (options.valueFiles ?? []).map((f) => resolvePath(cwd, f)),
    set: options.set,
    setString: options.setString,
    setFile: options.setFile,
    setJson: options.setJson,
  });
  if (chart.metadata.dependencies && chart.metadata.dependencies.length > 0) checkDependencies(chart);
  if (chart.metadata.deprecated) options.onWarning?.('this chart is deprecated');
  const { chart: tree, values } = resolveChartValues(chart, userValues, {
    onWarning: (m: string) => options.onWarning?.(m),
  });

  const capabilities = makeCapabilities({ kubeVersion: kube?.Version, apiVersions: options.apiVersions });
  if (tree.metadata.kubeVersion && !isCompatibleRange(tree.metadata.kubeVersion, capabilities.KubeVersion.String())) {
    throw new RenderError(
      `chart requires kubeVersion: ${tree.metadata.kubeVersion} which is incompatible with Kubernetes ${capabilities.KubeVersion.Version}`,
    );
  }
  const releaseName = options.releaseName ?? 'release-name';
  const release = makeReleaseObject({
    name: releaseName,
    namespace: options.namespace ?? 'default',
    isUpgrade: options.isUpgrade ?? false,
    revision: 1,
    time: options.time,
  });
  const rendered = await renderChart(tree as unknown as ChartTree, {
    values,
    release,
    capabilities,
    registry: options.registry,
  });
  const crds = options.includeCrds ? crdFiles(tree, tree.metadata.name) : [];
  const notesPath = `${tree.metadata.name}/templates/NOTES.txt`;

  if (options.outputDir) {
    const baseDir = options.useReleaseName
      ? join(resolvePath(cwd, options.outputDir), releaseName)
      : resolvePath(cwd, options.outputDir);
    const written: string[] = [];
    const seen = new Set<string>();
    const write = (name: string, content: string): void => {
      const file = join(baseDir, name);
      mkdirSync(dirname(file), { recursive: true });
      const text = `---\n# Source: ${name}\n${content}\n`;
      if (seen.has(name)) appendFileSync(file, text);
      else writeFileSync(file, text);
      seen.add(name);
      written.push(file);
    };
    for (const crd of crds) write(crd.filename, crd.content);
    for (const m of rendered.manifests) write(m.name, m.content);
    if (!options.noHooks) {
      for (const h of rendered.hooks) {
        if (options.skipTests && h.events.includes('test')) continue;
        write(h.path, h.manifest);
      }
    }
    if (options.notes && rendered.notes.trim() !== '') write(notesPath, rendered.notes);
    return { output: written.map((f) => `wrote ${f}\n`).join(''), written, rendered };
  }

  const output = formatTemplateOutput(rendered, {
    includeCrds: options.includeCrds,
    crds,
    skipTests: options.skipTests,
    noHooks: options.noHooks,
    showOnly: options.showOnly,
    notes: options.notes,
    notesPath,
  });
  return { output, written: [], rendered };
}
