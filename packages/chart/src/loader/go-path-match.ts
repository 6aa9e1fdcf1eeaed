/** Go's filepath.Match on `/`-separated names: `*`, `?`, `[...]` classes, `\` escapes; `*` never crosses `/`. */
export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
    this.name = 'BadPatternError';
  }
}

function escapeRegex(c: string): string {
  return c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function escapeClassChar(c: string): string {
  return c.replace(/[\\^\][-]/g, '\\$&');
}

const cache = new Map<string, RegExp>();

export function compileGoPattern(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const chars = Array.from(pattern);
  let re = '^';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      i++;
      if (i >= chars.length) throw new BadPatternError();
      re += escapeRegex(chars[i]);
    } else if (c === '[') {
      i++;
      let negate = false;
      if (chars[i] === '^') {
        negate = true;
        i++;
      }
      let cls = '';
      let first = true;
      for (;;) {
        if (i >= chars.length) throw new BadPatternError();
        if (chars[i] === ']' && !first) break;
        first = false;
        let lo = chars[i];
        if (lo === '\\') {
          i++;
          if (i >= chars.length) throw new BadPatternError();
          lo = chars[i];
        } else if (lo === '-' || lo === ']') {
          throw new BadPatternError();
        }
        i++;
        let hi = lo;
        if (chars[i] === '-') {
          i++;
          if (i >= chars.length) throw new BadPatternError();
          hi = chars[i];
          if (hi === '\\') {
            i++;
            if (i >= chars.length) throw new BadPatternError();
            hi = chars[i];
          } else if (hi === ']' || hi === '-') {
            throw new BadPatternError();
          }
          i++;
          if (hi.codePointAt(0)! < lo.codePointAt(0)!) throw new BadPatternError();
        }
        cls += lo === hi ? escapeClassChar(lo) : `${escapeClassChar(lo)}-${escapeClassChar(hi)}`;
      }
      re += negate ? `(?![/])[^${cls}]` : `[${cls}]`;
    } else re += escapeRegex(c);
  }
  const compiled = new RegExp(re + '$', 'u');
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

export function goPathMatch(pattern: string, name: string): boolean {
  return compileGoPattern(pattern).test(name);
}
