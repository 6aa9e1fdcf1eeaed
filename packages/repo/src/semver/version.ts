/**
 * Semantic versions as Helm 2 reads them (Masterminds semver v1.5): a leading `v` and missing
 * minor/patch are accepted (`v1.2` is 1.2.0); ordering is SemVer 2 precedence, build metadata ignored.
 */
export class InvalidVersionError extends Error {
  constructor(text: string) {
    super(`invalid semantic version "${text}"`)
    this.name = 'InvalidVersionError'
  }
}

const VERSION_PATTERN =
  /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/

export class Version {
  private constructor(
    readonly major: number,
    readonly minor: number,
    readonly patch: number,
    readonly prerelease: string,
    readonly metadata: string,
    readonly original: string,
  ) {}

  static parse(text: string): Version {
    const m = VERSION_PATTERN.exec(text.trim())
    if (!m) throw new InvalidVersionError(text)
    const numbers = [m[1], m[2] ?? '0', m[3] ?? '0'].map(Number)
    if (numbers.some((n) => !Number.isSafeInteger(n))) throw new InvalidVersionError(text)
    return new Version(numbers[0], numbers[1], numbers[2], m[4] ?? '', m[5] ?? '', text)
  }

  static tryParse(text: string): Version | undefined {
    return VERSION_PATTERN.test(text.trim()) ? Version.parse(text) : undefined
  }

  /** -1, 0 or 1 by SemVer 2 precedence. */
  compare(other: Version): number {
    if (this.major !== other.major) return this.major < other.major ? -1 : 1
    if (this.minor !== other.minor) return this.minor < other.minor ? -1 : 1
    if (this.patch !== other.patch) return this.patch < other.patch ? -1 : 1
    return comparePrerelease(this.prerelease, other.prerelease)
  }

  toString(): string {
    let s = `${this.major}.${this.minor}.${this.patch}`
    if (this.prerelease) s += `-${this.prerelease}`
    if (this.metadata) s += `+${this.metadata}`
    return s
  }
}

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0
  // A release outranks any prerelease of the same version.
  if (!a) return 1
  if (!b) return -1
  const pa = a.split('.')
  const pb = b.split('.')
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (i >= pa.length) return -1
    if (i >= pb.length) return 1
    const c = compareIdentifier(pa[i], pb[i])
    if (c !== 0) return c
  }
  return 0
}

function compareIdentifier(a: string, b: string): number {
  const an = /^[0-9]+$/.test(a)
  const bn = /^[0-9]+$/.test(b)
  if (an && bn) {
    const x = Number(a)
    const y = Number(b)
    return x === y ? 0 : x < y ? -1 : 1
  }
  if (an) return -1
  if (bn) return 1
  return a === b ? 0 : a < b ? -1 : 1
}

/** Sort comparator: highest version first; unparsable versions go last, in their original order. */
export function compareVersionStringsDescending(a: string, b: string): number {
  const va = Version.tryParse(a)
  const vb = Version.tryParse(b)
  if (va && vb) return vb.compare(va)
  if (va) return -1
  if (vb) return 1
  return 0
}
