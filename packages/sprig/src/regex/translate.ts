/**
 * Translates Go (RE2) regular expression syntax into an equivalent JavaScript RegExp (`u` flag), since the
 * two differ in ways charts hit: inline flags `(?i)`/`(?i:...)`/`(?s)`/`(?m)`/`(?U)`, `\A` and `\z`, `\Q..\E`,
 * POSIX classes, `\s` being ASCII-only, `.` excluding only `\n`, multi-line `^`/`$` using only `\n`,
 * `(?P<name>)`, and constructs Go rejects (backreferences, lookaround) which must fail as in Go.
 */

class GoRegexpSyntaxError extends Error {
  constructor(code: string, arg: string) {
    super(`error parsing regexp: ${code}: \`${arg}\``);
  }
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

export interface TranslatedRegexp {
  source: string;
  /** capture group names by index (index 0 = whole match, unnamed = "") */
  groupNames: string[];
}

type Range = [number, number];

const MAX_CP = 0x10ffff;
const DIGIT: Range[] = [[0x30, 0x39]];
const SPACE: Range[] = [
  [0x09, 0x0a],
  [0x0c, 0x0d],
  [0x20, 0x20],
];
const WORD: Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const POSIX: Record<string, Range[]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: DIGIT,
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: WORD,
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

function negate(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

/** add the other-case counterparts of every letter in the ranges (simple folding) */
function foldRanges(ranges: Range[]): Range[] {
  const out: Range[] = [...ranges];
  for (const [lo, hi] of ranges) {
    if (hi - lo > 2000) {
      continue; // huge ranges: fold only the ASCII letters they cover
    }
    for (let c = lo; c <= hi; c++) {
      const ch = String.fromCodePoint(c);
      for (const v of [ch.toLowerCase(), ch.toUpperCase()]) {
        const cps = Array.from(v);
        if (cps.length === 1 && v !== ch) {
          const cp = cps[0]!.codePointAt(0)!;
          out.push([cp, cp]);
        }
      }
    }
  }
  return out;
}

function cpEscape(c: number): string {
  return `\\u{${c.toString(16)}}`;
}

function classItem([lo, hi]: Range): string {
  return lo === hi ? cpEscape(lo) : `${cpEscape(lo)}-${cpEscape(hi)}`;
}

function unicodeProperty(name: string, negated: boolean): string {
  const p = negated ? 'P' : 'p';
  if (name === 'Any') return negated ? '[^\\s\\S]' : '[\\s\\S]';
  if (/^[A-Z][a-z]?$/.test(name)) return `\\${p}{${name}}`;
  return `\\${p}{Script=${name}}`;
}

const SYNTAX_CHARS = new Set('^$\\.*+?()[]{}|/'.split(''));

export function translateGoRegexp(pattern: string): TranslatedRegexp {
  const cps = Array.from(pattern);
  let pos = 0;
  const groupNames: string[] = [''];
  const peek = (k = 0) => cps[pos + k];
  const rest = () => cps.slice(pos).join('');

  const literal = (ch: string, flags: Flags): string => {
    if (flags.i) {
      const lower = ch.toLowerCase();
      const upper = ch.toUpperCase();
      const variants = new Set([ch, lower, upper].filter((v) => Array.from(v).length === 1));
      if (variants.size > 1) return '[' + [...variants].map((v) => cpEscape(v.codePointAt(0)!)).join('') + ']';
    }
    if (SYNTAX_CHARS.has(ch)) return '\\' + ch;
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && !/[\p{L}\p{N}]/u.test(ch))) return cpEscape(c);
    return ch;
  };

  const rangesSource = (ranges: Range[], flags: Flags, negated = false): string => {
    const rs = flags.i ? foldRanges(ranges) : ranges;
    if (rs.length === 0) return negated ? '[\\s\\S]' : '[]';
    return '[' + (negated ? '^' : '') + rs.map(classItem).join('') + ']';
  };

  /** parses an escape after the backslash; returns ranges (class-able) or raw JS source for assertions */
  const parseEscape = (inClass: boolean): { ranges?: Range[]; source?: string; property?: string } => {
    const start = pos - 1;
    const c = cps[pos++];
    if (c === undefined) throw new GoRegexpSyntaxError('trailing backslash at end of expression', '');
    const one = (cp: number) => ({ ranges: [[cp, cp]] as Range[] });
    switch (c) {
      case 'a':
        return one(7);
      case 'f':
        return one(12);
      case 't':
        return one(9);
      case 'n':
        return one(10);
      case 'r':
        return one(13);
      case 'v':
        return one(11);
      case 'd':
        return { ranges: DIGIT };
      case 'D':
        return { ranges: negate(DIGIT) };
      case 's':
        return { ranges: SPACE };
      case 'S':
        return { ranges: negate(SPACE) };
      case 'w':
        return { ranges: WORD };
      case 'W':
        return { ranges: negate(WORD) };
      case 'x': {
        if (peek() === '{') {
          const close = cps.indexOf('}', pos);
          const hex = close < 0 ? '' : cps.slice(pos + 1, close).join('');
          if (close < 0 || !/^[0-9a-fA-F]+$/.test(hex) || parseInt(hex, 16) > MAX_CP) {
            throw new GoRegexpSyntaxError(
              'invalid escape sequence',
              cps.slice(start, close < 0 ? cps.length : close + 1).join(''),
            );
          }
          pos = close + 1;
          return one(parseInt(hex, 16));
        }
        const hex = cps.slice(pos, pos + 2).join('');
        if (!/^[0-9a-fA-F]{2}$/.test(hex))
          throw new GoRegexpSyntaxError('invalid escape sequence', cps.slice(start, pos + 2).join(''));
        pos += 2;
        return one(parseInt(hex, 16));
      }
      case 'p':
      case 'P': {
        let name: string;
        if (peek() === '{') {
          const close = cps.indexOf('}', pos);
          if (close < 0) throw new GoRegexpSyntaxError('invalid character class range', cps.slice(start).join(''));
          name = cps.slice(pos + 1, close).join('');
          pos = close + 1;
        } else {
          const n = cps[pos++];
          if (n === undefined)
            throw new GoRegexpSyntaxError('invalid character class range', cps.slice(start).join(''));
          name = n;
        }
        let negated = c === 'P';
        if (name.startsWith('^')) {
          negated = !negated;
          name = name.slice(1);
        }
        try {
          new RegExp(unicodeProperty(name, false), 'u');
        } catch {
          throw new GoRegexpSyntaxError('invalid character class range', cps.slice(start, pos).join(''));
        }
        return { property: unicodeProperty(name, negated) };
      }
    }
    if (!inClass) {
      if (c === 'A') return { source: '(?<![\\s\\S])' };
      if (c === 'z') return { source: '(?![\\s\\S])' };
      if (c === 'b') return { source: '\\b' };
      if (c === 'B') return { source: '\\B' };
    }
    if (c >= '0' && c <= '7') {
      if (c !== '0' && !(peek() !== undefined && peek()! >= '0' && peek()! <= '7')) {
        throw new GoRegexpSyntaxError('invalid escape sequence', '\\' + c);
      }
      let digits = c;
      while (digits.length < 3 && peek() !== undefined && peek()! >= '0' && peek()! <= '7') digits += cps[pos++];
      return one(parseInt(digits, 8));
    }
    const code = c.codePointAt(0)!;
    if (code < 0x80 && !/[0-9A-Za-z]/.test(c)) return one(code);
    throw new GoRegexpSyntaxError('invalid escape sequence', '\\' + c);
  };

  const parseClass = (flags: Flags): string => {
    const start = pos - 1;
    let negated = false;
    if (peek() === '^') {
      negated = true;
      pos++;
    }
    const ranges: Range[] = [];
    const props: string[] = [];
    let first = true;
    for (;;) {
      const c = peek();
      if (c === undefined) throw new GoRegexpSyntaxError('missing closing ]', cps.slice(start).join(''));
      if (c === ']' && !first) {
        pos++;
        break;
      }
      first = false;
      if (c === '[' && peek(1) === ':') {
        const close = cps.slice(pos).join('').indexOf(':]');
        if (close > 0) {
          let name = cps.slice(pos + 2, pos + close).join('');
          const neg = name.startsWith('^');
          if (neg) name = name.slice(1);
          const cls = POSIX[name];
          if (!cls)
            throw new GoRegexpSyntaxError('invalid character class range', cps.slice(pos, pos + close + 2).join(''));
          ranges.push(...(neg ? negate(cls) : cls));
          pos += close + 2;
          continue;
        }
      }
      const single = (): number | { ranges?: Range[]; property?: string } => {
        const ch = cps[pos++]!;
        if (ch !== '\\') return ch.codePointAt(0)!;
        const e = parseEscape(true);
        if (e.ranges && e.ranges.length === 1 && e.ranges[0]![0] === e.ranges[0]![1]) return e.ranges[0]![0];
        return e;
      };
      const loStart = pos;
      const lo = single();
      if (typeof lo === 'number' && peek() === '-' && peek(1) !== undefined && peek(1) !== ']') {
        pos++;
        const hi = single();
        if (typeof hi !== 'number' || hi < lo) {
          throw new GoRegexpSyntaxError('invalid character class range', cps.slice(loStart, pos).join(''));
        }
        ranges.push([lo, hi]);
        continue;
      }
      if (typeof lo === 'number') ranges.push([lo, lo]);
      else if (lo.ranges) ranges.push(...lo.ranges);
      else if (lo.property) props.push(lo.property);
    }
    const rs = flags.i ? foldRanges(ranges) : ranges;
    // Unicode properties can sit inside a JS class; negated classes go through a lookahead so that
    // `[^\pL]` and friends keep their meaning.
    const inner = rs.map(classItem).join('') + props.map((p) => (p.startsWith('[') ? '' : p)).join('');
    if (inner === '') return negated ? '[\\s\\S]' : '[]';
    return '[' + (negated ? '^' : '') + inner + ']';
  };

  const parseFlags = (flags: Flags): { flags: Flags; scoped: boolean } => {
    // at `(?` already consumed; reads flag letters up to ')' or ':'
    const start = pos - 2;
    const f = { ...flags };
    let negate = false;
    let sawFlag = false;
    for (;;) {
      const c = cps[pos++];
      if (c === undefined) throw new GoRegexpSyntaxError('missing closing )', cps.slice(start).join(''));
      if (c === ')' || c === ':') {
        if (negate && !sawFlag)
          throw new GoRegexpSyntaxError('invalid or unsupported Perl syntax', cps.slice(start, pos).join(''));
        return { flags: f, scoped: c === ':' };
      }
      if (c === '-') {
        if (negate) throw new GoRegexpSyntaxError('invalid or unsupported Perl syntax', cps.slice(start, pos).join(''));
        negate = true;
        sawFlag = false;
        continue;
      }
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        f[c] = !negate;
        sawFlag = true;
        continue;
      }
      throw new GoRegexpSyntaxError('invalid or unsupported Perl syntax', cps.slice(start, pos).join(''));
    }
  };

  /** parses an alternation up to ')' or end; returns JS source */
  const parseAlternation = (flagsIn: Flags, depth: number): string => {
    let flags = { ...flagsIn };
    const branches: string[] = [];
    let seq: string[] = [];
    let lastAtomQuantifiable = false;
    let lastWasQuantifier = false;
    for (;;) {
      const c = peek();
      if (c === undefined) {
        if (depth > 0) throw new GoRegexpSyntaxError('missing closing )', pattern);
        break;
      }
      if (c === ')') {
        if (depth === 0) throw new GoRegexpSyntaxError('unexpected )', pattern);
        break;
      }
      if (c === '|') {
        pos++;
        branches.push(seq.join(''));
        seq = [];
        lastAtomQuantifiable = false;
        lastWasQuantifier = false;
        continue;
      }
      // quantifiers
      if (c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(rest()))) {
        const qstart = pos;
        let q: string;
        if (c === '{') {
          const m = /^\{(\d+)(,(\d*))?\}/.exec(rest())!;
          const min = Number(m[1]);
          const max = m[3] === undefined ? (m[2] ? -1 : min) : m[3] === '' ? -1 : Number(m[3]);
          if (min > 1000 || max > 1000 || (max >= 0 && max < min))
            throw new GoRegexpSyntaxError('invalid repeat count', m[0]);
          pos += Array.from(m[0]).length;
          q = m[0];
        } else {
          pos++;
          q = c;
        }
        let lazy = false;
        if (peek() === '?') {
          pos++;
          lazy = true;
        }
        const opText = cps.slice(qstart, pos).join('');
        if (lastWasQuantifier) {
          const prevOp = cps.slice(Math.max(0, qstart - 1), pos).join('');
          throw new GoRegexpSyntaxError('invalid nested repetition operator', prevOp.length > 0 ? prevOp : opText);
        }
        if (seq.length === 0 || !lastAtomQuantifiable)
          throw new GoRegexpSyntaxError('missing argument to repetition operator', opText);
        if (flags.U) lazy = !lazy;
        seq[seq.length - 1] = seq[seq.length - 1] + q + (lazy ? '?' : '');
        lastWasQuantifier = true;
        continue;
      }
      lastWasQuantifier = false;
      pos++;
      let atom: string;
      let assertion = false;
      switch (c) {
        case '(': {
          if (peek() === '?') {
            pos++;
            const n = peek();
            if (n === 'P' || (n === '<' && peek(1) !== '=' && peek(1) !== '!')) {
              if (n === 'P') pos++;
              if (peek() !== '<')
                throw new GoRegexpSyntaxError(
                  'invalid or unsupported Perl syntax',
                  cps.slice(pos - 3, pos + 1).join(''),
                );
              const close = cps.indexOf('>', pos);
              const name = close < 0 ? '' : cps.slice(pos + 1, close).join('');
              if (close < 0 || !/^[A-Za-z0-9_]+$/.test(name)) {
                throw new GoRegexpSyntaxError(
                  'invalid named capture',
                  cps.slice(pos - (n === 'P' ? 3 : 2), close < 0 ? cps.length : close + 1).join(''),
                );
              }
              if (groupNames.includes(name)) throw new GoRegexpSyntaxError('duplicate capture group name', name);
              pos = close + 1;
              groupNames.push(name);
              const jsName = /^[A-Za-z_]/.test(name) ? name : '_' + name;
              const inner = parseAlternation(flags, depth + 1);
              pos++;
              atom = `(?<${jsName}>${inner})`;
              break;
            }
            if (n === '=' || n === '!' || n === '<') {
              throw new GoRegexpSyntaxError(
                'invalid or unsupported Perl syntax',
                cps.slice(pos - 2, pos + (n === '<' ? 2 : 1)).join(''),
              );
            }
            const { flags: newFlags, scoped } = parseFlags(flags);
            if (!scoped) {
              flags = newFlags;
              continue;
            }
            const inner = parseAlternation(newFlags, depth + 1);
            pos++;
            atom = `(?:${inner})`;
            break;
          }
          groupNames.push('');
          const inner = parseAlternation(flags, depth + 1);
          pos++;
          atom = `(${inner})`;
          break;
        }
        case '[':
          atom = parseClass(flags);
          break;
        case '.':
          atom = flags.s ? '[\\s\\S]' : '[^\\n]';
          break;
        case '^':
          atom = flags.m ? '(?<![^\\n])' : '(?<![\\s\\S])';
          assertion = true;
          break;
        case '$':
          atom = flags.m ? '(?![^\\n])' : '(?![\\s\\S])';
          assertion = true;
          break;
        case '\\': {
          if (peek() === 'Q') {
            pos++;
            let end = cps.slice(pos).join('').indexOf('\\E');
            const text = end < 0 ? cps.slice(pos) : Array.from(cps.slice(pos).join('').slice(0, end));
            pos += end < 0 ? text.length : text.length + 2;
            end = 0;
            // each literal char is its own atom so a following quantifier binds to the last one
            for (const ch of text) seq.push(literal(ch, flags));
            lastAtomQuantifiable = text.length > 0;
            continue;
          }
          const e = parseEscape(false);
          if (e.source) {
            atom = e.source;
            assertion = true;
          } else if (e.property) atom = flags.i && !e.property.startsWith('[') ? `[${e.property}]` : e.property;
          else if (e.ranges!.length === 1 && e.ranges![0]![0] === e.ranges![0]![1])
            atom = literal(String.fromCodePoint(e.ranges![0]![0]), flags);
          else atom = rangesSource(e.ranges!, flags);
          break;
        }
        default:
          atom = literal(c, flags);
      }
      seq.push(assertion ? `(?:${atom})` : atom);
      lastAtomQuantifiable = true;
    }
    branches.push(seq.join(''));
    return branches.join('|');
  };

  const source = parseAlternation({ i: false, m: false, s: false, U: false }, 0);
  return { source, groupNames };
}
