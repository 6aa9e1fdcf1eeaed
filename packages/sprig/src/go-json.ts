/**
 * Go's encoding/json Marshal/MarshalIndent over the value model: map keys sorted, `<`, `>`, `&`
 * escaped as \u003c etc. unless escapeHTML is off, U+2028/U+2029 always escaped, float64 in
 * encoding/json's format, bigint as integers, []byte as base64, structs as their own fields in order.
 */
import { isGoMap, isNil } from './go-values.js';

export interface GoJsonOptions {
  /** default true, as json.Marshal */
  escapeHTML?: boolean;
  /** MarshalIndent's indent; empty/absent means compact */
  indent?: string;
  /** MarshalIndent's prefix */
  prefix?: string;
}

export class GoJsonError extends Error {}

export function goJsonMarshal(value: unknown, options: GoJsonOptions = {}): string {
  const escapeHTML = options.escapeHTML ?? true;
  const indent = options.indent ?? '';
  const prefix = options.prefix ?? '';
  const pretty = indent !== '' || prefix !== '';
  const seen = new Set<object>();

  const encode = (v: unknown, depth: number): string => {
    if (isNil(v)) return 'null';
    switch (typeof v) {
      case 'string':
        return jsonString(v, escapeHTML);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'bigint':
        return v.toString();
      case 'number':
        return jsonFloat(v);
      case 'function':
        throw new GoJsonError('json: unsupported type: func()');
    }
    if (v instanceof Uint8Array) return '"' + Buffer.from(v).toString('base64') + '"';
    const obj = v as object;
    if (seen.has(obj)) throw new GoJsonError('json: unsupported value: encountered a cycle');
    seen.add(obj);
    try {
      const nl = (d: number) => (pretty ? '\n' + prefix + indent.repeat(d) : '');
      if (Array.isArray(obj)) {
        if (obj.length === 0) return '[]';
        return '[' + obj.map((x) => nl(depth + 1) + encode(x, depth + 1)).join(',') + nl(depth) + ']';
      }
      const custom = (obj as { toGoJSON?: () => unknown }).toGoJSON;
      if (typeof custom === 'function') return encode(custom.call(obj), depth);
      let keys = Object.keys(obj).filter((k) => typeof (obj as Record<string, unknown>)[k] !== 'function');
      if (isGoMap(obj)) keys = sortGoStrings(keys);
      if (keys.length === 0) return '{}';
      const sep = pretty ? ': ' : ':';
      return (
        '{' +
        keys
          .map(
            (k) =>
              nl(depth + 1) + jsonString(k, escapeHTML) + sep + encode((obj as Record<string, unknown>)[k], depth + 1),
          )
          .join(',') +
        nl(depth) +
        '}'
      );
    } finally {
      seen.delete(obj);
    }
  };
  return encode(value, 0);
}

/** Go sorts strings by bytes (UTF-8), which differs from JS's UTF-16 order only for astral vs. U+E000..U+FFFF. */
export function sortGoStrings(keys: string[]): string[] {
  return keys.sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

function jsonFloat(f: number): string {
  if (!Number.isFinite(f))
    throw new GoJsonError('json: unsupported value: ' + (Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'));
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // JS switches to exponent form at the same thresholds as encoding/json (< 1e-6, >= 1e21) and
  // prints the exponent without padding, as encoding/json does after its cleanup.
  return String(f);
}

const HEX = '0123456789abcdef';

function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (
      c >= 0x20 &&
      c !== 0x22 &&
      c !== 0x5c &&
      c !== 0x3c &&
      c !== 0x3e &&
      c !== 0x26 &&
      c !== 0x2028 &&
      c !== 0x2029
    ) {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = s.charCodeAt(i + 1);
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          out += s[i]! + s[i + 1]!;
          i++;
        } else out += '\ufffd';
        continue;
      }
      out += s[i];
      continue;
    }
    switch (c) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += '\\\\';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x08:
        out += '\\b';
        break;
      case 0x0c:
        out += '\\f';
        break;
      case 0x3c:
      case 0x3e:
      case 0x26:
        out += escapeHTML ? '\\u00' + HEX[c >> 4] + HEX[c & 15] : s[i];
        break;
      case 0x2028:
        out += '\\u2028';
        break;
      case 0x2029:
        out += '\\u2029';
        break;
      default:
        out += '\\u00' + HEX[c >> 4] + HEX[c & 15];
    }
  }
  return out + '"';
}
