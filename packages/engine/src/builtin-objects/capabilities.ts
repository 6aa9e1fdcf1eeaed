/**
 * `.Capabilities` as Helm 4 fills it for `helm template` (Go structs, so field access on a missing
 * name is an error): KubeVersion, APIVersions (a string list with a `Has` method), HelmVersion.
 */
import { defaultApiVersions } from './default-api-versions.js';

/** The JSON form of common.KubeVersion: its exported fields in declaration order. */
class KubeVersionJSON {
  constructor(
    readonly Version: string,
    readonly Major: string,
    readonly Minor: string,
  ) {}
}

/**
 * Go's common.KubeVersion: fields Version, normalizedVersion (unexported), Major, Minor; methods
 * String() and GitVersion() on the pointer, so `{{ .Capabilities.KubeVersion }}` prints the
 * version while fmt of the value (`printf "%v"`, `toString`) prints the struct.
 */
export class KubeVersion {
  static readonly goTypeName = 'common.KubeVersion';
  static readonly goPointerMethods: readonly string[] = ['String', 'GitVersion'];
  // field order is Go's, for %v: {Version normalizedVersion Major Minor}
  readonly Version: string;
  readonly normalizedVersion: string;
  readonly Major: string;
  readonly Minor: string;
  constructor(version: string, major: string, minor: string) {
    this.Version = version;
    this.normalizedVersion = version;
    this.Major = major;
    this.Minor = minor;
  }

  GitVersion(): string {
    return this.Version;
  }

  String(): string {
    return this.Version;
  }

  toGoJSON(): KubeVersionJSON {
    return new KubeVersionJSON(this.Version, this.Major, this.Minor);
  }

  /** Parses `v1.30.0`, `1.30`, `1.30.2-gke.1` like k8s.io/apimachinery's ParseGeneric. */
  static parse(version: string): KubeVersion {
    const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(.*)$/.exec(version.trim());
    if (!m) throw new Error(`could not parse "${version}" as version`);
    const gitVersion = version.startsWith('v') ? version : `v${version}`;
    return new KubeVersion(gitVersion, String(Number(m[1])), String(Number(m[2])));
  }
}

/**
 * Go's common.VersionSet ([]string with a Has method). Still a struct here: the liquid engine
 * reaches `Has` through a drop that it builds for structs only. gotemplate supports methods on
 * arrays (non-enumerable own functions), so this can become `string[] & {Has}` (range, len and
 * index like Helm) once liquid's toLiquidObject wraps such arrays too.
 */
export class VersionSet {
  static readonly goTypeName = 'common.VersionSet';
  private readonly members: Set<string>;
  constructor(private readonly list: readonly string[]) {
    this.members = new Set(list);
  }

  Has(apiVersion: string): boolean {
    return this.members.has(apiVersion);
  }

  toGoJSON(): string[] {
    return [...this.list];
  }

  String(): string {
    return `[${this.list.join(' ')}]`;
  }
}

export function versionSet(list: readonly string[]): VersionSet {
  return new VersionSet(list);
}

/** Go's version.BuildInfo as Helm v4.1.4 reports it. */
export class HelmBuildInfo {
  static readonly goTypeName = 'version.BuildInfo';
  constructor(
    readonly Version = 'v4.1.4',
    readonly GitCommit = '05fa37973dc9e42b76e1d2883494c87174b6074f',
    readonly GitTreeState = 'clean',
    readonly GoVersion = 'go1.25.9',
    readonly KubeClientVersion = 'v1.35',
  ) {}
}

export class Capabilities {
  static readonly goTypeName = '*common.Capabilities';
  constructor(
    readonly KubeVersion: KubeVersion,
    readonly APIVersions: VersionSet,
    readonly HelmVersion: HelmBuildInfo,
  ) {}
}

export interface CapabilitiesOptions {
  /** `--kube-version`; Helm 4's default is v1.35.0 (client-go v0.35 + 1 major). */
  kubeVersion?: string;
  /** `--api-versions`: added to the default set (Helm 4 semantics). */
  apiVersions?: readonly string[];
}

export function makeCapabilities(options: CapabilitiesOptions = {}): Capabilities {
  const kube = KubeVersion.parse(options.kubeVersion ?? 'v1.35.0');
  const apis = [...defaultApiVersions, ...(options.apiVersions ?? [])];
  return new Capabilities(kube, versionSet(apis), new HelmBuildInfo());
}
