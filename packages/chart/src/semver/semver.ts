/**
 * Semantic versions as Helm 3/4 read them (Masterminds semver v3.4): versions are parsed
 * leniently (`v1`, `1.2` are accepted), constraints accept `||` alternatives, `,`/space
 * conjunctions, `=`, `!=`, `>`, `<`, `>=`, `<=`, `~`, `~>`, `^`, wildcards and hyphen ranges.
 * A prerelease version only satisfies an alternative that itself mentions a prerelease.
 */
export class SemverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SemverError';
  }
}

const LOOSE_VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const UINT64_MAX = (1n << 64n) - 1n;

function parseSegment(s: string): bigint {
  const n = BigInt(s);
  if (n > UINT64_MAX) throw new SemverError(`error parsing version segment: strconv.ParseUint: parsing "${s}": value out of range`);
  return n;
}

export class SemVersion {
  private constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly prerelease: string,
    readonly metadata: string,
    readonly original: string,
  ) {}

  static parse(text: string): SemVersion {
    const m = LOOSE_VERSION.exec(text);
    if (!m) throw new SemverError('invalid semantic version');
    const pre = m[5] ?? '';
    const meta = m[8] ?? '';
    for (const part of pre ? pre.split('.') : []) {
      if (/^[0-9]+$/.test(part) && part.length > 1 && part[0] === '0') throw new SemverError('version segment starts with 0');
    }
    return new SemVersion(
      parseSegment(m[1]),
      m[2] ? parseSegment(m[2].slice(1)) : 0n,
      m[3] ? parseSegment(m[3].slice(1)) : 0n,
      pre,
      meta,
      text,
    );
  }

  static tryParse(text: string): SemVersion | undefined {
    try {
      return SemVersion.parse(text);
    } catch {
      return undefined;
    }
  }

  compare(o: SemVersion): number {
    for (const [a, b] of [
      [this.major, o.major],
      [this.minor, o.minor],
      [this.patch, o.patch],
    ] as const) {
      if (a !== b) return a < b ? -1 : 1;
    }
    if (this.prerelease === o.prerelease) return 0;
    if (this.prerelease === '') return 1;
    if (o.prerelease === '') return -1;
    return comparePrerelease(this.prerelease, o.prerelease);
  }

  toString(): string {
    let s = `${this.major}.${this.minor}.${this.patch}`;
    if (this.prerelease) s += `-${this.prerelease}`;
    if (this.metadata) s += `+${this.metadata}`;
    return s;
  }
}

function comparePrerelease(a: string, b: string): number {
  const ap = a.split('.');
  const bp = b.split('.');
  for (let i = 0; i < Math.max(ap.length, bp.length); i++) {
    const d = comparePrereleasePart(ap[i] ?? '', bp[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

function comparePrereleasePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNum = /^[0-9]+$/.test(s);
  const oNum = /^[0-9]+$/.test(o);
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

// `|` inside the character classes is literal, as in the Go expression.
const CV = String.raw`v?([0-9|xX*]+)(\.[0-9|xX*]+)?(\.[0-9|xX*]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const SINGLE = new RegExp(String.raw`^\s*(${OPS})\s*(${CV})\s*$`);
const RANGE = new RegExp(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`, 'g');
const FIND = new RegExp(String.raw`(${OPS})\s*(${CV})`, 'g');
const VALID = new RegExp(String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`);

type Op = '' | '=' | '!=' | '>' | '<' | '>=' | '=>' | '<=' | '=<' | '~' | '~>' | '^';

interface Comparison {
  op: Op;
  version: SemVersion;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const isWild = (s: string | undefined) => s === 'x' || s === 'X' || s === '*';

function parseComparison(text: string): Comparison {
  const m = SINGLE.exec(text);
  if (!m) throw new SemverError(`improper constraint: ${JSON.stringify(text)}`);
  const op = m[1] as Op;
  const [, , , major, minorPart, patchPart] = m;
  const pre = m[7] ?? '';
  const preSuffix = pre ? `-${pre}` : '';
  let ver = m[2];
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  const minor = minorPart?.slice(1);
  const patch = patchPart?.slice(1);
  if (isWild(major)) {
    ver = `0.0.0${preSuffix}`;
    dirty = true;
  } else if (minor === undefined || isWild(minor)) {
    ver = `${major}.0.0${preSuffix}`;
    dirty = minorDirty = true;
  } else if (patch === undefined || isWild(patch)) {
    ver = `${major}.${minor}.0${preSuffix}`;
    dirty = patchDirty = true;
  }
  let version: SemVersion;
  try {
    version = SemVersion.parse(ver);
  } catch {
    throw new SemverError('constraint parser error');
  }
  return { op, version, dirty, minorDirty, patchDirty };
}

function tilde(v: SemVersion, c: Comparison): boolean {
  if (v.compare(c.version) < 0) return false;
  const cv = c.version;
  if (cv.major === 0n && cv.minor === 0n && cv.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== cv.major) return false;
  if (v.minor !== cv.minor && !c.minorDirty) return false;
  return true;
}

function satisfies(v: SemVersion, c: Comparison, includePre: boolean): boolean {
  if (v.prerelease !== '' && !includePre) return false;
  const cv = c.version;
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : v.compare(cv) === 0;
    case '!=':
      if (c.dirty) {
        if (cv.major !== v.major) return true;
        if (cv.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (cv.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) {
          if (v.prerelease !== '' || cv.prerelease !== '') return comparePrerelease(v.prerelease, cv.prerelease) !== 0;
          return false;
        }
      }
      return v.compare(cv) !== 0;
    case '>':
      if (!c.dirty) return v.compare(cv) > 0;
      if (v.major > cv.major) return true;
      if (v.major < cv.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > cv.minor;
      return v.compare(cv) > 0;
    case '<':
      return v.compare(cv) < 0;
    case '>=':
    case '=>':
      return v.compare(cv) >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return v.compare(cv) <= 0;
      if (v.major > cv.major) return false;
      if (v.major === cv.major && v.minor > cv.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      if (v.compare(cv) < 0) return false;
      if (cv.major > 0n || c.minorDirty) return v.major === cv.major;
      if (v.major > 0n) return false;
      if (cv.minor > 0n || c.patchDirty) return v.minor === cv.minor;
      if (v.minor > 0n) return false;
      return v.patch === cv.patch;
  }
}

export class SemverConstraint {
  private constructor(
    private readonly alternatives: Comparison[][],
    private readonly containsPre: boolean[],
    readonly original: string,
  ) {}

  static parse(text: string): SemverConstraint {
    const rewritten = text.replace(RANGE, (_all, lo: string, ...rest: unknown[]) => {
      const hi = rest[9] as string;
      return `>= ${lo}, <= ${hi} `;
    });
    const alternatives: Comparison[][] = [];
    const containsPre: boolean[] = [];
    for (const alt of rewritten.split('||')) {
      if (!VALID.test(alt)) throw new SemverError(`improper constraint: ${JSON.stringify(alt)}`);
      const found = alt.match(FIND) ?? [alt];
      const comps = found.map(parseComparison);
      alternatives.push(comps);
      containsPre.push(comps.some((c) => c.version.prerelease !== ''));
    }
    return new SemverConstraint(alternatives, containsPre, text);
  }

  static tryParse(text: string): SemverConstraint | undefined {
    try {
      return SemverConstraint.parse(text);
    } catch {
      return undefined;
    }
  }

  check(v: SemVersion): boolean {
    return this.alternatives.some((alt, i) => alt.every((c) => satisfies(v, c, this.containsPre[i])));
  }
}

/** Helm's IsCompatibleRange: false when either side does not parse. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  const v = SemVersion.tryParse(version);
  const c = SemverConstraint.tryParse(constraint);
  return v !== undefined && c !== undefined && c.check(v);
}

export function isValidSemver(version: string): boolean {
  return SemVersion.tryParse(version) !== undefined;
}
