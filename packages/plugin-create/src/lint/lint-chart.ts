import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

import {
  DEFAULT_CHART_SIZE_LIMITS,
  goPathError,
  loadChartArchive,
  loadChartDirectory,
  readChartArchive,
  readChartDirectory,
  SizeBudget,
  stripBom,
} from '@helmts/chart';

import { Linter, Severity } from './linter.js';
import type { LintSettings, LintState, LintTarget } from './lint-target.js';
import { lintChartfile } from './rules/chartfile.js';
import { lintDependencies } from './rules/dependencies.js';
import { lintHelm2Chartfile } from './rules/helm2-chartfile.js';
import { lintHelm2Templates } from './rules/helm2-templates.js';
import { lintHelm2Values } from './rules/helm2-values.js';
import { lintTemplates } from './rules/templates.js';
import { lintValues } from './rules/values.js';

/** A path that is not a chart at all; Helm prints it as `Error <message>` and counts a failure. */
export class NotAChartError extends Error {}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Reads a chart directory or `.tgz` into what the rules look at. */
export async function readLintTarget(path: string, helm2 = true): Promise<LintTarget> {
  if (path.endsWith('.tgz') || path.endsWith('.tar.gz')) {
    // each Helm's words for an archive it cannot open or unpack
    const tarball = helm2 ? 'tar ball' : 'tarball';
    let data: Uint8Array;
    try {
      data = new Uint8Array(await readFile(path));
    } catch (error) {
      const opened = goPathError('open', path, error);
      throw new NotAChartError(`unable to open ${tarball}${helm2 ? ` ${path}` : ''}: ${opened}`, { cause: error });
    }
    let archive: ReturnType<typeof readChartArchive>;
    try {
      archive = readChartArchive(data, new SizeBudget(DEFAULT_CHART_SIZE_LIMITS));
    } catch (error) {
      // Go's gzip reader wants a 10-byte header before it can say the header is wrong
      const reason = data.length < 10 ? 'unexpected EOF' : (error as Error).message;
      throw new NotAChartError(`unable to extract ${tarball}: ${reason}`, { cause: error });
    }
    const { files, topFolder } = archive;
    const byName = new Map(files.map((f) => [f.name, stripBom(f.data)]));
    if (!byName.has('Chart.yaml'))
      throw new NotAChartError(`unable to check Chart.yaml file in chart: ${path} has no Chart.yaml`);
    return {
      path,
      dirName: topFolder,
      files: byName,
      chartYamlIsDirectory: false,
      hasTemplatesDir: files.some((f) => f.name.startsWith('templates/')),
      templatesIsFile: byName.has('templates'),
      load: (options) => loadChartArchive(data, options),
    };
  }
  const chartYaml = join(path, 'Chart.yaml');
  let chartYamlInfo;
  try {
    chartYamlInfo = await stat(chartYaml);
  } catch (error) {
    throw new NotAChartError(`unable to check Chart.yaml file in chart: ${goPathError('stat', chartYaml, error)}`, {
      cause: error,
    });
  }
  // the chart loader refuses a Chart.yaml directory; values.yaml is still linted then
  const files = chartYamlInfo.isDirectory()
    ? await readFile(join(path, 'values.yaml')).then(
        (data) => [{ name: 'values.yaml', data: new Uint8Array(data) }],
        () => [],
      )
    : readChartDirectory(path);
  const templates = await stat(join(path, 'templates')).catch(() => undefined);
  return {
    path,
    dirName: basename(resolve(path)),
    absoluteDir: resolve(path),
    files: new Map(files.map((f) => [f.name, f.data])),
    chartYamlIsDirectory: chartYamlInfo.isDirectory(),
    hasTemplatesDir: templates !== undefined,
    templatesIsFile: templates !== undefined && !templates.isDirectory(),
    load: (options) => loadChartDirectory(path, options),
  };
}

/** Runs every rule on one chart, in Helm's order: Helm 2.17's rules, or Helm v4.1.4's with the helm3 dialect. */
export async function lintChart(target: LintTarget, settings: LintSettings): Promise<Linter> {
  const linter = new Linter();
  const state: LintState = {};
  if ((settings.dialect ?? 'helm2') === 'helm2') {
    lintHelm2Chartfile(linter, target, settings);
    lintHelm2Values(linter, target);
    await lintHelm2Templates(linter, target, settings, state);
    return linter;
  }
  lintChartfile(linter, target, settings);
  let loadError: Error | undefined;
  if (!target.chartYamlIsDirectory) {
    try {
      state.chart = target.load();
    } catch (error) {
      loadError = error as Error;
    }
  }
  lintValues(linter, target, settings, state);
  if (loadError !== undefined) {
    if (target.hasTemplatesDir) linter.check(Severity.Error, 'templates/', loadError.message);
    else linter.check(Severity.Warning, 'templates/', 'directory does not exist');
    linter.check(Severity.Error, '', `unable to load chart\n\t${loadError.message}`);
    return linter;
  }
  await lintTemplates(linter, target, settings, state);
  lintDependencies(linter, state, target.path);
  return linter;
}

/** Subcharts under charts/ (directories and archives), for --with-subcharts. */
export async function subchartPaths(chartPath: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const dir = join(chartPath, 'charts');
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory() && (await exists(join(full, 'Chart.yaml'))))
      found.push(full, ...(await subchartPaths(full)));
    else if (entry.isFile() && entry.name.endsWith('.tgz')) found.push(full);
  }
  return found;
}
