/**
 * `.Release`: a map in Helm 4 (so `.Release.unknown` is empty, not an error). helmts keeps Helm 2's
 * `.Release.Time` (a protobuf Timestamp with Seconds and Nanos), which Helm 4 dropped.
 */
export class ReleaseTimestamp {
  static readonly goTypeName = '*timestamp.Timestamp';
  readonly Seconds: bigint;
  readonly Nanos: bigint;
  constructor(date: Date) {
    const ms = date.getTime();
    this.Seconds = BigInt(Math.floor(ms / 1000));
    this.Nanos = BigInt((ms % 1000) * 1_000_000);
  }

  /** protobuf's text form, as Helm 2 printed `{{ .Release.Time }}` */
  String(): string {
    return `seconds:${this.Seconds} nanos:${this.Nanos}`;
  }
}

export interface ReleaseOptions {
  name: string;
  namespace: string;
  revision?: number;
  isUpgrade?: boolean;
  /** defaults to !isUpgrade */
  isInstall?: boolean;
  /** `Helm` like Helm 3+/4 (what the corpus expects); Helm 2 said `Tiller` */
  service?: string;
  time?: Date;
}

export function makeReleaseObject(options: ReleaseOptions): Record<string, unknown> {
  const isUpgrade = options.isUpgrade ?? false;
  return {
    Name: options.name,
    Namespace: options.namespace,
    IsUpgrade: isUpgrade,
    IsInstall: options.isInstall ?? !isUpgrade,
    Revision: BigInt(options.revision ?? 1),
    Service: options.service ?? 'Helm',
    Time: new ReleaseTimestamp(options.time ?? new Date()),
  };
}
