/**
 * Go's strconv.Quote for the strings go-yaml's errors show (`%#v` of a map key): `"` and `\`
 * escaped, the C escapes for control characters, `\xNN` for other ASCII controls and `\uNNNN` for
 * Unicode's non-printing ones (C1 controls, line and paragraph separators, the byte-order mark).
 * (@helmts/gotemplate has the whole of Go's rules; this layer does not import it.)
 */
const SHORT_ESCAPES: Record<number, string> = {
  0x07: '\\a',
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0b: '\\v',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const short = SHORT_ESCAPES[c];
    if (short !== undefined) out += short;
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if ((c >= 0x80 && c <= 0xa0) || c === 0xad || c === 0x2028 || c === 0x2029 || c === 0xfeff) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}
