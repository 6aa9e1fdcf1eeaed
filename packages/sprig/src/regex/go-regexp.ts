/** A compiled Go regexp on top of a translated JS RegExp, with Go's match iteration, Expand and Split. */
import { translateGoRegexp } from './translate.js';

export class GoRegexp {
  private readonly re: RegExp;
  readonly groupNames: string[];

  constructor(readonly expr: string) {
    const t = translateGoRegexp(expr);
    this.re = new RegExp(t.source, 'gu');
    this.groupNames = t.groupNames;
  }

  /** regexp.MustCompile's panic text */
  static mustCompile(expr: string): GoRegexp {
    try {
      return new GoRegexp(expr);
    } catch (e) {
      throw new Error(`regexp: Compile(${quoteForRegexp(expr)}): ${(e as Error).message}`);
    }
  }

  /** the leftmost match starting at or after `from`, as [start, end, ...groups] (undefined for unmatched) */
  private execAt(s: string, from: number): RegExpExecArray | null {
    this.re.lastIndex = from;
    return this.re.exec(s);
  }

  matchString(s: string): boolean {
    return this.execAt(s, 0) !== null;
  }

  /** Go's allMatches loop: empty matches right after a previous match are dropped */
  allMatches(s: string, n: number): RegExpExecArray[] {
    const out: RegExpExecArray[] = [];
    if (n < 0) n = s.length + 1;
    let pos = 0;
    let prevEnd = -1;
    while (out.length < n && pos <= s.length) {
      const m = this.execAt(s, pos);
      if (!m) break;
      const end = m.index + m[0].length;
      let accept = true;
      if (end === pos) {
        if (m.index === prevEnd) accept = false;
        pos += runeWidth(s, pos);
      } else pos = end;
      prevEnd = end;
      if (accept) out.push(m);
    }
    return out;
  }

  findString(s: string): string {
    return this.execAt(s, 0)?.[0] ?? '';
  }

  findAllString(s: string, n: number): string[] {
    if (n === 0) return [];
    return this.allMatches(s, n).map((m) => m[0]);
  }

  replaceAll(s: string, replacement: (m: RegExpExecArray) => string): string {
    let out = '';
    let lastEnd = 0;
    let searchPos = 0;
    while (searchPos <= s.length) {
      const m = this.execAt(s, searchPos);
      if (!m) break;
      const start = m.index;
      const end = start + m[0].length;
      out += s.slice(lastEnd, start);
      if (end > lastEnd || start === 0) out += replacement(m);
      lastEnd = end;
      const width = runeWidth(s, searchPos);
      if (searchPos + width > end) searchPos += width;
      else if (searchPos + 1 > end) searchPos++;
      else searchPos = end;
    }
    return out + s.slice(lastEnd);
  }

  replaceAllString(s: string, template: string): string {
    return this.replaceAll(s, (m) => this.expand(template, m));
  }

  replaceAllLiteralString(s: string, repl: string): string {
    return this.replaceAll(s, () => repl);
  }

  /** regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; a name is the longest run of word characters */
  expand(template: string, m: RegExpExecArray): string {
    let out = '';
    let t = template;
    for (;;) {
      const i = t.indexOf('$');
      if (i < 0) break;
      out += t.slice(0, i);
      t = t.slice(i + 1);
      if (t.startsWith('$')) {
        out += '$';
        t = t.slice(1);
        continue;
      }
      let name: string | undefined;
      let restAfter = t;
      if (t.startsWith('{')) {
        const close = t.indexOf('}');
        const inner = close < 0 ? '' : t.slice(1, close);
        if (close > 0 && /^[\p{L}\p{Nd}_]+$/u.test(inner)) {
          name = inner;
          restAfter = t.slice(close + 1);
        }
      } else {
        const w = /^[\p{L}\p{Nd}_]+/u.exec(t);
        if (w) {
          name = w[0];
          restAfter = t.slice(w[0].length);
        }
      }
      if (name === undefined) {
        out += '$';
        continue;
      }
      t = restAfter;
      if (/^\d+$/.test(name)) {
        const num = Number(name);
        if (num < m.length && m[num] !== undefined) out += m[num];
        continue;
      }
      const idx = this.groupNames.indexOf(name);
      if (idx > 0 && m[idx] !== undefined) out += m[idx];
    }
    return out + t;
  }

  split(s: string, n: number): string[] {
    if (n === 0) return [];
    if (this.expr.length > 0 && s.length === 0) return [''];
    const matches = this.allMatches(s, n);
    const out: string[] = [];
    let beg = 0;
    let end = 0;
    for (const m of matches) {
      if (n > 0 && out.length === n - 1) break;
      end = m.index;
      const mEnd = m.index + m[0].length;
      if (mEnd !== 0) out.push(s.slice(beg, end));
      beg = mEnd;
    }
    if (end !== s.length) out.push(s.slice(beg));
    return out;
  }
}

function runeWidth(s: string, pos: number): number {
  if (pos >= s.length) return 1;
  const c = s.charCodeAt(pos);
  return c >= 0xd800 && c <= 0xdbff && pos + 1 < s.length ? 2 : 1;
}

/** regexp's quote(): backquoted when possible */
function quoteForRegexp(s: string): string {
  if (!s.includes('`') && !/[\x00-\x08\x0a-\x1f\x7f\ufeff]/.test(s)) return '`' + s + '`';
  return JSON.stringify(s);
}

/** regexp.QuoteMeta */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
