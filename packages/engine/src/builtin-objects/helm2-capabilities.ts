/**
 * `.Capabilities` as Helm 2.17.0 fills it (chartutil.Capabilities): `KubeVersion` is
 * k8s.io/apimachinery's version.Info (String() on the value, so it prints its GitVersion
 * everywhere), `APIVersions` a VersionSet map with `Has`, and `TillerVersion` the Tiller's
 * version.Version. There is no `HelmVersion`.
 */
import { helm2DefaultApiVersions } from './helm2-default-api-versions.js';
import { GoStructJSON } from './go-struct-json.js';

/** The API server's version.Info (`/version`); only major, minor and gitVersion are required. */
export interface ServerVersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit?: string;
  gitTreeState?: string;
  buildDate?: string;
  goVersion?: string;
  compiler?: string;
  platform?: string;
}

/** k8s.io/apimachinery/pkg/version.Info, fields in Go's order. */
export class Helm2KubeVersion {
  static readonly goTypeName = '*version.Info';
  constructor(
    readonly Major: string,
    readonly Minor: string,
    readonly GitVersion: string,
    readonly GitCommit = '',
    readonly GitTreeState = '',
    readonly BuildDate = '',
    readonly GoVersion = '',
    readonly Compiler = '',
    readonly Platform = '',
  ) {}

  String(): string {
    return this.GitVersion;
  }

  toGoJSON(): GoStructJSON {
    return new GoStructJSON({
      major: this.Major,
      minor: this.Minor,
      gitVersion: this.GitVersion,
      gitCommit: this.GitCommit,
      gitTreeState: this.GitTreeState,
      buildDate: this.BuildDate,
      goVersion: this.GoVersion,
      compiler: this.Compiler,
      platform: this.Platform,
    });
  }
}

/** Helm 2's chartutil.VersionSet (a map[string]interface{} with a Has method). */
export class Helm2VersionSet {
  static readonly goTypeName = 'chartutil.VersionSet';
  private readonly members: Set<string>;
  constructor(list: readonly string[]) {
    this.members = new Set(list);
  }

  Has(apiVersion: string): boolean {
    return this.members.has(apiVersion);
  }

  toGoJSON(): Record<string, Record<string, never>> {
    const out: Record<string, Record<string, never>> = {};
    for (const k of [...this.members].sort()) out[k] = {};
    return out;
  }

  String(): string {
    return `map[${[...this.members]
      .sort()
      .map((k) => `${k}:{}`)
      .join(' ')}]`;
  }
}

/** hapi/version.Version of the Tiller (or, under `helm template`, of the client). */
export class TillerVersion {
  static readonly goTypeName = '*version.Version';
  constructor(
    readonly SemVer = 'v2.17.0',
    readonly GitCommit = 'a690bad98af45b015bd3da1a41f6218b1a451dbe',
    readonly GitTreeState = 'clean',
  ) {}

  /** protobuf's compact text form */
  String(): string {
    return `sem_ver:"${this.SemVer}" git_commit:"${this.GitCommit}" git_tree_state:"${this.GitTreeState}" `;
  }

  toGoJSON(): GoStructJSON {
    const out: Record<string, string> = {};
    if (this.SemVer) out.sem_ver = this.SemVer;
    if (this.GitCommit) out.git_commit = this.GitCommit;
    if (this.GitTreeState) out.git_tree_state = this.GitTreeState;
    return new GoStructJSON(out);
  }
}

export class Helm2Capabilities {
  static readonly goTypeName = '*chartutil.Capabilities';
  constructor(
    readonly APIVersions: Helm2VersionSet,
    readonly KubeVersion: Helm2KubeVersion,
    readonly TillerVersion: TillerVersion,
  ) {}
}

export interface Helm2CapabilitiesOptions {
  /**
   * `helm template --kube-version`: parsed as semver, only major and minor count (GitVersion
   * becomes `vMAJOR.MINOR.0`). Tiller passes the cluster's GitVersion instead (`serverVersion`).
   */
  kubeVersion?: string;
  /** the cluster's version (Tiller): taken as it is */
  serverVersion?: ServerVersionInfo;
  /** the Tiller's version (default Helm 2.17.0's) */
  tillerVersion?: { semVer: string; gitCommit: string; gitTreeState: string };
  /** `helm template --api-versions`: replaces the default set (plus `v1`); Tiller: discovery */
  apiVersions?: readonly string[];
}

/** Helm 2.17.0's DefaultKubeVersion, built with the oracle's Go. */
const DEFAULT_KUBE = { major: '1', minor: '14', gitVersion: 'v1.14.0' };
const GO_VERSION = 'go1.26.8';

/** Go semver's NewVersion for --kube-version (`1.30`, `v1.30.0`, `1.30.2-x`). */
function parseKubeSemver(version: string): { major: number; minor: number } {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.exec(version.trim());
  if (!m) throw new Error(`could not parse a kubernetes version: Invalid Semantic Version`);
  return { major: Number(m[1]), minor: Number(m[2] ?? 0) };
}

export function makeHelm2Capabilities(options: Helm2CapabilitiesOptions = {}): Helm2Capabilities {
  const server = options.serverVersion;
  const tiller = options.tillerVersion
    ? new TillerVersion(
        options.tillerVersion.semVer,
        options.tillerVersion.gitCommit,
        options.tillerVersion.gitTreeState,
      )
    : new TillerVersion();
  if (server) {
    // Tiller: the server's version.Info and discovery, as they are
    return new Helm2Capabilities(
      new Helm2VersionSet(options.apiVersions ?? []),
      new Helm2KubeVersion(
        server.major,
        server.minor,
        server.gitVersion,
        server.gitCommit ?? '',
        server.gitTreeState ?? '',
        server.buildDate ?? '',
        server.goVersion ?? '',
        server.compiler ?? '',
        server.platform ?? '',
      ),
      tiller,
    );
  }
  let kube = DEFAULT_KUBE;
  if (options.kubeVersion) {
    const { major, minor } = parseKubeSemver(options.kubeVersion);
    kube = { major: String(major), minor: String(minor), gitVersion: `v${major}.${minor}.0` };
  }
  const apis =
    options.apiVersions && options.apiVersions.length > 0 ? [...options.apiVersions, 'v1'] : helm2DefaultApiVersions;
  return new Helm2Capabilities(
    new Helm2VersionSet(apis),
    new Helm2KubeVersion(kube.major, kube.minor, kube.gitVersion, '', '', '', GO_VERSION, 'gc', 'linux/amd64'),
    tiller,
  );
}
