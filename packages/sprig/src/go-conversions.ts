/**
 * Go's numeric conversions as Sprig reaches them: `cast.ToInt64`/`cast.ToFloat64` (spf13/cast, which
 * swallow errors into 0), `strconv.ParseInt`/`ParseFloat`, and float64 -> int64 conversion.
 */
import { isNil } from './go-values.js';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** Wraps to int64 like Go's fixed-width arithmetic. */
export function wrapInt64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** Go's `int64(f)`: truncation; NaN and out-of-range values give the amd64 result, math.MinInt64. */
function float64ToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 9223372036854775808 || f < -9223372036854775808) return INT64_MIN;
  return BigInt(Math.trunc(f));
}

/**
 * `strconv.ParseInt(s, base, 64)`; base 0 reads Go literal prefixes (0x, 0o, 0b, leading 0 = octal) and
 * allows `_` between digits. Returns undefined on a syntax or range error.
 */
export function parseGoInt(s: string, base: 0 | 8 | 10): bigint | undefined {
  let i = 0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    i = 1;
  }
  let body = s.slice(i);
  let radix: number = base === 0 ? 10 : base;
  let prefixed = false;
  if (base === 0 && body.length > 1 && body[0] === '0') {
    const p = body[1]!.toLowerCase();
    if (p === 'x' || p === 'o' || p === 'b') {
      radix = p === 'x' ? 16 : p === 'o' ? 8 : 2;
      body = body.slice(2);
    } else {
      radix = 8;
      body = body.slice(1);
    }
    prefixed = true;
  }
  if (base === 0 && body.includes('_')) {
    // underscores must sit between digits (or right after a base prefix)
    const bad = body.startsWith('_') ? !prefixed : false;
    if (bad || body.endsWith('_') || body.includes('__')) return undefined;
    body = body.replace(/_/g, '');
  }
  if (body === '') {
    if (prefixed && radix === 8 && s.replace(/^[+-]/, '') === '0') return 0n; // plain "0"
    return undefined;
  }
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, radix);
  let n = 0n;
  const r = BigInt(radix);
  for (const ch of body.toLowerCase()) {
    const d = digits.indexOf(ch);
    if (d < 0) return undefined;
    n = n * r + BigInt(d);
  }
  if (neg) n = -n;
  if (n < INT64_MIN || n > INT64_MAX) return undefined;
  return n;
}

const DECIMAL_FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/;
const SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;

/** `strconv.ParseFloat(s, 64)`; undefined on syntax or range error. */
function parseGoFloat(s: string): number | undefined {
  if (DECIMAL_FLOAT.test(s)) {
    const f = Number(s);
    return Number.isFinite(f) ? f : undefined;
  }
  const special = SPECIAL_FLOAT.exec(s);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  const hex = HEX_FLOAT.exec(s);
  if (hex && (hex[2] !== '' || hex[3] !== '')) {
    const mant = parseInt(hex[2]! + hex[3]! || '0', 16);
    const f = mant * Math.pow(2, Number(hex[4]) - 4 * hex[3]!.length);
    if (!Number.isFinite(f)) return undefined;
    return hex[1] === '-' ? -f : f;
  }
  return undefined;
}

/** spf13/cast's trimZeroDecimal: "12.000" -> "12" so that ParseInt accepts it. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') return foundZero ? s.slice(0, i - 1) : s;
    if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

/** `cast.ToInt64(v)` (also `cast.ToInt` on 64-bit): errors give 0. */
export function castToInt64(v: unknown): bigint {
  if (isNil(v)) return 0n;
  switch (typeof v) {
    case 'bigint':
      return wrapInt64(v);
    case 'number':
      return float64ToInt64(v);
    case 'boolean':
      return v ? 1n : 0n;
    case 'string':
      return parseGoInt(trimZeroDecimal(v), 0) ?? 0n;
  }
  return 0n;
}

/** `cast.ToFloat64(v)`: errors give 0. */
export function castToFloat64(v: unknown): number {
  if (isNil(v)) return 0;
  switch (typeof v) {
    case 'bigint':
      return Number(v);
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return parseGoFloat(v) ?? 0;
  }
  return 0;
}
