/**
 * `.Release`: a map in both dialects (so `.Release.unknown` is empty, not an error). Helm 4's has
 * Name, Namespace, IsUpgrade, IsInstall, Revision and Service `Helm`; Helm 2's adds `Time` (a
 * protobuf Timestamp) and says Service `Tiller`.
 */
import { GoStructJSON } from './go-struct-json.js';

export class ReleaseTimestamp {
  static readonly goTypeName = '*timestamp.Timestamp';
  readonly Seconds: bigint;
  readonly Nanos: bigint;
  constructor(date: Date) {
    const ms = date.getTime();
    this.Seconds = BigInt(Math.floor(ms / 1000));
    this.Nanos = BigInt((((ms % 1000) + 1000) % 1000) * 1_000_000);
  }

  /** protobuf's compact text form, as Helm 2 prints `{{ .Release.Time }}`: zero fields are left out */
  String(): string {
    let s = '';
    if (this.Seconds !== 0n) s += `seconds:${this.Seconds} `;
    if (this.Nanos !== 0n) s += `nanos:${this.Nanos} `;
    return s;
  }

  toGoJSON(): GoStructJSON {
    const out: Record<string, bigint> = {};
    if (this.Seconds !== 0n) out.seconds = this.Seconds;
    if (this.Nanos !== 0n) out.nanos = this.Nanos;
    return new GoStructJSON(out);
  }
}

export interface ReleaseOptions {
  name: string;
  namespace: string;
  revision?: number;
  isUpgrade?: boolean;
  /** defaults to !isUpgrade */
  isInstall?: boolean;
  /** overrides the dialect's (`Helm` for Helm 4, `Tiller` for Helm 2) */
  service?: string;
  /** Helm 2's `.Release.Time` (default: now); Helm 4 has none */
  time?: Date;
}

/** Helm 4's `.Release`. */
export function makeReleaseObject(options: ReleaseOptions): Record<string, unknown> {
  const isUpgrade = options.isUpgrade ?? false;
  return {
    Name: options.name,
    Namespace: options.namespace,
    IsUpgrade: isUpgrade,
    IsInstall: options.isInstall ?? !isUpgrade,
    Revision: BigInt(options.revision ?? 1),
    Service: options.service ?? 'Helm',
  };
}

/** Helm 2's `.Release` (chartutil.ToRenderValuesCaps). */
export function makeHelm2ReleaseObject(options: ReleaseOptions): Record<string, unknown> {
  const isUpgrade = options.isUpgrade ?? false;
  return {
    Name: options.name,
    Time: new ReleaseTimestamp(options.time ?? new Date()),
    Namespace: options.namespace,
    IsUpgrade: isUpgrade,
    IsInstall: options.isInstall ?? !isUpgrade,
    Revision: BigInt(options.revision ?? 0),
    Service: options.service ?? 'Tiller',
  };
}
