import type { SemverDialect, SemverOptions } from './dialect.js';
import { SemverError } from './semver-error.js';
import { comparePrerelease, Version } from './version.js';

type Operator = '=' | '!=' | '>' | '<' | '>=' | '<=' | '~' | '^';

interface Comparison {
  operator: Operator;
  version: Version;
  /** Some part was a wildcard or missing (`1`, `1.x`, `*`), which widens `=`, `>`, `<=` and `!=`. */
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const OPERATORS: Record<string, Operator> = {
  '': '=',
  '=': '=',
  '!=': '!=',
  '>': '>',
  '<': '<',
  '>=': '>=',
  '=>': '>=',
  '<=': '<=',
  '=<': '<=',
  '~': '~',
  '~>': '~',
  '^': '^',
};

/**
 * The version part of a comparison: groups major, .minor, .patch, -prerelease, +metadata.
 * v3's segment class also admits `|`, as Masterminds' expression does (such text then fails to parse as a version).
 */
function versionPattern(dialect: SemverDialect): string {
  const part = dialect === 'v3' ? '[0-9|xX*]+' : '[0-9xX*]+';
  return String.raw`v?(${part})(\.${part})?(\.${part})?(-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?`;
}

const OPS = String.raw`!=|>=|=>|<=|=<|~>|>|<|=|~|\^`;
const nonCapturing = (pattern: string) => pattern.replace(/\((?!\?)/g, '(?:');

interface Grammar {
  comparison: RegExp;
  hyphenRange: RegExp;
  /** v3 only: an alternative as a whole, and each comparison in it. */
  alternative?: RegExp;
  find?: RegExp;
}

function grammarOf(dialect: SemverDialect): Grammar {
  const cv = versionPattern(dialect);
  const cvNc = nonCapturing(cv);
  const grammar: Grammar = {
    comparison: new RegExp(String.raw`^\s*(${OPS})?\s*(${cv})\s*$`),
    hyphenRange: new RegExp(String.raw`\s*(${cvNc})\s+-\s+(${cvNc})\s*`, 'g'),
  };
  if (dialect === 'v3') {
    grammar.alternative = new RegExp(
      String.raw`^(?:\s*(?:${OPS})?\s*(?:${cvNc})\s*)(?:(?:\s+|,\s*)(?:${OPS})?\s*(?:${cvNc})\s*)*$`,
    );
    grammar.find = new RegExp(String.raw`(?:${OPS})?\s*(?:${cvNc})`, 'g');
  }
  return grammar;
}

const GRAMMARS: Record<SemverDialect, Grammar> = { v3: grammarOf('v3'), 'v1.5': grammarOf('v1.5') };

const isWildcard = (part: string | undefined) => part === 'x' || part === 'X' || part === '*';

function parseComparison(text: string, dialect: SemverDialect): Comparison {
  const m = GRAMMARS[dialect].comparison.exec(text);
  if (!m) throw new SemverError(`improper constraint: ${text}`);
  const operator = OPERATORS[m[1] ?? ''];
  const [whole, major, minorPart, patchPart, pre = '', meta = ''] = [m[2], m[3], m[4], m[5], m[6], m[7]];
  const minor = minorPart?.slice(1);
  const patch = patchPart?.slice(1);
  let versionText: string;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isWildcard(major)) {
    // v1.5 drops a prerelease given with a wildcard major
    versionText = dialect === 'v3' ? `0.0.0${pre}` : '0.0.0';
    dirty = true;
  } else if (minor === undefined || isWildcard(minor)) {
    versionText = `${major}.0.0${pre}`;
    dirty = minorDirty = true;
  } else if (isWildcard(patch) || (dialect === 'v3' && patch === undefined)) {
    // v1.5 reads a missing patch as 0, not as a wildcard
    versionText = `${major}.${minor}.0${pre}`;
    dirty = patchDirty = true;
  } else {
    versionText = dialect === 'v3' ? whole : `${major}.${minor}.${patch ?? '0'}${pre}${meta}`;
  }
  const version = Version.tryParse(versionText, { dialect });
  if (!version) throw new SemverError(dialect === 'v3' ? 'constraint parser error' : `improper constraint: ${text}`);
  return { operator, version, dirty, minorDirty, patchDirty };
}

/** Whether `v` falls in the wildcard/tilde window of `c` (`1.2.x`, `~1.2`, `1`). */
function tildeMatch(v: Version, c: Comparison): boolean {
  const con = c.version;
  if (v.compare(con) < 0) return false;
  // `~0.0.0` (and `*`) accept everything.
  if (con.major === 0n && con.minor === 0n && con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== con.major) return false;
  if (v.minor !== con.minor && !c.minorDirty) return false;
  return true;
}

function checkV3(v: Version, c: Comparison): boolean {
  const con = c.version;
  switch (c.operator) {
    case '=':
      return c.dirty ? tildeMatch(v, c) : v.compare(con) === 0;
    case '!=':
      if (c.dirty) {
        if (con.major !== v.major) return true;
        if (con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) {
          if (v.prerelease !== '' || con.prerelease !== '')
            return comparePrerelease(v.prerelease, con.prerelease) !== 0;
          return false;
        }
      }
      return v.compare(con) !== 0;
    case '>':
      if (!c.dirty) return v.compare(con) > 0;
      if (v.major > con.major) return true;
      if (v.major < con.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > con.minor;
      return v.compare(con) > 0;
    case '<':
      return v.compare(con) < 0;
    case '>=':
      return v.compare(con) >= 0;
    case '<=':
      if (!c.dirty) return v.compare(con) <= 0;
      if (v.major > con.major) return false;
      if (v.major === con.major && v.minor > con.minor && !c.minorDirty) return false;
      return true;
    case '~':
      return tildeMatch(v, c);
    case '^':
      if (v.compare(con) < 0) return false;
      if (con.major > 0n || c.minorDirty) return v.major === con.major;
      if (v.major > 0n) return false;
      if (con.minor > 0n || c.patchDirty) return v.minor === con.minor;
      if (v.minor > 0n) return false;
      return v.patch === con.patch;
  }
}

/** The first version above the window of a dirty v1.5 comparison (`1.2.x` → 1.3.0, `1` → 2.0.0). */
function upperBound(c: Comparison): Version {
  const con = c.version;
  return Version.parse(c.minorDirty ? `${con.major + 1n}.0.0` : `${con.major}.${con.minor + 1n}.0`, {
    dialect: 'v1.5',
  });
}

function checkV15(v: Version, c: Comparison): boolean {
  const con = c.version;
  if (v.prerelease && !con.prerelease && !(c.operator === '!=' && !c.dirty)) return false;
  switch (c.operator) {
    case '=':
      return c.dirty ? tildeMatch(v, c) : v.compare(con) === 0;
    case '!=':
      return c.dirty ? !tildeMatch(v, c) : v.compare(con) !== 0;
    case '>':
      if (!c.dirty || (!c.minorDirty && !c.patchDirty)) return v.compare(con) > 0;
      return v.compare(upperBound(c)) >= 0;
    case '<':
      return v.compare(con) < 0;
    case '>=':
      return v.compare(con) >= 0;
    case '<=':
      if (!c.dirty || (!c.minorDirty && !c.patchDirty)) return v.compare(con) <= 0;
      return v.compare(upperBound(c)) < 0;
    case '~':
      return tildeMatch(v, c);
    case '^':
      return v.compare(con) >= 0 && v.major === con.major;
  }
}

interface Alternative {
  comparisons: Comparison[];
  /** v3: prerelease versions pass only alternatives that name a prerelease somewhere. */
  namesPrerelease: boolean;
}

/**
 * A version constraint: `||` alternatives of comparisons that must all hold; operators `=` (or
 * none), `!=`, `>`, `<`, `>=`, `<=`, `~`, `~>`, `^`; wildcards `x`/`X`/`*`; hyphen ranges
 * `1.2 - 1.4.5`. How the dialects differ: see `SemverDialect`.
 */
export class Constraint {
  private constructor(
    private readonly alternatives: Alternative[],
    readonly dialect: SemverDialect,
    /** The text as given. */
    readonly original: string,
  ) {}

  static parse(text: string, opts: SemverOptions = {}): Constraint {
    const dialect = opts.dialect ?? 'v3';
    const grammar = GRAMMARS[dialect];
    const rewritten = text.replace(grammar.hyphenRange, (_all, low: string, high: string) =>
      dialect === 'v3' ? `>= ${low}, <= ${high} ` : `>= ${low}, <= ${high}`,
    );
    const alternatives = rewritten.split('||').map((alternative): Alternative => {
      let parts: string[];
      if (dialect === 'v3') {
        if (!grammar.alternative!.test(alternative)) throw new SemverError(`improper constraint: ${alternative}`);
        parts = alternative.match(grammar.find!) ?? [alternative];
      } else {
        parts = alternative.split(',');
      }
      const comparisons = parts.map((part) => parseComparison(part, dialect));
      return { comparisons, namesPrerelease: comparisons.some((c) => c.version.prerelease !== '') };
    });
    return new Constraint(alternatives, dialect, text);
  }

  static tryParse(text: string, opts: SemverOptions = {}): Constraint | undefined {
    try {
      return Constraint.parse(text, opts);
    } catch {
      return undefined;
    }
  }

  /** Whether the version satisfies the constraint; a string that does not parse (in this dialect) does not. */
  check(version: Version | string): boolean {
    const v = typeof version === 'string' ? Version.tryParse(version, { dialect: this.dialect }) : version;
    if (!v) return false;
    if (this.dialect === 'v1.5') return this.alternatives.some((alt) => alt.comparisons.every((c) => checkV15(v, c)));
    return this.alternatives.some(
      (alt) => (v.prerelease === '' || alt.namesPrerelease) && alt.comparisons.every((c) => checkV3(v, c)),
    );
  }
}

/** Helm's IsCompatibleRange: false when either side does not parse. */
export function isCompatibleRange(constraint: string, version: string, opts: SemverOptions = {}): boolean {
  const c = Constraint.tryParse(constraint, opts);
  return c !== undefined && c.check(version);
}
