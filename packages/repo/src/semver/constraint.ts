import {Version} from './version.js'

/**
 * Version constraints as Helm 2 reads them (Masterminds semver v1.5): `||` alternatives of
 * `,`-joined comparisons; operators `=` (or none), `!=`, `>`, `<`, `>=`, `<=`, `~`, `~>`, `^`;
 * wildcards `x`/`X`/`*`; hyphen ranges `1.2 - 1.4.5`. A space does NOT join comparisons here.
 * A prerelease version satisfies a comparison only when that comparison names a prerelease.
 */
export class InvalidConstraintError extends Error {
  constructor(text: string) {
    super(`improper constraint: ${text}`)
    this.name = 'InvalidConstraintError'
  }
}

type Operator = '=' | '!=' | '>' | '<' | '>=' | '<=' | '~' | '^'

interface Comparison {
  operator: Operator
  version: Version
  /** Some part was a wildcard or missing (`1`, `1.x`, `*`), which widens `=`, `>`, `<=` and `!=`. */
  dirty: boolean
  minorDirty: boolean
  patchDirty: boolean
}

const PART = '[0-9xX*]+'
const CONSTRAINT_VERSION = `v?(${PART})(\\.${PART})?(\\.${PART})?(-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?`
const COMPARISON = new RegExp(`^\\s*(!=|>=|=>|<=|=<|~>|>|<|=|~|\\^)?\\s*(${CONSTRAINT_VERSION})\\s*$`)
const HYPHEN_RANGE = new RegExp(`\\s*(${CONSTRAINT_VERSION})\\s+-\\s+(${CONSTRAINT_VERSION})\\s*`, 'g')

const OPERATOR_ALIASES: Record<string, Operator> = {
  '': '=', '=': '=', '!=': '!=', '>': '>', '<': '<', '>=': '>=', '=>': '>=', '<=': '<=', '=<': '<=', '~': '~', '~>': '~', '^': '^',
}

const isWildcard = (part: string | undefined) => part === 'x' || part === 'X' || part === '*'

function parseComparison(text: string): Comparison {
  const m = COMPARISON.exec(text)
  if (!m) throw new InvalidConstraintError(text)
  const operator = OPERATOR_ALIASES[m[1] ?? '']
  const [major, minorPart, patchPart, pre = '', meta = ''] = [m[3], m[4], m[5], m[6], m[7]]
  const minor = minorPart?.slice(1)
  const patch = patchPart?.slice(1)
  let versionText: string
  let dirty = false
  let minorDirty = false
  let patchDirty = false
  if (isWildcard(major)) {
    versionText = '0.0.0'
    dirty = true
  } else if (minor === undefined || isWildcard(minor)) {
    versionText = `${major}.0.0${pre}`
    dirty = minorDirty = true
  } else if (isWildcard(patch)) {
    versionText = `${major}.${minor}.0${pre}`
    dirty = patchDirty = true
  } else {
    versionText = `${major}.${minor}.${patch ?? '0'}${pre}${meta}`
  }
  const version = Version.tryParse(versionText)
  if (!version) throw new InvalidConstraintError(text)
  return {operator, version, dirty, minorDirty, patchDirty}
}

/** Whether `v` falls in the wildcard/tilde window of `c` (`1.2.x`, `~1.2`, `1`). */
function tildeMatch(v: Version, c: Comparison): boolean {
  const con = c.version
  if (v.compare(con) < 0) return false
  // `~0.0.0` (and `*`) accept everything.
  if (con.major === 0 && con.minor === 0 && con.patch === 0 && !c.minorDirty && !c.patchDirty) return true
  if (v.major !== con.major) return false
  if (v.minor !== con.minor && !c.minorDirty) return false
  return true
}

/** The first version above the window of a dirty comparison (`1.2.x` → 1.3.0, `1` → 2.0.0). */
function upperBound(c: Comparison): Version {
  const con = c.version
  return Version.parse(c.minorDirty ? `${con.major + 1}.0.0` : `${con.major}.${con.minor + 1}.0`)
}

function check(v: Version, c: Comparison): boolean {
  const con = c.version
  if (v.prerelease && !con.prerelease && !(c.operator === '!=' && !c.dirty)) return false
  switch (c.operator) {
    case '=':
      return c.dirty ? tildeMatch(v, c) : v.compare(con) === 0
    case '!=':
      return c.dirty ? !tildeMatch(v, c) : v.compare(con) !== 0
    case '>':
      if (!c.dirty || (!c.minorDirty && !c.patchDirty)) return v.compare(con) > 0
      return v.compare(upperBound(c)) >= 0
    case '<':
      return v.compare(con) < 0
    case '>=':
      return v.compare(con) >= 0
    case '<=':
      if (!c.dirty || (!c.minorDirty && !c.patchDirty)) return v.compare(con) <= 0
      return v.compare(upperBound(c)) < 0
    case '~':
      return tildeMatch(v, c)
    case '^':
      return v.compare(con) >= 0 && v.major === con.major
  }
}

export class Constraint {
  private constructor(
    private readonly alternatives: Comparison[][],
    readonly original: string,
  ) {}

  static parse(text: string): Constraint {
    const rewritten = text.replace(HYPHEN_RANGE, (_all, low: string, ...rest: string[]) => {
      // rest holds the groups of the first version, then the second version's full match.
      const high = rest[5]
      return `>= ${low}, <= ${high}`
    })
    const alternatives = rewritten.split('||').map((alternative) => alternative.split(',').map((part) => parseComparison(part)))
    return new Constraint(alternatives, text)
  }

  static tryParse(text: string): Constraint | undefined {
    try {
      return Constraint.parse(text)
    } catch {
      return undefined
    }
  }

  check(version: Version | string): boolean {
    const v = typeof version === 'string' ? Version.tryParse(version) : version
    if (!v) return false
    return this.alternatives.some((comparisons) => comparisons.every((c) => check(v, c)))
  }
}
