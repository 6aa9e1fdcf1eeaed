/**
 * A TOML encoder in the manner of BurntSushi/toml (what Helm's toToml uses): top-level keys with
 * plain values first (sorted), then sub-tables as [a.b] sections, arrays of tables as [[a]].
 */
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

function key(k: string): string {
  return BARE_KEY.test(k) ? k : quoteString(k);
}

function floatText(f: number): string {
  if (Number.isNaN(f)) return 'nan';
  if (!Number.isFinite(f)) return f > 0 ? 'inf' : '-inf';
  if (Number.isInteger(f) && Math.abs(f) < 1e16) return `${f}.0`;
  return String(f).replace('e+', 'e');
}

function inlineValue(v: unknown): string {
  if (v === null || v === undefined) throw new Error('toml: cannot encode a nil value');
  switch (typeof v) {
    case 'string':
      return quoteString(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'number':
      return floatText(v);
    default:
      break;
  }
  if (Array.isArray(v)) return `[${v.map(inlineValue).join(', ')}]`;
  if (isMap(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${key(k)} = ${inlineValue(v[k])}`).join(', ')}}`;
  }
  return quoteString(String(v));
}

function isArrayOfTables(v: unknown): v is Array<Record<string, unknown>> {
  return Array.isArray(v) && v.length > 0 && v.every(isMap);
}

function encodeTable(m: Record<string, unknown>, path: string[], indent: string, out: string[]): void {
  const keys = Object.keys(m).sort();
  for (const k of keys) {
    const v = m[k];
    if (v === null || v === undefined || isMap(v) || isArrayOfTables(v)) continue;
    out.push(`${indent}${key(k)} = ${inlineValue(v)}\n`);
  }
  for (const k of keys) {
    const v = m[k];
    const sub = [...path, key(k)];
    if (isMap(v)) {
      out.push(`${out.length > 0 ? '\n' : ''}${indent}[${sub.join('.')}]\n`);
      encodeTable(v, sub, indent + '  ', out);
    } else if (isArrayOfTables(v)) {
      for (const item of v) {
        out.push(`${out.length > 0 ? '\n' : ''}${indent}[[${sub.join('.')}]]\n`);
        encodeTable(item, sub, indent + '  ', out);
      }
    }
  }
}

export function toToml(v: unknown): string {
  if (!isMap(v)) throw new Error('toml: top-level values must be Go maps or structs');
  const out: string[] = [];
  encodeTable(v, [], '', out);
  return out.join('');
}
