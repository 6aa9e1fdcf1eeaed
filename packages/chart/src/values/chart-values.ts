import type { Chart } from '../model.js';
import { processDependencies } from '../dependencies/process-dependencies.js';
import { assertValuesMatchSchemas } from '../schema/validate-values-schema.js';
import { coalesceValues, type WarningSink } from './coalesce.js';
import { getKey, isTable, newTable, type ValuesTable } from './go-map.js';

export interface ResolveValuesOptions {
  skipSchemaValidation?: boolean;
  onWarning?: WarningSink;
  /** coalesce as Helm 2.17 did (see CoalesceOptions.helm2) */
  helm2?: boolean;
}

export interface ResolvedChartValues {
  /** The chart tree to render: aliases applied, disabled subcharts removed, imports folded in. */
  chart: Chart;
  /** The top chart's `.Values`; each subchart's `.Values` is found under its name (see walkChartValues). */
  values: ValuesTable;
}

/**
 * What Helm does between loading a chart and rendering it: ProcessDependencies with the
 * user values, CoalesceValues, then values.schema.json validation (every chart in the tree).
 */
export function resolveChartValues(
  chart: Chart,
  userValues: ValuesTable | null | undefined,
  opts: ResolveValuesOptions = {},
): ResolvedChartValues {
  const processed = processDependencies(chart, userValues, { onWarning: opts.onWarning, helm2: opts.helm2 });
  const values = coalesceValues(processed, userValues, { onWarning: opts.onWarning, helm2: opts.helm2 });
  if (!opts.skipSchemaValidation) assertValuesMatchSchemas(processed, values);
  return { chart: processed, values };
}

export interface ScopedChart {
  chart: Chart;
  /** The chart's `.Values`: the parent's values under the subchart's name (top chart: everything). */
  values: ValuesTable;
  /** Helm's ChartFullPath: `top/charts/sub/charts/subsub`. Template names start with it. */
  fullPath: string;
  parent?: ScopedChart;
}

/** Visits the chart tree depth-first (parent before subcharts) with each chart's scoped values. */
export function walkChartValues(
  chart: Chart,
  values: ValuesTable,
  visit: (scoped: ScopedChart) => void,
  parent?: ScopedChart,
): void {
  const fullPath = parent ? `${parent.fullPath}/charts/${chart.metadata.name}` : chart.metadata.name;
  const scoped: ScopedChart = { chart, values, fullPath, parent };
  visit(scoped);
  for (const sub of chart.dependencies) {
    const v = getKey(values, sub.metadata.name);
    walkChartValues(sub, isTable(v) ? v : newTable(), visit, scoped);
  }
}
