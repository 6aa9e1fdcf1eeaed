/**
 * go-yaml v2's implicit typing of plain scalars (YAML 1.1 flavoured): decides what an unquoted
 * scalar means when read, and therefore which strings must be quoted when written.
 */
export type ResolvedScalar =
  | { tag: 'null' }
  | { tag: 'bool'; value: boolean }
  | { tag: 'int'; value: bigint }
  | { tag: 'float'; value: number }
  | { tag: 'timestamp'; value: string }
  | { tag: 'merge' }
  | { tag: 'str'; value: string };

const MAPPED = new Map<string, ResolvedScalar>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])
  MAPPED.set(s, { tag: 'bool', value: true });
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])
  MAPPED.set(s, { tag: 'bool', value: false });
for (const s of ['', '~', 'null', 'Null', 'NULL']) MAPPED.set(s, { tag: 'null' });
for (const s of ['.nan', '.NaN', '.NAN']) MAPPED.set(s, { tag: 'float', value: NaN });
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) MAPPED.set(s, { tag: 'float', value: Infinity });
for (const s of ['-.inf', '-.Inf', '-.INF']) MAPPED.set(s, { tag: 'float', value: -Infinity });
MAPPED.set('<<', { tag: 'merge' });

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Every character that can occur in a plain int, float, base 60 float or timestamp. */
const NUMBER_OR_TIMESTAMP_CHARS = /^[-+0-9a-fA-F_.:xXoOtTzZ ]*$/;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function hintOf(s: string): 'S' | 'D' | 'M' | '.' | 'N' | null {
  if (s === '') return 'N';
  const c = s[0];
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return null;
}

/** What go-yaml v2 reads an untagged plain scalar as. */
export function resolvePlain(s: string): ResolvedScalar {
  const hint = hintOf(s);
  if (hint === null) return { tag: 'str', value: s };
  const mapped = MAPPED.get(s);
  if (mapped) return mapped;
  switch (hint) {
    case '.': {
      const f = parseGoFloat(s);
      if (f !== undefined) return { tag: 'float', value: f };
      break;
    }
    case 'D':
    case 'S': {
      // a character no number or timestamp contains (the `m` of "500m"): a string
      if (!NUMBER_OR_TIMESTAMP_CHARS.test(s)) break;
      if (isGoYamlTimestamp(s)) return { tag: 'timestamp', value: s };
      const plain = s.replace(/_/g, '');
      const i = parseGoInt(plain, true);
      if (i !== undefined && i >= INT64_MIN && i <= INT64_MAX) return { tag: 'int', value: i };
      const u = parseGoInt(plain, false);
      if (u !== undefined && u >= 0n && u <= UINT64_MAX) return { tag: 'int', value: u };
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = parseGoFloat(plain);
        if (f !== undefined) return { tag: 'float', value: f };
      }
      if (plain.startsWith('0b')) {
        const b = parseDigits(plain.slice(2), 2);
        if (b !== undefined && b <= UINT64_MAX) return { tag: 'int', value: b };
      } else if (plain.startsWith('-0b')) {
        const b = parseDigits(plain.slice(3), 2);
        if (b !== undefined && -b >= INT64_MIN) return { tag: 'int', value: -b };
      }
      break;
    }
    default:
      break;
  }
  return { tag: 'str', value: s };
}

/** go-yaml v2 writes a string unquoted only if reading it back gives the same string. */
export function canBePlainString(s: string): boolean {
  // most keys and words: no numeric hint (and so no base 60 float), or only the bool/null words
  const hint = hintOf(s);
  if (hint === null) return true;
  if (hint === 'M') return !MAPPED.has(s);
  return resolvePlain(s).tag === 'str' && !isBase60Float(s);
}

function isBase60Float(s: string): boolean {
  if (s === '') return false;
  const c = s[0];
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return BASE60_FLOAT.test(s);
}

function parseDigits(s: string, base: number): bigint | undefined {
  if (s === '') return undefined;
  if (base === 10 && s.length <= 15) {
    // the common case (quantities such as "500m" reach here too): check digits without BigInt steps
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
    }
    return BigInt(Number(s));
  }
  let v = 0n;
  const b = BigInt(base);
  for (const ch of s) {
    const d = parseInt(ch, 36);
    if (Number.isNaN(d) || d >= base) return undefined;
    v = v * b + BigInt(d);
  }
  return v;
}

/** strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) without the range check. */
function parseGoInt(s: string, signed: boolean): bigint | undefined {
  let neg = false;
  let body = s;
  if (signed && (body[0] === '+' || body[0] === '-')) {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  let base = 10;
  if (body.length > 1 && body[0] === '0') {
    const p = body[1].toLowerCase();
    if (p === 'x') {
      base = 16;
      body = body.slice(2);
    } else if (p === 'o') {
      base = 8;
      body = body.slice(2);
    } else if (p === 'b') {
      base = 2;
      body = body.slice(2);
    } else {
      base = 8;
      body = body.slice(1);
    }
  }
  const v = parseDigits(body, base);
  if (v === undefined) return undefined;
  return neg ? -v : v;
}

const GO_DECIMAL_FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const GO_SPECIAL_FLOAT = /^[+-]?(?:inf|infinity|nan)$/i;

/** strconv.ParseFloat(s, 64) for the decimal forms YAML can produce; undefined on error/overflow. */
export function parseGoFloat(s: string): number | undefined {
  if (GO_SPECIAL_FLOAT.test(s)) {
    const lower = s.toLowerCase();
    if (lower.endsWith('nan')) return NaN;
    return lower.startsWith('-') ? -Infinity : Infinity;
  }
  if (!GO_DECIMAL_FLOAT.test(s)) return undefined;
  const f = Number(s);
  if (!Number.isFinite(f)) return undefined;
  return f;
}

const DATE_ONLY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})| (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?)$/;

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The timestamp layouts go-yaml v2 tries with time.Parse. */
function isGoYamlTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  const m = DATE_ONLY.exec(s) ?? DATE_TIME.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return false;
  const h = m[4] ?? m[7];
  const mi = m[5] ?? m[8];
  const sec = m[6] ?? m[9];
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59)) return false;
  return true;
}
