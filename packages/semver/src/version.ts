import type { SemverOptions } from './dialect.js';
import { SemverError } from './semver-error.js';

const VERSION =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const NUMERIC = /^[0-9]+$/;
const UINT64_MAX = (1n << 64n) - 1n;
const V15_SEGMENT_MAX = BigInt(Number.MAX_SAFE_INTEGER);

function parseSegment(text: string, dialect: 'v3' | 'v1.5', original: string): bigint {
  const n = BigInt(text);
  if (dialect === 'v3' && n > UINT64_MAX)
    throw new SemverError(`error parsing version segment: strconv.ParseUint: parsing "${text}": value out of range`);
  if (dialect === 'v1.5' && n > V15_SEGMENT_MAX) throw new SemverError(`invalid semantic version "${original}"`);
  return n;
}

/** A semantic version, read leniently as Masterminds does (`v1.2` is 1.2.0). */
export class Version {
  private constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly prerelease: string,
    readonly metadata: string,
    /** The text as given. */
    readonly original: string,
  ) {}

  static parse(text: string, opts: SemverOptions = {}): Version {
    const dialect = opts.dialect ?? 'v3';
    const m = VERSION.exec(dialect === 'v1.5' ? text.trim() : text);
    if (!m)
      throw new SemverError(dialect === 'v1.5' ? `invalid semantic version "${text}"` : 'invalid semantic version');
    const prerelease = m[5] ?? '';
    if (dialect === 'v3') {
      for (const part of prerelease ? prerelease.split('.') : []) {
        if (NUMERIC.test(part) && part.length > 1 && part[0] === '0')
          throw new SemverError('version segment starts with 0');
      }
    }
    return new Version(
      parseSegment(m[1], dialect, text),
      m[2] ? parseSegment(m[2].slice(1), dialect, text) : 0n,
      m[3] ? parseSegment(m[3].slice(1), dialect, text) : 0n,
      prerelease,
      m[8] ?? '',
      text,
    );
  }

  static tryParse(text: string, opts: SemverOptions = {}): Version | undefined {
    try {
      return Version.parse(text, opts);
    } catch {
      return undefined;
    }
  }

  /** -1, 0 or 1 by SemVer 2 precedence (build metadata ignored). */
  compare(other: Version): number {
    for (const [a, b] of [
      [this.major, other.major],
      [this.minor, other.minor],
      [this.patch, other.patch],
    ] as const) {
      if (a !== b) return a < b ? -1 : 1;
    }
    if (this.prerelease === other.prerelease) return 0;
    if (this.prerelease === '') return 1;
    if (other.prerelease === '') return -1;
    return comparePrerelease(this.prerelease, other.prerelease);
  }

  toString(): string {
    let s = `${this.major}.${this.minor}.${this.patch}`;
    if (this.prerelease) s += `-${this.prerelease}`;
    if (this.metadata) s += `+${this.metadata}`;
    return s;
  }
}

/** Numeric identifiers that do not fit a uint64 compare as text, as Masterminds compares them. */
function isNumericIdentifier(s: string): boolean {
  return NUMERIC.test(s) && BigInt(s) <= UINT64_MAX;
}

function comparePrereleasePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNum = isNumericIdentifier(s);
  const oNum = isNumericIdentifier(o);
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

/** Orders two prerelease strings (`alpha.1`); a shorter run of equal parts comes first. */
export function comparePrerelease(a: string, b: string): number {
  const ap = a.split('.');
  const bp = b.split('.');
  for (let i = 0; i < Math.max(ap.length, bp.length); i++) {
    const d = comparePrereleasePart(ap[i] ?? '', bp[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `text` parses as a version. */
export function isValidVersion(text: string, opts: SemverOptions = {}): boolean {
  return Version.tryParse(text, opts) !== undefined;
}

/** Sort comparator: highest version first; unparsable versions go last, in their original order. */
export function compareVersionStringsDescending(a: string, b: string, opts: SemverOptions = {}): number {
  const va = Version.tryParse(a, opts);
  const vb = Version.tryParse(b, opts);
  if (va && vb) return vb.compare(va);
  if (va) return -1;
  if (vb) return 1;
  return 0;
}
