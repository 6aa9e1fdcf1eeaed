import type { Metadata } from '../model.js';
import { ChartLoadError, loadChartYaml } from '../loader/load-files.js';
import { DEFAULT_CHART_SIZE_LIMITS, SizeBudget, type ChartSizeLimits } from './limits.js';
import { readChartArchiveFiles } from './read-chart-archive.js';

/**
 * The Chart.yaml of a chart archive, without loading the rest of the chart (what indexing a
 * repository and listing dependencies need). The archive is checked as `loadChartArchive` checks it.
 */
export function readChartArchiveMetadata(archive: Uint8Array, limits: Partial<ChartSizeLimits> = {}): Metadata {
  const files = readChartArchiveFiles(archive, new SizeBudget({ ...DEFAULT_CHART_SIZE_LIMITS, ...limits }));
  const chartYaml = files.find((f) => f.name === 'Chart.yaml');
  if (!chartYaml) throw new ChartLoadError('Chart.yaml file is missing', 'Chart.yaml');
  const metadata = loadChartYaml(chartYaml);
  if (!metadata.name) throw new ChartLoadError('chart.metadata.name is required', 'Chart.yaml', 'name');
  if (!metadata.version) throw new ChartLoadError('chart.metadata.version is required', 'Chart.yaml', 'version');
  return metadata;
}
