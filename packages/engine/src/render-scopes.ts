/**
 * What each chart's templates see (Helm's recAllTpls): `.Chart` (metadata map + IsRoot), `.Files`,
 * `.Release` and `.Capabilities` (shared), `.Values` (the root's values, or the parent's
 * `.Values.<subchart name>` table for a subchart, {} when absent), `.Subcharts` (each subchart's
 * objects by name).
 */
import type { ChartTree } from './chart-tree.js';
import type { ChartScope } from './engine.js';
import { makeChartObject } from './builtin-objects/chart-object.js';
import { makeChartFiles } from './builtin-objects/chart-files.js';

function isMap(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export interface ScopeInputs {
  /** the coalesced values of the whole tree (the root chart's `.Values`) */
  values: Record<string, unknown>;
  release: Record<string, unknown>;
  capabilities: unknown;
}

export function buildScopes(root: ChartTree, inputs: ScopeInputs): ChartScope[] {
  const scopes: ChartScope[] = [];
  const visit = (
    chart: ChartTree,
    path: string,
    parentValues: Record<string, unknown> | null,
  ): Record<string, unknown> => {
    const isRoot = parentValues === null;
    let values: Record<string, unknown>;
    if (isRoot) values = inputs.values;
    else {
      const section = parentValues[chart.metadata.name];
      values = isMap(section) ? section : {};
    }
    const subcharts: Record<string, unknown> = {};
    const objects: Record<string, unknown> = {
      Chart: makeChartObject(chart.metadata, isRoot),
      Files: makeChartFiles(chart.files),
      Release: inputs.release,
      Capabilities: inputs.capabilities,
      Values: values,
      Subcharts: subcharts,
    };
    const scope: ChartScope = { chart, path, objects, isRoot };
    scopes.push(scope);
    for (const dep of chart.dependencies) {
      subcharts[dep.metadata.name] = visit(dep, `${path}/charts/${dep.metadata.name}`, values);
    }
    return objects;
  };
  visit(root, root.metadata.name, null);
  return scopes;
}
