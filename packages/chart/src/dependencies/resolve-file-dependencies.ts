import { resolve } from 'node:path';
import type { Chart } from '../model.js';
import { loadChart, type LoadChartOptions } from '../loader/load-chart.js';
import { isCompatibleRange } from '@helmts/semver';

/** A `file://` dependency that cannot be satisfied. */
export class FileDependencyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileDependencyError';
  }
}

/**
 * What `helm dependency build` does for `file://` repositories, in memory: every declared
 * dependency with a `file://<path>` repository that is not already in charts/ is loaded from
 * `<chartDir>/<path>` and attached, if its version satisfies the constraint.
 * Returns a new chart; the input is not modified.
 */
export function resolveFileDependencies(chart: Chart, chartDir: string, opts: LoadChartOptions = {}): Chart {
  const added: Chart[] = [];
  for (const d of chart.metadata.dependencies ?? []) {
    if (!d || !d.repository?.startsWith('file://')) continue;
    if (chart.dependencies.some((c) => c.metadata.name === d.name)) continue;
    const dir = resolve(chartDir, d.repository.slice('file://'.length));
    const sub = loadChart(dir, opts);
    if (sub.metadata.name !== d.name) {
      throw new FileDependencyError(
        `dependency ${JSON.stringify(d.name)} at ${d.repository} is a chart named ${JSON.stringify(sub.metadata.name)}`,
      );
    }
    if (d.version && !isCompatibleRange(d.version, sub.metadata.version)) {
      throw new FileDependencyError(
        `can't get a valid version for dependency ${d.name}: ${sub.metadata.version} does not satisfy ${d.version}`,
      );
    }
    added.push(sub);
  }
  return added.length === 0 ? chart : { ...chart, dependencies: [...chart.dependencies, ...added] };
}
