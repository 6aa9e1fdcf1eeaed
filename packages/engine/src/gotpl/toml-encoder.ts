/**
 * A TOML encoder in the manner of BurntSushi/toml (what Helm's toToml uses): top-level keys with
 * plain values first (sorted), then sub-tables as [a.b] sections, arrays of tables as [[a]]; a blank
 * line before each top-level table and each array-of-tables entry, none before a nested table.
 *
 * Helm 2 used its v0.3.1, which is stricter (`TomlVersion` 'v0.3.1'): an array's elements must all
 * have one TOML type (`[1, 1.5]`, int then float, is refused) and an empty key is refused.
 */
import { formatGoFloatG } from '@helmts/goyaml';

export type TomlVersion = 'v0.3.1' | 'v1';

const errors = {
  nilElement: 'toml: cannot encode array with nil element',
  mixedTypes: 'toml: cannot encode array with mixed element types',
  tableInArray: 'toml: TOML array element cannot contain a table',
};
function isMap(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Uint8Array) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

function quoteString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      default:
        out += c < 0x20 || c === 0x7f ? `\\u${c.toString(16).toUpperCase().padStart(4, '0')}` : ch;
    }
  }
  return out + '"';
}

/** v0.3.1 escapes only tab, newline, carriage return, quote and backslash in a string. */
function quoteStringV031(s: string): string {
  return `"${s.replace(/[\t\n\r"\\]/g, (c) => V031_ESCAPES[c] as string)}"`;
}
const V031_ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

function stringText(s: string, version: TomlVersion): string {
  return version === 'v0.3.1' ? quoteStringV031(s) : quoteString(s);
}

/** A key, quoted unless bare; v0.3.1 escapes only quotes in it (and an empty key is bare). */
function key(k: string, version: TomlVersion): string {
  if (version === 'v0.3.1') return /^[A-Za-z0-9_-]*$/.test(k) ? k : `"${k.replace(/"/g, '\\"')}"`;
  return BARE_KEY.test(k) ? k : quoteString(k);
}

/** Go's strconv.FormatFloat(f, 'f', -1, 64): the shortest digits, never an exponent. */
function goFixed(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  const sign = f < 0 || Object.is(f, -0) ? '-' : '';
  const text = String(Math.abs(f));
  const m = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return sign + text;
  const digits = m[1]! + (m[2] ?? '');
  const point = m[1]!.length + Number(m[3]);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** v0.3.1 writes a float in full (`1000000.0`, `NaN.0`); v1 as Go's %g, with `.0` when that looks integral. */
function floatText(f: number, version: TomlVersion): string {
  if (version === 'v0.3.1') {
    const fixed = goFixed(f);
    return fixed.includes('.') ? fixed : `${fixed}.0`;
  }
  if (Number.isNaN(f)) return 'nan';
  if (!Number.isFinite(f)) return f > 0 ? 'inf' : '-inf';
  const g = formatGoFloatG(f);
  return /[.e]/.test(g) ? g : `${g}.0`;
}

/** TOML's type of a value, as v0.3.1 compares array elements (an int and a float differ). */
function tomlType(v: unknown): string {
  if (typeof v === 'bigint') return 'Integer';
  if (typeof v === 'number') return 'Float';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  if (Array.isArray(v)) return isArrayOfTables(v) ? 'ArrayHash' : 'Array';
  if (isMap(v)) return 'Hash';
  return 'String';
}

function checkArray(items: unknown[], version: TomlVersion): void {
  if (items.some((item) => item === null || item === undefined)) throw new Error(errors.nilElement);
  if (version !== 'v0.3.1' || items.length === 0) return;
  const first = tomlType(items[0]);
  if (items.some((item) => tomlType(item) !== first)) throw new Error(errors.mixedTypes);
  if ((first === 'Array' || first === 'ArrayHash') && Array.isArray(items[0])) {
    const nested = items[0].length > 0 ? tomlType(items[0][0]) : undefined;
    if (nested === 'Hash' || nested === 'ArrayHash') throw new Error(errors.tableInArray);
  }
}

function inlineValue(v: unknown, version: TomlVersion): string {
  if (v === null || v === undefined) throw new Error(errors.nilElement);
  switch (typeof v) {
    case 'string':
      return stringText(v, version);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'number':
      return floatText(v, version);
    default:
      break;
  }
  if (Array.isArray(v)) {
    checkArray(v, version);
    return `[${v.map((item) => inlineValue(item, version)).join(', ')}]`;
  }
  if (isMap(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${key(k, version)} = ${inlineValue(v[k], version)}`).join(', ')}}`;
  }
  return stringText(String(v), version);
}

function isArrayOfTables(v: unknown): v is Array<Record<string, unknown>> {
  return Array.isArray(v) && v.length > 0 && v.every(isMap);
}

function encodeTable(
  m: Record<string, unknown>,
  path: string[],
  indent: string,
  out: string[],
  version: TomlVersion,
): void {
  const keys = Object.keys(m).sort();
  if (version === 'v0.3.1' && keys.includes('')) {
    // its message quotes the whole key path, the empty part as nothing
    const whole = [...path, ''].join('.');
    throw new Error(`toml: Key '${whole}' is not a valid table name. Key names cannot be empty.`);
  }
  for (const k of keys) {
    const v = m[k];
    if (v === null || v === undefined || isMap(v) || isArrayOfTables(v)) continue;
    out.push(`${indent}${key(k, version)} = ${inlineValue(v, version)}\n`);
  }
  for (const k of keys) {
    const v = m[k];
    const sub = [...path, key(k, version)];
    if (isMap(v)) {
      // a blank line before a top-level table only (once something was written)
      out.push(`${out.length > 0 && path.length === 0 ? '\n' : ''}${indent}[${sub.join('.')}]\n`);
      encodeTable(v, sub, indent + '  ', out, version);
    } else if (isArrayOfTables(v)) {
      for (const item of v) {
        out.push(`${out.length > 0 ? '\n' : ''}${indent}[[${sub.join('.')}]]\n`);
        encodeTable(item, sub, indent + '  ', out, version);
      }
    }
  }
}

export function toToml(v: unknown, version: TomlVersion = 'v1'): string {
  if (!isMap(v)) throw new Error('toml: top-level values must be Go maps or structs');
  const out: string[] = [];
  encodeTable(v, [], '', out, version);
  return out.join('');
}
