// The chart library's archive limits, applied to the chart a client sends (a hapi.chart.Chart
// message, already bounded by the 20 MiB gRPC limit): per-file and total bytes, number of files,
// and how deep dependencies nest, so a hostile message cannot make rendering blow up.
import { DEFAULT_CHART_SIZE_LIMITS } from '@helmts/chart';
import type { Chart } from '@helmts/proto';
import { InvalidArgumentError } from '../actions/action-errors.js';

export interface ChartMessageLimits {
  maxTotalBytes: number;
  maxFileBytes: number;
  maxFiles: number;
  maxDependencyDepth: number;
}

const DEFAULT_CHART_MESSAGE_LIMITS: ChartMessageLimits = {
  ...DEFAULT_CHART_SIZE_LIMITS,
  maxFiles: 10_000,
  maxDependencyDepth: 20,
};

export function checkChartMessage(
  chart: Chart | null | undefined,
  limits: ChartMessageLimits = DEFAULT_CHART_MESSAGE_LIMITS,
): void {
  if (!chart) return;
  let total = 0;
  let files = 0;
  const visit = (c: Chart, depth: number, path: string) => {
    if (depth > limits.maxDependencyDepth)
      throw new InvalidArgumentError(
        `chart ${path}: dependencies nest deeper than ${limits.maxDependencyDepth} levels`,
      );
    const add = (name: string, bytes: number) => {
      files++;
      total += bytes;
      if (bytes > limits.maxFileBytes)
        throw new InvalidArgumentError(
          `chart ${path}: file "${name}" is ${bytes} bytes, over the limit of ${limits.maxFileBytes}`,
        );
      if (files > limits.maxFiles) throw new InvalidArgumentError(`chart ${path}: more than ${limits.maxFiles} files`);
      if (total > limits.maxTotalBytes)
        throw new InvalidArgumentError(`chart ${path}: over ${limits.maxTotalBytes} bytes in total`);
    };
    for (const t of c.templates ?? []) add(t.name, t.data?.length ?? 0);
    for (const f of c.files ?? []) add(f.type_url, f.value?.length ?? 0);
    add('values.yaml', Buffer.byteLength(c.values?.raw ?? ''));
    for (const d of c.dependencies ?? []) visit(d, depth + 1, `${path}/charts/${d.metadata?.name ?? '?'}`);
  };
  visit(chart, 0, chart.metadata?.name || '(unnamed)');
}
