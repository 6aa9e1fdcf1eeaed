/**
 * TEMPORARY LOCAL SHIM — remove once `@helmts/gotemplate` exports its fmt (`sprint`, `sprintf`,
 * `formatValue`). Only the parts of Go's fmt that Sprig needs: `%v` of values (fmt.Sprint of one operand)
 * and `%q` of strings (strconv.Quote). Everything in the package reaches fmt through this file, so the
 * swap is a one-file change.
 */
import { isGoMap, isNil } from './go-values.js';

/** strconv.FormatFloat(f, 'g', -1, 64), i.e. `%v` of a float64. */
export function formatFloatShortest(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const neg = f < 0;
  const [mant, expPart] = Math.abs(f).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expPart);
  let out: string;
  if (exp < -4 || exp >= 6) {
    const frac = digits.slice(1);
    const e = Math.abs(exp);
    out = digits[0]! + (frac ? '.' + frac : '') + 'e' + (exp < 0 ? '-' : '+') + (e < 10 ? '0' + e : String(e));
  } else out = fixed(digits, exp);
  return neg ? '-' + out : out;
}

function fixed(digits: string, exp: number): string {
  if (exp < 0) return '0.' + '0'.repeat(-exp - 1) + digits;
  if (digits.length <= exp + 1) return digits + '0'.repeat(exp + 1 - digits.length);
  return digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
}

/** `%v` of one value. */
export function formatValue(v: unknown): string {
  return format(v, true);
}

function format(v: unknown, top: boolean): string {
  if (isNil(v)) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'number':
      return formatFloatShortest(v);
    case 'function':
      return '0x1';
  }
  if (Array.isArray(v)) return '[' + v.map((x) => format(x, false)).join(' ') + ']';
  if (v instanceof Uint8Array) return '[' + Array.from(v).join(' ') + ']';
  if (isGoMap(v)) {
    const keys = Object.keys(v).sort();
    return 'map[' + keys.map((k) => k + ':' + format(v[k], false)).join(' ') + ']';
  }
  const withString = v as { String?: () => string; Error?: () => string };
  if (typeof withString.Error === 'function') return withString.Error();
  if (typeof withString.String === 'function') return withString.String();
  const fields = Object.keys(v as object)
    .filter((k) => typeof (v as Record<string, unknown>)[k] !== 'function')
    .map((k) => format((v as Record<string, unknown>)[k], false));
  return (top ? '&{' : '{') + fields.join(' ') + '}';
}

/** fmt.Sprint(args...): spaces between operands when neither side is a string. */
export function sprint(...args: unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0 && typeof args[i] !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(args[i]);
  }
  return out;
}

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/** strconv.Quote: Go-syntax double-quoted string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (c === 0x20 || (c > 0x20 && c < 0x7f)) out += ch;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (c < 0x80 && c !== 0x20) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (PRINTABLE.test(ch)) out += ch;
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + '"';
}
