/** Go's strconv.Quote / QuoteToASCII / QuoteRune. */

const printable = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/** Go's strconv.IsPrint (letters, marks, numbers, punctuation, symbols and ASCII space). */
export function isPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || cp === 0x7f) return false;
  if (cp < 0x7f) return true;
  return printable.test(String.fromCodePoint(cp));
}

function escapeRune(cp: number, q: string, asciiOnly: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (ch === q || ch === '\\') return '\\' + ch;
  if (asciiOnly ? cp < 0x7f && isPrint(cp) : isPrint(cp)) return ch;
  switch (cp) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp >= 0xd800 && cp < 0xe000) return '\\ufffd';
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/** printable ASCII other than `"` and `\`: quoted as is */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

export function quote(s: string, asciiOnly = false): string {
  if (PLAIN_ASCII.test(s)) return '"' + s + '"';
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0)!, '"', asciiOnly);
  return out + '"';
}

export function quoteRune(cp: number, asciiOnly = false): string {
  if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000) || cp < 0) cp = 0xfffd;
  return "'" + escapeRune(cp, "'", asciiOnly) + "'";
}

/** Go's strconv.CanBackquote. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '`' || cp === 0xfeff) return false;
    if (cp < 0x20 && ch !== '\t') return false;
    if (cp === 0x7f) return false;
  }
  return true;
}
