/** Go's fmt: Sprintf, Sprint, Sprintln over Go values as represented in JS (docs/value-model.md). */
import { goKind, goTypeName, hasValueMethod, sortedKeys } from '../go-values.js';
import { formatFloat } from './format-float.js';
import { canBackquote, quote, quoteRune } from './quote.js';

interface Flags {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  widPresent: boolean;
  prec: number;
  precPresent: boolean;
}

function noFlags(): Flags {
  return {
    minus: false,
    plus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    sharpV: false,
    wid: 0,
    widPresent: false,
    prec: 0,
    precPresent: false,
  };
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

function pad(s: string, f: Flags): string {
  if (!f.widPresent || f.wid === 0) return s;
  const n = f.wid - runeCount(s);
  if (n <= 0) return s;
  if (f.minus) return s + ' '.repeat(n);
  return (f.zero ? '0' : ' ').repeat(n) + s;
}

function truncate(s: string, f: Flags): string {
  if (!f.precPresent) return s;
  const chars = [...s];
  return chars.length > f.prec ? chars.slice(0, f.prec).join('') : s;
}

function badVerb(v: unknown, verb: string): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${printArg(v, 'v', noFlags(), 0)})`;
}

function hexOfBytes(bytes: Uint8Array, verb: string, f: Flags): string {
  const digits = verb === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  const limit = f.precPresent ? Math.min(f.prec, bytes.length) : bytes.length;
  let out = '';
  for (let i = 0; i < limit; i++) {
    if (f.space && i > 0) out += ' ';
    if (f.sharp && (f.space || i === 0)) out += verb === 'X' ? '0X' : '0x';
    out += digits[bytes[i] >> 4] + digits[bytes[i] & 15];
  }
  return pad(out, f);
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

function fmtString(s: string, verb: string, f: Flags): string {
  switch (verb) {
    case 'v':
      if (f.sharpV) return pad(quote(s), f);
      return pad(truncate(s, f), f);
    case 's':
      return pad(truncate(s, f), f);
    case 'q': {
      const t = truncate(s, f);
      if (f.sharp && canBackquote(t)) return pad('`' + t + '`', f);
      return pad(quote(t, f.plus), f);
    }
    case 'x':
    case 'X':
      return hexOfBytes(utf8.encode(s), verb, { ...f, precPresent: false });
  }
  return badVerb(s, verb);
}

function fmtInteger(n: bigint, verb: string, f: Flags): string {
  let base = 10;
  switch (verb) {
    case 'v':
    case 'd':
      break;
    case 'b':
      base = 2;
      break;
    case 'o':
    case 'O':
      base = 8;
      break;
    case 'x':
    case 'X':
      base = 16;
      break;
    case 'c':
      return pad(
        String.fromCodePoint(n >= 0n && n <= 0x10ffffn && !(n >= 0xd800n && n < 0xe000n) ? Number(n) : 0xfffd),
        f,
      );
    case 'q':
      return pad(quoteRune(Number(n), f.plus), f);
    case 'U': {
      let s = 'U+' + (n < 0n ? '-' + (-n).toString(16) : n.toString(16)).toUpperCase().padStart(4, '0');
      if (f.sharp && n >= 0n && n <= 0x10ffffn) s += " '" + String.fromCodePoint(Number(n)) + "'";
      return pad(s, f);
    }
    default:
      return badVerb(n, verb);
  }
  if (verb === 'v' && f.sharpV) {
    /* %#v of int prints decimal */
  }
  const negative = n < 0n;
  let digits = (negative ? -n : n).toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  let prec = 0;
  if (f.precPresent) {
    prec = f.prec;
    if (prec === 0 && n === 0n) {
      return pad('', { ...f, zero: false });
    }
  } else if (f.zero && !f.minus && f.widPresent) {
    prec = f.wid;
    if (negative || f.plus || f.space) prec--;
  }
  if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
  if (f.sharp) {
    if (base === 8 && digits[0] !== '0') digits = '0' + digits;
    else if (base === 16) digits = (verb === 'X' ? '0X' : '0x') + digits;
    else if (base === 2) digits = '0b' + digits;
  }
  if (verb === 'O') digits = '0o' + digits;
  if (negative) digits = '-' + digits;
  else if (f.plus) digits = '+' + digits;
  else if (f.space) digits = ' ' + digits;
  return pad(digits, { ...f, zero: false });
}

function fmtFloat(x: number, verb: string, f: Flags): string {
  let fmtChar: 'e' | 'E' | 'f' | 'F' | 'g' | 'G';
  let prec: number;
  switch (verb) {
    case 'v':
      fmtChar = 'g';
      prec = -1;
      break;
    case 'g':
    case 'G':
      fmtChar = verb;
      prec = -1;
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
      fmtChar = verb;
      prec = 6;
      break;
    case 'x':
    case 'X':
    case 'b':
      fmtChar = 'g';
      prec = -1;
      break; // rare; approximated
    default:
      return badVerb(x, verb);
  }
  if (f.precPresent) prec = f.prec;
  let num = formatFloat(x, fmtChar === 'F' ? 'f' : fmtChar, prec);
  if (f.sharp && (fmtChar === 'g' || fmtChar === 'G') && !/[.eEIN]/.test(num)) {
    // '#' keeps a decimal point
    num += '.';
  }
  if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
  if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
  if (num[1] === 'I' || num[1] === 'N') {
    if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
    return pad(num, { ...f, zero: false });
  }
  if (f.plus || num[0] !== '+') {
    if (f.zero && !f.minus && f.widPresent && f.wid > num.length) {
      return num[0] + '0'.repeat(f.wid - num.length) + num.slice(1);
    }
    return pad(num, f);
  }
  return pad(num.slice(1), f);
}

function stringerOf(v: object): string | undefined {
  if (v instanceof Error) return v.message;
  const e = (v as { Error?: unknown }).Error;
  if (typeof e === 'function' && hasValueMethod(v, 'Error')) return String(e.call(v));
  const s = (v as { String?: unknown }).String;
  if (typeof s === 'function' && hasValueMethod(v, 'String')) return String(s.call(v));
  return undefined;
}

function printArg(v: unknown, verb: string, f: Flags, depth: number, indirect = false): string {
  if (verb === 'T') return pad(goTypeName(v), f);
  switch (goKind(v)) {
    case 'invalid':
      if (depth > 0) return f.sharpV ? 'interface {}(nil)' : '<nil>';
      if (verb === 'v') return pad('<nil>', f);
      return badVerb(v, verb);
    case 'bool':
      if (verb === 'v' || verb === 't') return pad(v ? 'true' : 'false', f);
      return badVerb(v, verb);
    case 'int':
      return fmtInteger(v as bigint, verb, f);
    case 'float64':
      return fmtFloat(v as number, verb, f);
    case 'string':
      return fmtString(v as string, verb, f);
    case 'bytes': {
      const bytes = v as Uint8Array;
      if (verb === 's' || verb === 'q') return fmtString(utf8Decoder.decode(bytes), verb, f);
      if (verb === 'x' || verb === 'X') return hexOfBytes(bytes, verb, f);
      if (f.sharpV) return '[]byte{' + [...bytes].map((b) => '0x' + b.toString(16)).join(', ') + '}';
      return '[' + [...bytes].map((b) => fmtInteger(BigInt(b), verb, f)).join(' ') + ']';
    }
    case 'slice': {
      const arr = v as unknown[];
      if (f.sharpV) return '[]interface {}{' + arr.map((e) => printArg(e, verb, f, depth + 1)).join(', ') + '}';
      let out = '[';
      for (let i = 0; i < arr.length; i++) {
        if (i > 0) out += ' ';
        out += printArg(arr[i], verb, f, depth + 1);
      }
      return out + ']';
    }
    case 'map': {
      const m = v as Record<string, unknown>;
      const keys = sortedKeys(m);
      if (f.sharpV) {
        return (
          'map[string]interface {}{' +
          keys.map((k) => quote(k) + ':' + printArg(m[k], verb, f, depth + 1)).join(', ') +
          '}'
        );
      }
      let out = 'map[';
      for (let i = 0; i < keys.length; i++) {
        if (i > 0) out += ' ';
        out += printArg(keys[i], verb, f, depth + 1) + ':' + printArg(m[keys[i]], verb, f, depth + 1);
      }
      return out + ']';
    }
    case 'func':
      if (verb === 'v' || verb === 'p') return pad('0xc000001000', f);
      return badVerb(v, verb);
    case 'struct': {
      const obj = v as object;
      if (verb === 'p') return pad('0xc000002000', f);
      if (!f.sharpV && (verb === 'v' || verb === 's' || verb === 'q' || verb === 'x' || verb === 'X')) {
        const s = stringerOf(obj);
        if (s !== undefined) return fmtString(s, verb, f);
      }
      const fields = Object.keys(obj).filter((k) => typeof (obj as Record<string, unknown>)[k] !== 'function');
      const parts = fields.map((k) => {
        const val = printArg((obj as Record<string, unknown>)[k], verb, f, depth + 1);
        return f.plusV || f.sharpV ? `${k}:${val}` : val;
      });
      if (f.sharpV) return goTypeName(v) + '{' + parts.join(', ') + '}';
      // a pointer to a struct prints as &{...} at the top level (Go prints addresses deeper down)
      const ref = depth === 0 && !indirect && goTypeName(v).startsWith('*') ? '&' : '';
      return ref + '{' + parts.join(' ') + '}';
    }
  }
}

/** Go's %v of the value a pointer points to (text/template prints through pointers). */
export function formatIndirect(v: unknown): string {
  return printArg(v, 'v', noFlags(), 0, true);
}

/** Formats one value with a verb and no flags, e.g. formatValue(x, 'v') is Go's fmt.Sprint(x). */
export function formatValue(v: unknown, verb = 'v'): string {
  const f = noFlags();
  if (verb === '+v') {
    f.plusV = true;
    verb = 'v';
  } else if (verb === '#v') {
    f.sharpV = true;
    verb = 'v';
  }
  return printArg(v, verb, f, 0);
}

/** Go's fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(...args: unknown[]): string {
  let out = '';
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const isString = typeof args[i] === 'string';
    if (i > 0 && !isString && !prevString) out += ' ';
    out += printArg(args[i], 'v', noFlags(), 0);
    prevString = isString;
  }
  return out;
}

/** Go's fmt.Sprintln: spaces between all operands and a trailing newline. */
export function sprintln(...args: unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0) out += ' ';
    out += printArg(args[i], 'v', noFlags(), 0);
  }
  return out + '\n';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Go's fmt.Sprintf. */
export function sprintf(format: string, ...args: unknown[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  const end = format.length;
  let i = 0;
  while (i < end) {
    const lasti = i;
    while (i < end && format[i] !== '%') i++;
    if (i > lasti) out += format.slice(lasti, i);
    if (i >= end) break;
    i++; // skip %
    // the usual verbs without flags, width or precision: %s / %v of a string, %d / %v of an int
    if (argNum < args.length) {
      const c = format.charCodeAt(i);
      const a = args[argNum];
      if ((c === 115 || c === 118) && typeof a === 'string') {
        out += a;
        argNum++;
        i++;
        continue;
      }
      if ((c === 100 || c === 118) && typeof a === 'bigint') {
        out += a.toString();
        argNum++;
        i++;
        continue;
      }
    }
    const f = noFlags();
    flags: for (; i < end; i++) {
      switch (format[i]) {
        case '#':
          f.sharp = true;
          break;
        case '0':
          f.zero = !f.minus;
          break;
        case '+':
          f.plus = true;
          break;
        case '-':
          f.minus = true;
          f.zero = false;
          break;
        case ' ':
          f.space = true;
          break;
        default:
          break flags;
      }
    }
    let afterIndex = false;
    let goodArgNum = true;
    const argNumber = () => {
      if (format[i] !== '[') return;
      reordered = true;
      const close = format.indexOf(']', i);
      const n = close > i ? Number(format.slice(i + 1, close)) : NaN;
      if (close < 0 || !Number.isInteger(n) || n < 1 || format.slice(i + 1, close) === '') {
        goodArgNum = false;
        i = close < 0 ? end : close + 1;
        return;
      }
      i = close + 1;
      if (n - 1 >= args.length) {
        goodArgNum = false;
        return;
      }
      argNum = n - 1;
      afterIndex = true;
    };
    argNumber();
    if (format[i] === '*') {
      i++;
      const w = args[argNum];
      if (typeof w === 'bigint') {
        f.wid = Number(w);
        f.widPresent = true;
        argNum++;
        if (f.wid < 0) {
          f.minus = true;
          f.zero = false;
          f.wid = -f.wid;
        }
      } else {
        out += '%!(BADWIDTH)';
        if (argNum < args.length) argNum++;
      }
      afterIndex = false;
    } else {
      const start = i;
      while (isDigit(format[i])) i++;
      if (i > start) {
        f.wid = Number(format.slice(start, i));
        f.widPresent = true;
      }
      if (afterIndex && f.widPresent) goodArgNum = false;
    }
    if (format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      argNumber();
      if (format[i] === '*') {
        i++;
        const p = args[argNum];
        if (typeof p === 'bigint' && p >= 0n) {
          f.prec = Number(p);
          f.precPresent = true;
          argNum++;
        } else {
          out += '%!(BADPREC)';
          if (argNum < args.length) argNum++;
        }
        afterIndex = false;
      } else {
        const start = i;
        while (isDigit(format[i])) i++;
        f.prec = i > start ? Number(format.slice(start, i)) : 0;
        f.precPresent = true;
      }
    }
    if (!afterIndex) argNumber();
    if (i >= end) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (!goodArgNum) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    let v = verb;
    if (v === 'w') v = 'v';
    if (v === 'v') {
      f.sharpV = f.sharp;
      f.sharp = false;
      f.plusV = f.plus;
      f.plus = false;
    }
    out += printArg(args[argNum], v, f, 0);
    argNum++;
  }
  if (!reordered && argNum < args.length) {
    out += '%!(EXTRA ';
    for (let k = argNum; k < args.length; k++) {
      if (k > argNum) out += ', ';
      const a = args[k];
      out += a === null || a === undefined ? '<nil>' : goTypeName(a) + '=' + printArg(a, 'v', noFlags(), 0);
    }
    out += ')';
  }
  return out;
}
