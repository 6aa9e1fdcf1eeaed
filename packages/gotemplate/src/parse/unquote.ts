/** What a double-quoted body must not hold to be its own value: quotes, escapes, newlines. */
const NEEDS_DECODING = /["\\\n]/;

/** Go's strconv.Unquote for "..." , `...` and '...' literals. Returns null on invalid syntax. */
export function unquote(lit: string): string | null {
  const q = lit[0];
  if (lit.length < 2 || lit[lit.length - 1] !== q) return null;
  const body = lit.slice(1, -1);
  if (q === '`') return body.includes('`') ? null : body.replace(/\r/g, '');
  if (q !== '"' && q !== "'") return null;
  // the usual string literal: nothing to unescape
  if (q === '"' && !NEEDS_DECODING.test(body)) return body;
  let out = '';
  // Go strings are bytes; \x and octal escapes produce bytes. Collect bytes then decode as UTF-8.
  const bytes: number[] = [];
  const flushBytes = () => {
    if (bytes.length) {
      out += Buffer.from(bytes).toString('utf8');
      bytes.length = 0;
    }
  };
  for (let i = 0; i < body.length;) {
    const c = body[i];
    if (c === q && q === "'") return null;
    if (c === '"' && q === '"') return null;
    if (c === '\n') return null;
    if (c !== '\\') {
      flushBytes();
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      out += ch;
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
    };
    if (e in simple) {
      flushBytes();
      out += simple[e];
      continue;
    }
    if (e === q) {
      flushBytes();
      out += q;
      continue;
    }
    if (e === 'x') {
      const h = body.slice(i, i + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) return null;
      if (q === "'") {
        flushBytes();
        out += String.fromCharCode(parseInt(h, 16));
      } else bytes.push(parseInt(h, 16));
      i += 2;
      continue;
    }
    if (e >= '0' && e <= '7') {
      const o = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(o)) return null;
      const v = parseInt(o, 8);
      if (v > 255) return null;
      if (q === "'") {
        flushBytes();
        out += String.fromCharCode(v);
      } else bytes.push(v);
      i += 2;
      continue;
    }
    if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      const h = body.slice(i, i + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) return null;
      const cp = parseInt(h, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return null;
      flushBytes();
      out += String.fromCodePoint(cp);
      i += n;
      continue;
    }
    return null;
  }
  flushBytes();
  if (q === "'" && [...out].length !== 1) return null;
  return out;
}
