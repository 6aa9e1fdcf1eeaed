import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

import {
  DEFAULT_CHART_SIZE_LIMITS,
  goPathError,
  loadChartArchive,
  loadChartDirectory,
  readChartArchiveFiles,
  readChartDirectory,
  SizeBudget,
} from '@helmts/chart';

import { Linter, Severity } from './linter.js';
import type { LintSettings, LintState, LintTarget } from './lint-target.js';
import { lintChartfile } from './rules/chartfile.js';
import { lintDependencies } from './rules/dependencies.js';
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
export async function readLintTarget(path: string): Promise<LintTarget> {
  if (path.endsWith('.tgz') || path.endsWith('.tar.gz')) {
    const data = new Uint8Array(await readFile(path));
    const files = readChartArchiveFiles(data, new SizeBudget(DEFAULT_CHART_SIZE_LIMITS));
    const byName = new Map(files.map((f) => [f.name, f.data]));
    if (!byName.has('Chart.yaml'))
      throw new NotAChartError(`unable to check Chart.yaml file in chart: ${path} has no Chart.yaml`);
    return {
      path,
      dirName: '',
      files: byName,
      chartYamlIsDirectory: false,
      hasTemplatesDir: files.some((f) => f.name.startsWith('templates/')),
      load: () => loadChartArchive(data),
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
  const files = chartYamlInfo.isDirectory() ? [] : readChartDirectory(path);
  return {
    path,
    dirName: basename(path),
    files: new Map(files.map((f) => [f.name, f.data])),
    chartYamlIsDirectory: chartYamlInfo.isDirectory(),
    hasTemplatesDir: await exists(join(path, 'templates')),
    load: () => loadChartDirectory(path),
  };
}

/** Runs every rule on one chart, in Helm's order. */
export async function lintChart(target: LintTarget, settings: LintSettings): Promise<Linter> {
  const linter = new Linter();
  const state: LintState = {};
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
