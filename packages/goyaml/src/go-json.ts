type JsonObject = Record<string, unknown>;

/** `__proto__` is an ordinary key in JSON: define it as an own property instead of setting the prototype. */
function setKey(t: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(t, key, { value, writable: true, enumerable: true, configurable: true });
  else t[key] = value;
}

/**
 * JSON decoded as Go's encoding/json decodes into interface{} — objects to maps, numbers to float64,
 * the last duplicate key wins — with its error wording. Shared by values (--set-json, schemas) and
 * the template functions (fromJson).
 */

/** A JSON syntax error worded like Go's encoding/json. */
export class GoJsonError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'GoJsonError';
  }
}

const MAX_DEPTH = 10000;

/**
 * Decodes one JSON value starting at `start` (leading whitespace allowed) the way Go's
 * json.Decoder does: numbers become float64 (JS number), duplicate keys keep the last value.
 * Returns the value and the offset just past it.
 */
export interface GoJsonOptions {
  /**
   * How running out of input is worded: json.Decoder says `unexpected EOF` (the default),
   * json.Unmarshal `unexpected end of JSON input`.
   */
  eof?: 'decoder' | 'unmarshal';
}

/** Go's quoteChar: `'x'`, `'\''`, and control characters escaped as strconv.Quote does (`'\t'`). */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const code = c.charCodeAt(0);
  if (code >= 0x20 && code !== 0x7f) return `'${c}'`;
  const named: Record<string, string> = {
    '\x07': '\\a',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\v': '\\v',
  };
  return `'${named[c] ?? `\\x${code.toString(16).padStart(2, '0')}`}'`;
}

export function decodeJsonPrefix(
  text: string,
  start = 0,
  options: GoJsonOptions = {},
): { value: unknown; end: number } {
  const eofMessage = options.eof === 'unmarshal' ? 'unexpected end of JSON input' : 'unexpected EOF';
  let i = start;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (context: string): never => {
    if (i >= text.length) throw new GoJsonError(eofMessage, i);
    throw new GoJsonError(`invalid character ${quoteChar(text[i])} ${context}`, i);
  };
  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new GoJsonError('exceeded max depth', i);
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj = {} as JsonObject;
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('looking for beginning of object key string');
        const key = str();
        ws();
        if (text[i] !== ':') fail('after object key');
        i++;
        setKey(obj, key, value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail('after array element');
      }
    }
    if (c === '"') return str();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (m && m[0] !== '-') {
      i += m[0].length;
      return Number(m[0]);
    }
    return fail('looking for beginning of value');
  };
  const str = (): string => {
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) throw new GoJsonError(eofMessage, i);
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const map: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e in map) {
          out += map[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          i++;
          fail('in string escape code');
        }
        continue;
      }
      if (c < ' ') fail('in string literal');
      out += c;
      i++;
    }
  };
  const v = value(0);
  return { value: v, end: i };
}

/** json.Unmarshal of a whole text: one value, then only whitespace. */
export function decodeJson(text: string, options: GoJsonOptions = {}): unknown {
  const { value, end } = decodeJsonPrefix(text, 0, options);
  let i = end;
  while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  if (i < text.length) throw new GoJsonError(`invalid character ${quoteChar(text[i])} after top-level value`, i);
  return value;
}
