/** Sprig's string functions. */
import { randomInt } from 'node:crypto';
import { argInt, argString } from '../args.js';
import { formatValue, goQuote } from '@helmts/gotemplate';
import { goFunc, type FuncMap } from '../go-func.js';
import {
  fromUtf8,
  goToLower,
  goToUpper,
  goTrim,
  goTrimSpace,
  isGoSpace,
  isLetterRune,
  isLowerRune,
  isNumberRune,
  isPunctRune,
  isTitleRune,
  isUpperRune,
  latin1Char,
  runeToLower,
  runeToTitle,
  runeToUpper,
  sliceBytes,
  utf8Bytes,
} from '../go-strings.js';
import { isNil } from '../go-values.js';
import { strslice, strval } from '../strval.js';

export function stringFunctions(): FuncMap {
  const indented = new IndentMemo();
  const S = 'string';
  return {
    hello: goFunc('', () => 'Hello!'),
    abbrev: goFunc('int, string', (w, s) => abbrev(argInt(w), argString(s))),
    abbrevboth: goFunc('int, int, string', (l, r, s) => abbrevboth(argInt(l), argInt(r), argString(s))),
    trunc: goFunc('int, string', (c, s) => trunc(argInt(c), argString(s))),
    trim: goFunc(S, (s) => goTrimSpace(argString(s))),
    upper: goFunc(S, (s) => goToUpper(argString(s))),
    lower: goFunc(S, (s) => goToLower(argString(s))),
    title: goFunc(S, (s) => goTitle(argString(s))),
    untitle: goFunc(S, (s) => untitle(argString(s))),
    substr: goFunc('int, int, string', (a, b, s) => substr(argInt(a), argInt(b), argString(s))),
    repeat: goFunc('int, string', (n, s) => {
      const count = argInt(n);
      if (count < 0) throw new Error('strings: negative Repeat count');
      return argString(s).repeat(count);
    }),
    trimall: goFunc('string, string', (a, b) => goTrim(argString(b), argString(a))),
    trimAll: goFunc('string, string', (a, b) => goTrim(argString(b), argString(a))),
    trimSuffix: goFunc('string, string', (a, b) => {
      const suf = argString(a);
      const s = argString(b);
      return suf !== '' && s.endsWith(suf) ? s.slice(0, s.length - suf.length) : s;
    }),
    trimPrefix: goFunc('string, string', (a, b) => {
      const pre = argString(a);
      const s = argString(b);
      return s.startsWith(pre) ? s.slice(pre.length) : s;
    }),
    nospace: goFunc(S, (s) => nospace(argString(s))),
    initials: goFunc(S, (s) => initials(argString(s))),
    randAlphaNum: goFunc('int', (n) => randomString(argInt(n), ALPHANUMERIC)),
    randAlpha: goFunc('int', (n) => randomString(argInt(n), ALPHA)),
    randAscii: goFunc('int', (n) => randomString(argInt(n), ASCII_PRINTABLE)),
    randNumeric: goFunc('int', (n) => randomString(argInt(n), DIGITS)),
    swapcase: goFunc(S, (s) => swapcase(argString(s))),
    shuffle: goFunc(S, (s) => shuffle(argString(s))),
    snakecase: goFunc(S, (s) => camelCaseToLowerCase(argString(s), '_')),
    camelcase: goFunc(S, (s) => toPascalCase(argString(s))),
    kebabcase: goFunc(S, (s) => camelCaseToLowerCase(argString(s), '-')),
    wrap: goFunc('int, string', (l, s) => wrapCustom(argString(s), argInt(l), '', false)),
    wrapWith: goFunc('int, string, string', (l, sep, s) => wrapCustom(argString(s), argInt(l), argString(sep), true)),
    contains: goFunc('string, string', (sub, s) => argString(s).includes(argString(sub))),
    hasPrefix: goFunc('string, string', (p, s) => argString(s).startsWith(argString(p))),
    hasSuffix: goFunc('string, string', (p, s) => argString(s).endsWith(argString(p))),
    quote: goFunc('...interface {}', (...xs: unknown[]) => {
      if (xs.length === 1 && typeof xs[0] === 'string') return goQuote(xs[0]);
      return xs
        .filter((x) => !isNil(x))
        .map((x) => goQuote(strval(x)))
        .join(' ');
    }),
    squote: goFunc('...interface {}', (...xs: unknown[]) =>
      xs
        .filter((x) => !isNil(x))
        .map((x) => `'${formatValue(x)}'`)
        .join(' '),
    ),
    cat: goFunc('...interface {}', (...xs: unknown[]) =>
      xs
        .filter((x) => !isNil(x))
        .map((x) => formatValue(x))
        .join(' '),
    ),
    indent: goFunc('int, string', (n, s) => indented.get(argInt(n), argString(s), false)),
    nindent: goFunc('int, string', (n, s) => indented.get(argInt(n), argString(s), true)),
    replace: goFunc('string, string, string', (o, n, s) => replaceAll(argString(s), argString(o), argString(n))),
    plural: goFunc('string, string, int', (one, many, n) => (argInt(n) === 1 ? argString(one) : argString(many))),
    toString: goFunc('interface {}', (v) => strval(v)),
    toStrings: goFunc('interface {}', (v) => strslice(v)),
    join: goFunc('string, interface {}', (sep, v) => strslice(v).join(argString(sep))),
    sortAlpha: goFunc('interface {}', (v) => sortAlpha(v)),
    split: goFunc('string, string', (sep, s) => indexMap(goSplit(argString(s), argString(sep), -1))),
    splitn: goFunc('string, int, string', (sep, n, s) => indexMap(goSplit(argString(s), argString(sep), argInt(n)))),
    splitList: goFunc('string, string', (sep, s) => goSplit(argString(s), argString(sep), -1)),
  };
}

function abbrev(width: number, s: string): string {
  if (width < 4) return s;
  return abbreviateFull(s, 0, width);
}

function abbrevboth(left: number, right: number, s: string): string {
  if (right < 4 || (left > 0 && right < 7)) return s;
  return abbreviateFull(s, left, right);
}

/** goutils.AbbreviateFull (byte offsets), errors swallowed into "" as Sprig does */
function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  if (str === '') return '';
  if (maxWidth < 4) return '';
  const b = utf8Bytes(str);
  const len = b.length;
  if (len <= maxWidth) return str;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  const marker = '...';
  if (offset <= 4) return fromUtf8(b.subarray(0, maxWidth - 3)) + marker;
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < len) return marker + abbreviateFull(fromUtf8(b.subarray(offset)), 0, maxWidth - 3);
  return marker + fromUtf8(b.subarray(len - (maxWidth - 3)));
}

function trunc(c: number, s: string): string {
  const b = utf8Bytes(s);
  if (c < 0 && b.length + c > 0) return fromUtf8(b.subarray(b.length + c));
  if (c >= 0 && b.length > c) return fromUtf8(b.subarray(0, c));
  return s;
}

function substr(start: number, end: number, s: string): string {
  const b = utf8Bytes(s);
  if (start < 0) return fromUtf8(sliceBytes(b, undefined, end));
  if (end < 0 || end > b.length) return fromUtf8(sliceBytes(b, start, undefined));
  return fromUtf8(sliceBytes(b, start, end));
}

/** strings.Title: upper-case (title-case) the first letter of each word; words break at Go's isSeparator. */
function goTitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isTitleSeparator(prev) ? runeToTitle(ch) : ch;
    prev = ch;
  }
  return out;
}

function isTitleSeparator(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if (c <= 0x7f) {
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f) return false;
    return true;
  }
  if (isLetterRune(ch) || /\p{Nd}/u.test(ch)) return false;
  return isGoSpace(c);
}

/** goutils.Uncapitalize: lower-case the first letter of each whitespace-separated word */
function untitle(s: string): string {
  let next = true;
  let out = '';
  for (const ch of s) {
    if (isGoSpace(ch.codePointAt(0)!)) {
      next = true;
      out += ch;
    } else if (next) {
      out += runeToLower(ch);
      next = false;
    } else out += ch;
  }
  return out;
}

/**
 * goutils.DeleteWhiteSpace works on bytes and writes each kept byte as a rune, so when anything is removed
 * non-ASCII text comes out as Latin-1 mojibake (and 0x85/0xA0 bytes inside UTF-8 sequences vanish).
 */
function nospace(s: string): string {
  if (s === '') return s;
  const b = utf8Bytes(s);
  let out = '';
  let kept = 0;
  for (const byte of b) {
    if (!isGoSpace(byte)) {
      out += latin1Char(byte);
      kept++;
    }
  }
  return kept === b.length ? s : out;
}

/** goutils.Initials, byte-wise like nospace */
function initials(s: string): string {
  if (s === '') return s;
  let out = '';
  let gap = true;
  for (const byte of utf8Bytes(s)) {
    if (isGoSpace(byte)) gap = true;
    else if (gap) {
      out += latin1Char(byte);
      gap = false;
    }
  }
  return out;
}

/** goutils.SwapCase (word-based: a lower-case letter after whitespace becomes title case) */
function swapcase(s: string): string {
  let whitespace = true;
  let out = '';
  for (const ch of s) {
    if (isUpperRune(ch) || isTitleRune(ch)) {
      out += runeToLower(ch);
      whitespace = false;
    } else if (isLowerRune(ch)) {
      out += whitespace ? runeToTitle(ch) : runeToUpper(ch);
      whitespace = false;
    } else {
      out += ch;
      whitespace = isGoSpace(ch.codePointAt(0)!);
    }
  }
  return out;
}

function shuffle(s: string): string {
  const runes = Array.from(s);
  for (let i = runes.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [runes[i], runes[j]] = [runes[j]!, runes[i]!];
  }
  return runes.join('');
}

const DIGITS = '0123456789';
const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALPHANUMERIC = ALPHA + DIGITS;
const ASCII_PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/** goutils.CryptoRandom* : negative counts are an error that Sprig swallows into "" */
function randomString(count: number, alphabet: string): string {
  if (count <= 0) return '';
  let out = '';
  for (let i = 0; i < count; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** goutils.WrapCustom (byte offsets; only ASCII spaces break lines) */
function wrapCustom(str: string, wrapLength: number, newLine: string, wrapLongWords: boolean): string {
  if (str === '') return '';
  if (newLine === '') newLine = '\n';
  if (wrapLength < 1) wrapLength = 1;
  const b = utf8Bytes(str);
  const len = b.length;
  const SPACE = 0x20;
  let offset = 0;
  let out = '';
  const text = (lo: number, hi: number) => fromUtf8(b.subarray(lo, hi));
  while (len - offset > wrapLength) {
    if (b[offset] === SPACE) {
      offset++;
      continue;
    }
    const end = Math.min(wrapLength + offset + 1, len);
    const spaceAt = b.subarray(offset, end).lastIndexOf(SPACE) + offset;
    if (spaceAt >= offset) {
      out += text(offset, spaceAt) + newLine;
      offset = spaceAt + 1;
    } else if (wrapLongWords) {
      out += text(offset, wrapLength + offset) + newLine;
      offset += wrapLength;
    } else {
      const e = wrapLength + offset;
      const idx = b.subarray(e).indexOf(SPACE);
      if (idx === -1) {
        out += text(offset, len);
        offset = len;
      } else {
        out += text(offset, idx + e) + newLine;
        offset = idx + e + 1;
      }
    }
  }
  return out + text(offset, len);
}

function indent(spaces: number, s: string): string {
  const pad = ' '.repeat(Math.max(spaces, 0));
  return pad + s.replaceAll('\n', '\n' + pad);
}

/**
 * indent and nindent by text and width. Charts indent the same text over and over (`include
 * "labels" . | nindent 4` in every template, toYaml of the same values), and the engine hands back
 * the same string for a repeated include or toYaml: each is indented once per width. Bounded:
 * texts up to MAX_TEXT characters, at most MAX_TEXTS of them (then it starts over).
 */
class IndentMemo {
  private static readonly MAX_TEXT = 8192;
  private static readonly MAX_TEXTS = 512;
  /** by text: the results, at spaces * 2 (indent) and spaces * 2 + 1 (nindent) */
  private readonly byText = new Map<string, string[]>();

  get(spaces: number, s: string, newline: boolean): string {
    if (s.length > IndentMemo.MAX_TEXT || spaces < 0 || spaces > 256) return (newline ? '\n' : '') + indent(spaces, s);
    let results = this.byText.get(s);
    if (results === undefined) {
      if (this.byText.size >= IndentMemo.MAX_TEXTS) this.byText.clear();
      results = [];
      this.byText.set(s, results);
    }
    const slot = spaces * 2 + (newline ? 1 : 0);
    return (results[slot] ??= (newline ? '\n' : '') + indent(spaces, s));
  }
}

/** strings.Replace(s, old, new, -1); an empty `old` inserts `new` around every rune */
function replaceAll(s: string, old: string, repl: string): string {
  if (old === '') return repl + Array.from(s).join(repl) + (s === '' ? '' : repl);
  return s.split(old).join(repl);
}

/** strings.SplitN (n < 0: all; n == 0: none); an empty separator splits into runes */
function goSplit(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  let parts: string[];
  if (sep === '') {
    parts = Array.from(s);
    if (n > 0 && parts.length > n) parts = [...parts.slice(0, n - 1), parts.slice(n - 1).join('')];
    return parts;
  }
  parts = s.split(sep);
  if (n > 0 && parts.length > n) parts = [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
  return parts;
}

function indexMap(parts: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  parts.forEach((p, i) => (out['_' + i] = p));
  return out;
}

function sortAlpha(v: unknown): string[] {
  if (Array.isArray(v)) return strslice(v).sort(compareGoStrings);
  return [strval(v)];
}

/** Go compares strings by UTF-8 bytes */
function compareGoStrings(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a), Buffer.from(b));
}

// ---- xstrings case conversion ----

function isConnector(ch: string): boolean {
  return ch === '-' || ch === '_' || isGoSpace(ch.codePointAt(0)!);
}

/** xstrings.ToPascalCase (Sprig's `camelcase`) */
function toPascalCase(str: string): string {
  if (str === '') return '';
  const runes = Array.from(str);
  let out = '';
  let i = 0;
  let r0 = '';
  let firstUpper = false;
  let sawRune = false;
  while (i < runes.length) {
    r0 = runes[i++]!;
    sawRune = true;
    if (!isConnector(r0)) {
      firstUpper = isUpperRune(r0);
      r0 = runeToUpper(r0);
      break;
    }
    out += r0;
  }
  if (sawRune && i >= runes.length) return out + r0;
  while (i < runes.length) {
    const r1 = r0;
    r0 = runes[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      out += r1;
      continue;
    }
    if (isConnector(r1)) {
      firstUpper = isUpperRune(r0);
      r0 = runeToUpper(r0);
    } else {
      if (firstUpper) {
        if (isUpperRune(r0)) r0 = runeToLower(r0);
        else firstUpper = false;
      }
      out += r1;
    }
  }
  return out + r0;
}

const enum WordType {
  Invalid,
  Number,
  UpperCase,
  Alphabet,
  Connector,
  Punct,
  Other,
}

/** xstrings' isAlphabet: a letter that is not a CJK ideograph */
function isAlphabet(ch: string): boolean {
  if (!isLetterRune(ch)) return false;
  const c = ch.codePointAt(0)!;
  if (c < 0x3400) return true;
  return !((c >= 0x4e00 && c <= 0x9fcc) || (c >= 0x3400 && c <= 0x4d85) || (c >= 0x20000 && c <= 0x2b81d));
}

interface Word {
  type: WordType;
  word: string[];
  rest: string[];
}

function nextWord(runes: string[]): Word {
  if (runes.length === 0) return { type: WordType.Invalid, word: [], rest: [] };
  const r = runes[0]!;
  let n = 1;
  const take = (pred: (c: string) => boolean) => {
    while (n < runes.length && pred(runes[n]!)) n++;
  };
  let type: WordType;
  if (isConnector(r)) {
    type = WordType.Connector;
    take(isConnector);
  } else if (isPunctRune(r)) {
    type = WordType.Punct;
    take(isPunctRune);
  } else if (isUpperRune(r)) {
    type = WordType.UpperCase;
    if (n < runes.length) {
      const r1 = runes[n]!;
      if (isUpperRune(r1)) {
        take(isUpperRune);
        // an upper-case run followed by a letter leaves its last capital to start the next word
        if (n < runes.length && isAlphabet(runes[n]!)) n--;
      } else if (isAlphabet(r1)) {
        take((c) => isAlphabet(c) && !isUpperRune(c));
      }
    }
  } else if (isAlphabet(r)) {
    type = WordType.Alphabet;
    take((c) => isAlphabet(c) && !isUpperRune(c));
  } else if (isNumberRune(r)) {
    type = WordType.Number;
    take(isNumberRune);
  } else {
    type = WordType.Other;
    take((c) => !(isConnector(c) || isAlphabet(c) || isNumberRune(c) || isPunctRune(c)));
  }
  return { type, word: runes.slice(0, n), rest: runes.slice(n) };
}

function writeLower(type: WordType, word: string[], connector: string): string {
  if (type !== WordType.UpperCase && type !== WordType.Connector) return word.join('');
  return word.map((c) => (isConnector(c) ? connector : isUpperRune(c) ? runeToLower(c) : c)).join('');
}

/** xstrings' camelCaseToLowerCase (Sprig's `snakecase`/`kebabcase`) */
function camelCaseToLowerCase(str: string, connector: string): string {
  if (str === '') return '';
  let out = '';
  let { type: wt, word, rest } = nextWord(Array.from(str));
  while (rest.length > 0) {
    if (wt !== WordType.Connector) out += writeLower(wt, word, connector);
    const prev = wt;
    const last = word;
    ({ type: wt, word, rest } = nextWord(rest));
    switch (prev) {
      case WordType.Number:
        while (wt === WordType.Alphabet || wt === WordType.Number) {
          out += writeLower(wt, word, connector);
          ({ type: wt, word, rest } = nextWord(rest));
        }
        if (wt !== WordType.Invalid && wt !== WordType.Punct && wt !== WordType.Connector) out += connector;
        break;
      case WordType.Connector:
        out += writeLower(prev, last, connector);
        break;
      case WordType.Punct:
        break;
      default: {
        if (wt !== WordType.Number) {
          if (wt !== WordType.Connector && wt !== WordType.Punct) out += connector;
          break;
        }
        if (rest.length === 0) break;
        const num = word;
        ({ type: wt, word, rest } = nextWord(rest));
        if (wt !== WordType.Alphabet) {
          out += writeLower(WordType.Number, num, connector);
          if (wt !== WordType.Connector && wt !== WordType.Punct) out += connector;
          break;
        }
        out += connector + writeLower(WordType.Number, num, connector);
        while (wt === WordType.Alphabet || wt === WordType.Number) {
          out += writeLower(wt, word, connector);
          ({ type: wt, word, rest } = nextWord(rest));
        }
        if (wt !== WordType.Invalid && wt !== WordType.Connector && wt !== WordType.Punct) out += connector;
      }
    }
  }
  return out + writeLower(wt, word, connector);
}
