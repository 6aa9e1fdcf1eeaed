import type { ValuesTable } from './values/go-map.js';

/** One file of a chart; `name` is the chart-relative path with `/` separators. */
export interface ChartFile {
  name: string;
  data: Uint8Array;
}

export interface Maintainer {
  name?: string;
  email?: string;
  url?: string;
}

/** A dependency as declared in Chart.yaml (apiVersion v2) or requirements.yaml (v1). */
export interface Dependency {
  name: string;
  version?: string;
  repository: string;
  /** Comma-separated value paths; the first that resolves to a bool decides. */
  condition?: string;
  tags?: string[];
  /** Computed by processDependencies. */
  enabled?: boolean;
  /** Items are a string (`exports.<x>` imported at the root) or `{child, parent}`. */
  importValues?: unknown[];
  alias?: string;
}

/** Every Chart.yaml field Helm knows (apiVersion v1 and v2); unknown keys are dropped as Helm does. */
export interface Metadata {
  apiVersion: string;
  name: string;
  version: string;
  kubeVersion?: string;
  description?: string;
  type?: string;
  keywords?: string[];
  home?: string;
  sources?: string[];
  dependencies?: Dependency[];
  maintainers?: Maintainer[];
  icon?: string;
  appVersion?: string;
  deprecated?: boolean;
  annotations?: Record<string, string>;
  condition?: string;
  tags?: string;
  /** Helm 2 only: semver range of compatible Tiller versions. */
  tillerVersion?: string;
  /** Helm 2 only: template engine name (`gotpl`). */
  engine?: string;
}

/** Chart.lock (v2) or requirements.lock (v1). `generated` is kept as the RFC 3339 text. */
export interface Lock {
  generated: string;
  digest: string;
  dependencies: Dependency[];
}

export interface Chart {
  metadata: Metadata;
  /** Chart.lock / requirements.lock, when present. */
  lock?: Lock;
  /** Files under templates/. */
  templates: ChartFile[];
  /** values.yaml parsed with Helm's semantics ({} when absent). */
  values: ValuesTable;
  /** values.yaml verbatim (undefined when the chart has none). */
  rawValues?: string;
  /**
   * Why values.yaml could not be read (go-yaml's or the document reader's words), for a chart loaded
   * as Helm 2 loads it: Helm 2 keeps the text and fails only where it reads it (coalescing the
   * values to render: ChartValuesError), so `values` is then {}.
   */
  valuesError?: string;
  /** values.schema.json bytes, when present. */
  schema?: Uint8Array;
  /** Every other file (README, LICENSE, crds/, requirements.yaml for v1 charts, charts/*.prov...), reachable via .Files. */
  files: ChartFile[];
  /** Subset of `files`: crds/*.yaml|yml|json. */
  crds: ChartFile[];
  /** requirements.yaml as loaded (v1 charts); its dependencies are also in metadata.dependencies. */
  requirements?: { dependencies: Dependency[] };
  /** Loaded subcharts from charts/ (directories and archives), sorted by their entry name in charts/. */
  dependencies: Chart[];
}
