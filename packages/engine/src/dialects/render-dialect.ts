/**
 * A render dialect: which Helm a render reproduces. `helm3` renders exactly as Helm v4.1.4's
 * `helm template` (today's Helm); `helm2` exactly as Helm 2.17.0 (its `helm template` and its
 * Tiller). The dialect is chosen once per render and supplies everything that differs between the
 * two: the built-in objects (`.Release`, `.Capabilities`, `.Chart`, `.Subcharts`), Helm's own
 * template functions (toYaml keeps its newline in Helm 2, Helm 3's additions are absent), the
 * error texts, and how `helm template` splits, orders and prints the rendered files.
 */
import type { ReleaseOptions } from '../builtin-objects/release.js';
import type { ServerVersionInfo } from '../builtin-objects/helm2-capabilities.js';
import type { SortedManifests } from '../manifests/sort-manifests.js';
import type { EngineDialect, RenderedTemplates } from '../engine.js';
import type { ScopeObjectInputs } from './helm3-scope.js';

export type { ServerVersionInfo };

export type DialectName = 'helm2' | 'helm3';

export const DIALECT_NAMES: readonly DialectName[] = ['helm2', 'helm3'];

export interface DialectCapabilitiesOptions {
  /** `--kube-version` of `helm template` */
  kubeVersion?: string;
  /** `--api-versions` of `helm template`, or the cluster's discovery (with serverVersion) */
  apiVersions?: readonly string[];
  /** the cluster's version (Tiller): taken as it is */
  serverVersion?: ServerVersionInfo;
  /** the Tiller rendering (Helm 2's `.Capabilities.TillerVersion`); default: Helm 2.17.0's */
  tillerVersion?: { semVer: string; gitCommit: string; gitTreeState: string };
}

/** The texts of render errors (what the CLI prints after `Error: `). */
export interface DialectErrors extends Readonly<EngineDialect['errors']> {
  missingDependencies(names: readonly string[]): string;
  /** `--kube-version` that does not parse */
  invalidKubeVersion(value: string, err: unknown): string;
  /** a release name `helm template` refuses, undefined when it is fine */
  invalidReleaseName(name: string): string | undefined;
  /** --output-dir that does not exist (undefined: the dialect creates it) */
  missingOutputDir(dir: string): string | undefined;
  /** a chart path that cannot be read (`chart` as the user gave it; `error` from stat) */
  chartNotFound(chart: string, error: unknown): string;
}

/** What `helm template` prints and which rendered files it prints. */
export interface DialectTemplateOutputOptions {
  /** --show-only (Helm 4) / -x, --execute (Helm 2): template paths relative to the chart */
  showOnly?: string[];
  notes?: boolean;
  includeCrds?: boolean;
  skipTests?: boolean;
  noHooks?: boolean;
}

/** One file written by `helm template --output-dir`; `append` when an earlier document created it. */
type TemplateFileWriter = (name: string, text: string, append: boolean) => string;

export interface TemplateOutputContext {
  /** the root chart's name (its NOTES.txt is `<name>/templates/NOTES.txt`) */
  chartName: string;
  /** the chart's absolute directory (Helm 2 names it in -x errors) */
  chartDir: string;
  crds: Array<{ filename: string; content: string }>;
  options: DialectTemplateOutputOptions;
  /** with --output-dir: writes one file and returns its path */
  write?: TemplateFileWriter;
}

export interface RenderDialect extends EngineDialect {
  readonly name: DialectName;
  /** the Helm this dialect reproduces, for messages and docs */
  readonly reproduces: string;
  /** `.Release.Revision` under `helm template` (Helm 2: 0, Helm 4: 1) */
  readonly templateRevision: number;
  /** whose CoalesceValues builds `.Values` (Helm 2 drops every user null where a chart's values meet it) */
  readonly valuesCoalescing: 'helm2' | 'helm4';
  releaseObject(options: ReleaseOptions): Record<string, unknown>;
  capabilities(options: DialectCapabilitiesOptions): unknown;
  /** the top-level objects of one chart's templates (`.Template` is added per file) */
  scopeObjects(input: ScopeObjectInputs): Record<string, unknown>;
  readonly errors: DialectErrors;
  /** documents of the rendered files: hooks and kind-sorted manifests (Tiller's view) */
  sortManifests(files: Map<string, string>): SortedManifests;
  /**
   * What `helm template` prints for the rendered files (stdout), or, with `write`, the files it
   * writes to --output-dir (then the result is what it prints about them).
   */
  templateOutput(files: RenderedTemplates, context: TemplateOutputContext): string;
  /** whether `helm template` checks the chart's `kubeVersion` range (Helm 2's does not) */
  readonly templateChecksKubeVersion: boolean;
  /** whether a deprecated chart gets a warning (Helm 2 says nothing) */
  readonly warnsDeprecatedCharts: boolean;
}
