/** The `helm3` dialect's top-level objects of one chart's templates (Helm 4's recAllTpls). */
import type { ChartMetadataLike } from '../chart-tree.js';
import { makeChartObject } from '../builtin-objects/chart-object.js';
import { makeChartFiles } from '../builtin-objects/chart-files.js';

export interface ScopeObjectInputs {
  metadata: ChartMetadataLike;
  isRoot: boolean;
  /** the chart's non-template files */
  files: ReadonlyArray<{ name: string; data: Uint8Array }>;
  release: Record<string, unknown>;
  capabilities: unknown;
  values: Record<string, unknown>;
  subcharts: Record<string, unknown>;
}

export function helm3ScopeObjects(i: ScopeObjectInputs): Record<string, unknown> {
  return {
    Chart: makeChartObject(i.metadata, i.isRoot),
    Files: makeChartFiles(i.files),
    Release: i.release,
    Capabilities: i.capabilities,
    Values: i.values,
    Subcharts: i.subcharts,
  };
}
