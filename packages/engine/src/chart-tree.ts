/**
 * The chart tree an engine renders: structurally compatible with @helmts/chart's `Chart` after
 * dependency processing (disabled subcharts removed, aliases applied to metadata.name).
 */
export interface ChartFileLike {
  name: string;
  data: Uint8Array;
}

export interface ChartMetadataLike {
  name: string;
  version?: string;
  apiVersion?: string;
  appVersion?: string;
  description?: string;
  home?: string;
  icon?: string;
  sources?: string[];
  keywords?: string[];
  maintainers?: Array<{ name?: string; email?: string; url?: string }>;
  annotations?: Record<string, string>;
  kubeVersion?: string;
  condition?: string;
  tags?: string;
  deprecated?: boolean;
  type?: string;
  dependencies?: unknown[];
  /** Chart.yaml `engine` (Helm 2): which engine renders this chart; default `gotpl` */
  engine?: string;
}

export interface ChartTree {
  metadata: ChartMetadataLike;
  templates: ChartFileLike[];
  files: ChartFileLike[];
  crds?: ChartFileLike[];
  dependencies: ChartTree[];
}
