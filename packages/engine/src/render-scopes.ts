/**
 * What each chart's templates see (Helm's recAllTpls): `.Chart` (metadata map + IsRoot), `.Files`,
 * `.Release` and `.Capabilities` (shared), `.Values` (the root's values, or the parent's
 * `.Values.<subchart name>` table for a subchart, {} when absent), `.Subcharts` (each subchart's
 * objects by name).
 */
import type { ChartTree } from './chart-tree.js';
import type { ChartScope } from './engine.js';
import { helm3ScopeObjects, type ScopeObjectInputs } from './dialects/helm3-scope.js';

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
  /** the dialect's top-level objects (`.Chart`, `.Files`, ...); default helm3's */
  dialect?: { scopeObjects(input: ScopeObjectInputs): Record<string, unknown> };
}

export function buildScopes(root: ChartTree, inputs: ScopeInputs): ChartScope[] {
  const scopes: ChartScope[] = [];
  const dialect = inputs.dialect ?? { scopeObjects: helm3ScopeObjects };
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
    const objects = dialect.scopeObjects({
      metadata: chart.metadata,
      isRoot,
      files: chart.files,
      release: inputs.release,
      capabilities: inputs.capabilities,
      values,
      subcharts,
    });
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
