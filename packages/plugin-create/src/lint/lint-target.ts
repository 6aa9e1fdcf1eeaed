import type { Chart, ValuesTable } from '@helmts/chart';

/** What the rules look at: one chart, read from a directory or an archive. */
export interface LintTarget {
  /** Path as given on the command line. */
  path: string;
  /** Directory name (or archive's chart folder name), compared with the chart's name. */
  dirName: string;
  /** Chart-relative path → bytes, after .helmignore. */
  files: Map<string, Uint8Array>;
  /** Whether Chart.yaml is a directory (only possible for directories). */
  chartYamlIsDirectory: boolean;
  /** Whether templates/ exists. */
  hasTemplatesDir: boolean;
  /** Loads the chart with the chart library (throws what the loader throws). */
  load: () => Chart;
}

export interface LintSettings {
  /** Values from -f/--set..., merged in Helm's order. */
  userValues: ValuesTable;
  namespace: string;
  kubeVersion?: string;
  /** Known template engines (Chart.yaml `engine`). */
  engines: readonly string[];
  /** How templates render: helm2 (Helm 2.17.0, as Tiller renders by default) or helm3 (Helm v4.1.4). */
  dialect?: 'helm2' | 'helm3';
}

/** What earlier rules found out, for the later ones. */
export interface LintState {
  chart?: Chart;
}
