import { SizeBudget, type ArchiveLimits } from '@helmts/archive';

/** Size bounds for chart content. */
export type ChartSizeLimits = ArchiveLimits;

/** Helm's defaults: 100 MiB expanded in total, 5 MiB per file. */
export const DEFAULT_CHART_SIZE_LIMITS: ChartSizeLimits = {
  maxTotalBytes: 100 * 1024 * 1024,
  maxFileBytes: 5 * 1024 * 1024,
};

/** One budget shared by a chart and every archive nested in it, so nested archives cannot multiply it. */
export { SizeBudget };
