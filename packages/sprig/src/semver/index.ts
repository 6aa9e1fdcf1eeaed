/**
 * Masterminds semver v3 (what Sprig v3's `semver`/`semverCompare` use): lenient version parsing
 * (optional `v`, missing minor/patch), and constraints with `||`, comma/space AND, `=`, `!=`, `>`, `<`,
 * `>=`, `<=`, `~`, `~>`, `^`, wildcards and hyphen ranges. A prerelease version only satisfies an
 * alternative that itself names a prerelease (so `v1.30.0-gke.1` needs `>=1.16.0-0`).
 */

const LOOSE_VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const NUM = /^[0-9]+$/;
const ALLOWED = /^[0-9A-Za-z-]+$/;
const UINT64_MAX = (1n << 64n) - 1n;

function parseUint(s: string): bigint {
  const n = BigInt(s);
  if (n > UINT64_MAX) throw new Error(`error parsing version segment: strconv.ParseUint: parsing "${s}": value out of range`);
  return n;
}

function validatePrerelease(p: string): void {
  for (const part of p.split('.')) {
    if (part === '') throw new Error('invalid prerelease string');
    if (NUM.test(part)) {
      if (part.length > 1 && part[0] === '0') throw new Error('version segment starts with 0');
    } else if (!ALLOWED.test(part)) throw new Error('invalid prerelease string');
  }
}

function validateMetadata(m: string): void {
  for (const part of m.split('.')) if (part === '' || !ALLOWED.test(part)) throw new Error('invalid metadata string');
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNum = NUM.test(s) && BigInt(s) <= UINT64_MAX;
  const oNum = NUM.test(o) && BigInt(o) <= UINT64_MAX;
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(v: string, o: string): number {
  const a = v.split('.');
  const b = o.split('.');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = comparePrePart(a[i] ?? '', b[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** `*semver.Version`; templates call its methods (`.Major`, `.Compare`, ...) */
export class SemverVersion {
  static goTypeName = '*semver.Version';

  private constructor(
    private readonly major: bigint,
    private readonly minor: bigint,
    private readonly patch: bigint,
    private readonly pre: string,
    private readonly metadata: string,
    private readonly original: string,
  ) {}

  /** semver.NewVersion (coercing) */
  static parse(v: string): SemverVersion {
    const m = LOOSE_VERSION.exec(v);
    if (!m) throw new Error('invalid semantic version');
    const version = new SemverVersion(
      parseUint(m[1]!),
      m[2] ? parseUint(m[2].slice(1)) : 0n,
      m[3] ? parseUint(m[3].slice(1)) : 0n,
      m[5] ?? '',
      m[8] ?? '',
      v,
    );
    if (version.pre !== '') validatePrerelease(version.pre);
    if (version.metadata !== '') validateMetadata(version.metadata);
    return version;
  }

  Major = (): bigint => this.major;
  Minor = (): bigint => this.minor;
  Patch = (): bigint => this.patch;
  Prerelease = (): string => this.pre;
  Metadata = (): string => this.metadata;
  Original = (): string => this.original;
  String = (): string => `${this.major}.${this.minor}.${this.patch}${this.pre ? '-' + this.pre : ''}${this.metadata ? '+' + this.metadata : ''}`;
  Compare = (o: SemverVersion): bigint => BigInt(this.compare(o));
  LessThan = (o: SemverVersion): boolean => this.compare(o) < 0;
  GreaterThan = (o: SemverVersion): boolean => this.compare(o) > 0;
  Equal = (o: SemverVersion): boolean => this.compare(o) === 0;

  compare(o: SemverVersion): number {
    const d = cmp(this.major, o.major) || cmp(this.minor, o.minor) || cmp(this.patch, o.patch);
    if (d !== 0) return d;
    if (this.pre === '' && o.pre === '') return 0;
    if (this.pre === '') return 1;
    if (o.pre === '') return -1;
    return comparePrerelease(this.pre, o.pre);
  }

  toGoJSON(): string {
    return this.String();
  }
}

const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const CV_NC = CV.replace(/\((?!\?)/g, '(?:');
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const CONSTRAINT = new RegExp(String.raw`^\s*(${OPS})\s*(${CV})\s*$`);
const RANGE = new RegExp(String.raw`\s*(${CV_NC})\s+-\s+(${CV_NC})\s*`, 'g');
const FIND = new RegExp(String.raw`(?:${OPS})\s*(?:${CV_NC})`, 'g');
const VALID = new RegExp(String.raw`^(?:\s*(?:${OPS})\s*(?:${CV_NC})\s*)(?:(?:\s+|,\s*)(?:${OPS})\s*(?:${CV_NC})\s*)*$`);

const isX = (s: string) => s === 'x' || s === '*' || s === 'X';

interface Constraint {
  con: SemverVersion;
  op: string;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

function parseConstraint(c: string): Constraint {
  if (c.length === 0) return { con: SemverVersion.parse('0.0.0'), op: '', dirty: true, minorDirty: false, patchDirty: false };
  const m = CONSTRAINT.exec(c);
  if (!m) throw new Error(`improper constraint: ${c}`);
  const [, op, orig, major, minorPart, patchPart, pre] = m as unknown as string[];
  let ver = orig!;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  const preSuffix = pre ?? '';
  if (isX(major!) || major === '') {
    ver = `0.0.0${preSuffix}`;
    dirty = true;
  } else if (minorPart === undefined || isX(minorPart.slice(1))) {
    minorDirty = dirty = true;
    ver = `${major}.0.0${preSuffix}`;
  } else if (patchPart === undefined || isX(patchPart.slice(1))) {
    dirty = patchDirty = true;
    ver = `${major}${minorPart}.0${preSuffix}`;
  }
  let con: SemverVersion;
  try {
    con = SemverVersion.parse(ver);
  } catch {
    throw new Error('constraint parser error');
  }
  return { con, op: op!, dirty, minorDirty, patchDirty };
}

function check(v: SemverVersion, c: Constraint): boolean {
  const { con } = c;
  const maj = v.Major(), min = v.Minor(), pat = v.Patch();
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : v.compare(con) === 0;
    case '!=':
      if (c.dirty) {
        if (con.Major() !== maj) return true;
        if (con.Minor() !== min && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (con.Patch() !== pat && !c.patchDirty) return true;
        if (c.patchDirty) {
          if (v.Prerelease() !== '' || con.Prerelease() !== '') return comparePrerelease(v.Prerelease(), con.Prerelease()) !== 0;
          return false;
        }
      }
      return v.compare(con) !== 0;
    case '>':
      if (!c.dirty) return v.compare(con) === 1;
      if (maj > con.Major()) return true;
      if (maj < con.Major() || c.minorDirty) return false;
      if (c.patchDirty) return min > con.Minor();
      return v.compare(con) === 1;
    case '<':
      return v.compare(con) < 0;
    case '>=':
    case '=>':
      return v.compare(con) >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return v.compare(con) <= 0;
      if (maj > con.Major()) return false;
      if (maj === con.Major() && min > con.Minor() && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      if (v.compare(con) < 0) return false;
      if (con.Major() > 0n || c.minorDirty) return maj === con.Major();
      if (maj > 0n) return false;
      if (con.Minor() > 0n || c.patchDirty) return min === con.Minor();
      if (min > 0n) return false;
      return pat === con.Patch();
  }
  return false;
}

function tilde(v: SemverVersion, c: Constraint): boolean {
  const { con } = c;
  if (v.compare(con) < 0) return false;
  if (con.Major() === 0n && con.Minor() === 0n && con.Patch() === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.Major() !== con.Major()) return false;
  if (v.Minor() !== con.Minor() && !c.minorDirty) return false;
  return true;
}

export class SemverConstraints {
  static goTypeName = '*semver.Constraints';

  private constructor(private readonly alternatives: { constraints: Constraint[]; hasPre: boolean }[]) {}

  static parse(text: string): SemverConstraints {
    const rewritten = text.replace(RANGE, (_all, lo: string, hi: string) => `>= ${lo}, <= ${hi} `);
    const alternatives = rewritten.split('||').map((alt) => {
      if (!VALID.test(alt)) throw new Error(`improper constraint: ${alt}`);
      const found = alt.match(FIND) ?? [alt];
      const constraints = found.map(parseConstraint);
      return { constraints, hasPre: constraints.some((c) => c.con.Prerelease() !== '') };
    });
    return new SemverConstraints(alternatives);
  }

  check(v: SemverVersion): boolean {
    return this.alternatives.some(({ constraints, hasPre }) => {
      if (v.Prerelease() !== '' && !hasPre) return false;
      return constraints.every((c) => check(v, c));
    });
  }
}
