import type { Chart, LoadChartOptions, ValuesTable } from '@helmts/chart';

/** What the rules look at: one chart, read from a directory or an archive. */
export interface LintTarget {
  /** Path as given on the command line. */
  path: string;
  /** Directory name (or the archive's top folder), compared with the chart's name by Helm 2. */
  dirName: string;
  /** The chart directory, absolute (an archive has none). */
  absoluteDir?: string;
  /** Chart-relative path → bytes, after .helmignore. */
  files: Map<string, Uint8Array>;
  /** Whether Chart.yaml is a directory (only possible for directories). */
  chartYamlIsDirectory: boolean;
  /** Whether templates/ exists. */
  hasTemplatesDir: boolean;
  /** Whether templates/ exists and is not a directory. */
  templatesIsFile: boolean;
  /** Loads the chart with the chart library (throws what the loader throws). */
  load: (options?: LoadChartOptions) => Chart;
}

export interface LintSettings {
  /** Values from -f/--set..., merged in Helm's order. */
  userValues: ValuesTable;
  namespace: string;
  kubeVersion?: string;
  /** Known template engines (Chart.yaml `engine`). */
  engines: readonly string[];
  /**
   * Which Helm's rules and rendering: helm2 (Helm 2.17.0's, as Tiller renders by default) or
   * helm3 (Helm v4.1.4's).
   */
  dialect?: 'helm2' | 'helm3';
  /** --strict: a liquid chart renders without its lenient `if`/`default` on unset values. */
  strict?: boolean;
  /** Receives what rendering in lint mode logs (Helm 2: a missing `required` value). */
  warn?: (message: string) => void;
}

/** What earlier rules found out, for the later ones. */
export interface LintState {
  chart?: Chart;
}
