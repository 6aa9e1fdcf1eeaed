/** The kinds chart references resolve through: what is asked for, where it is, and a source of charts. */
import type { DownloadOptions, SchemeGetters, TransportOptions } from '../http/download.js';
import type { Verification } from '../provenance/verify-chart-archive.js';
import type { RepositoryPaths } from '../repository-paths.js';

/** What `install`/`upgrade`/`fetch` know about the chart they were asked for. */
export interface ChartRequest {
  home: RepositoryPaths;
  /** Version or constraint (`--version`). */
  version?: string;
  /** Allow prereleases when no version is given (`--devel`). */
  devel?: boolean;
  /** `--repo URL`: look the chart up in this repository instead of the configured ones. */
  repoUrl?: string;
  /** `--username`, `--password`, `--ca-file`, ...: for `--repo` and for plain URLs. */
  transport?: TransportOptions;
  /** Where downloaded archives go (default: HELMTS_HOME/cache/archive). */
  destination?: string;
  onProgress?: DownloadOptions['onProgress'];
  /** Fetchers for schemes beyond http(s) (downloader plugins), for indexes and archives alike. */
  getters?: SchemeGetters;
  /**
   * Helm 2's provenance modes: 'fetch' (`fetch --prov`) also downloads `<chart URL>.prov` beside
   * the archive, a missing one being a warning; 'verify' (`--verify`) needs it and checks the
   * archive against it with `keyring`, a local archive included; a chart that fails is removed.
   */
  provenance?: 'fetch' | 'verify';
  /** The public keyring for 'verify' (default: Helm 2's $HOME/.gnupg/pubring.gpg). */
  keyring?: string;
  /** Lines for the user that are not errors (Helm 2 prints them on stdout). */
  onWarning?: (line: string) => void;
}

/** Where a chart can be downloaded from, before downloading it. */
export interface ChartLocation {
  url: string;
  transport: TransportOptions;
  name?: string;
  version?: string;
  /** Hex sha256 the index promises for the archive; checked after download. */
  digest?: string;
  /** The configured repository it came from, if any. */
  repository?: string;
}

/** A chart on local disk, ready to load. */
export interface ResolvedChart {
  path: string;
  kind: 'archive' | 'directory';
  /** Which ChartSource produced it ('local', 'repository', 'url', or a later kind such as 'oci'). */
  source: string;
  url?: string;
  name?: string;
  version?: string;
  digest?: string;
  repository?: string;
  /** The provenance check that passed ('verify'), or the .prov file downloaded beside it ('fetch'). */
  verification?: Verification;
  provenancePath?: string;
}

/**
 * One kind of place charts come from. Sources are tried in order and the first that accepts
 * a reference resolves it; an OCI registry is one more source placed before `url` (which takes
 * every `scheme://host/...` reference, so that an unknown scheme is reported as such).
 */
export interface ChartSource {
  readonly kind: string;
  accepts(reference: string, request: ChartRequest): Promise<boolean>;
  /** Where the chart would be downloaded from; undefined for charts already on disk. */
  locate(reference: string, request: ChartRequest): Promise<ChartLocation | undefined>;
  resolve(reference: string, request: ChartRequest): Promise<ResolvedChart>;
}
