import { Version, type SemverOptions } from '@helmts/semver';

/** `*semver.Version` as templates see it: Masterminds v3's methods (`.Major`, `.Compare`, ...) over @helmts/semver's Version. */
export class SemverVersion {
  static goTypeName = '*semver.Version';

  private constructor(readonly version: Version) {}

  /** semver.NewVersion (coercing); `dialect: 'v1.5'` reads it as Helm 2's Sprig did */
  static parse(v: string, opts?: SemverOptions): SemverVersion {
    return new SemverVersion(Version.parse(v, opts));
  }

  Major = (): bigint => this.version.major;
  Minor = (): bigint => this.version.minor;
  Patch = (): bigint => this.version.patch;
  Prerelease = (): string => this.version.prerelease;
  Metadata = (): string => this.version.metadata;
  Original = (): string => this.version.original;
  String = (): string => this.version.toString();
  Compare = (o: SemverVersion): bigint => BigInt(this.version.compare(o.version));
  LessThan = (o: SemverVersion): boolean => this.version.compare(o.version) < 0;
  GreaterThan = (o: SemverVersion): boolean => this.version.compare(o.version) > 0;
  Equal = (o: SemverVersion): boolean => this.version.compare(o.version) === 0;

  toGoJSON(): string {
    return this.String();
  }
}
