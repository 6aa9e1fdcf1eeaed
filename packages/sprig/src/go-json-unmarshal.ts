/**
 * encoding/json Unmarshal into interface{}: objects -> maps, arrays -> slices, numbers -> float64.
 * Syntax errors carry encoding/json's wording for the common cases.
 */
export function goJsonUnmarshal(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(describeJsonError(text));
  }
}

function describeJsonError(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return 'unexpected end of JSON input';
  // find the first offending character with a small scanner over the value grammar
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const bad = (ctx: string) => {
    if (i >= text.length) return 'unexpected end of JSON input';
    return `invalid character ${quoteChar(text[i]!)} ${ctx}`;
  };
  const value = (): string | undefined => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return undefined;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') return bad('looking for beginning of object key string');
        const e = str();
        if (e) return e;
        ws();
        if (text[i] !== ':') return bad('after object key');
        i++;
        const v = value();
        if (v) return v;
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return undefined;
        }
        return bad("after object key:value pair");
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return undefined;
      }
      for (;;) {
        const v = value();
        if (v) return v;
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return undefined;
        }
        return bad('after array element');
      }
    }
    if (c === '"') return str();
    const lit = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i));
    if (lit) {
      i += lit[0].length;
      return undefined;
    }
    return bad('looking for beginning of value');
  };
  const str = (): string | undefined => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) return bad('in string literal');
      i++;
    }
    if (i >= text.length) return 'unexpected end of JSON input';
    i++;
    return undefined;
  };
  const err = value();
  if (err) return err;
  ws();
  if (i < text.length) return bad('after top-level value');
  return 'invalid JSON';
}

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const code = c.charCodeAt(0);
  if (code < 0x20) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${c}'`;
}
