/** Go's string primitives where they differ from JS: bytes vs. UTF-16, unicode.IsSpace, per-rune case mapping. */

export function utf8Bytes(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}

/** Go string(bytes) — invalid sequences become U+FFFD here since JS strings cannot hold raw bytes. */
export function fromUtf8(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
}

/** Go `string(rune(b))` for each byte b: what byte-wise goutils helpers produce. */
export function latin1Char(byte: number): string {
  return String.fromCharCode(byte);
}

/** unicode.IsSpace */
export function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** strings.TrimSpace */
export function goTrimSpace(s: string): string {
  const cps = Array.from(s);
  let a = 0;
  let b = cps.length;
  while (a < b && isGoSpace(cps[a]!.codePointAt(0)!)) a++;
  while (b > a && isGoSpace(cps[b - 1]!.codePointAt(0)!)) b--;
  return cps.slice(a, b).join('');
}

/** strings.Trim(s, cutset) */
export function goTrim(s: string, cutset: string): string {
  const set = new Set(Array.from(cutset));
  const cps = Array.from(s);
  let a = 0;
  let b = cps.length;
  while (a < b && set.has(cps[a]!)) a++;
  while (b > a && set.has(cps[b - 1]!)) b--;
  return cps.slice(a, b).join('');
}

/** unicode.ToUpper of one rune: a single-rune mapping only (JS may expand, e.g. ß -> SS; Go does not). */
export function runeToUpper(ch: string): string {
  const special = TITLE_DIGRAPHS_UPPER[ch];
  if (special) return special;
  const u = ch.toUpperCase();
  return Array.from(u).length === 1 ? u : ch;
}

export function runeToLower(ch: string): string {
  const special = TITLE_DIGRAPHS_LOWER[ch];
  if (special) return special;
  const l = ch.toLowerCase();
  return Array.from(l).length === 1 ? l : ch;
}

/** unicode.ToTitle: like upper except for the Latin digraphs that have a distinct title case. */
export function runeToTitle(ch: string): string {
  return TITLE_DIGRAPHS_TITLE[ch] ?? runeToUpper(ch);
}

const TITLE_DIGRAPHS_TITLE: Record<string, string> = {
  '\u01c4': '\u01c5',
  '\u01c5': '\u01c5',
  '\u01c6': '\u01c5',
  '\u01c7': '\u01c8',
  '\u01c8': '\u01c8',
  '\u01c9': '\u01c8',
  '\u01ca': '\u01cb',
  '\u01cb': '\u01cb',
  '\u01cc': '\u01cb',
  '\u01f1': '\u01f2',
  '\u01f2': '\u01f2',
  '\u01f3': '\u01f2',
};
const TITLE_DIGRAPHS_UPPER: Record<string, string> = {
  '\u01c5': '\u01c4',
  '\u01c8': '\u01c7',
  '\u01cb': '\u01ca',
  '\u01f2': '\u01f1',
};
const TITLE_DIGRAPHS_LOWER: Record<string, string> = {
  '\u01c5': '\u01c6',
  '\u01c8': '\u01c9',
  '\u01cb': '\u01cc',
  '\u01f2': '\u01f3',
};

export function isUpperRune(ch: string): boolean {
  return /\p{Lu}/u.test(ch);
}
export function isLowerRune(ch: string): boolean {
  return /\p{Ll}/u.test(ch);
}
export function isTitleRune(ch: string): boolean {
  return /\p{Lt}/u.test(ch);
}
export function isLetterRune(ch: string): boolean {
  return /\p{L}/u.test(ch);
}
export function isNumberRune(ch: string): boolean {
  return /\p{N}/u.test(ch);
}
export function isPunctRune(ch: string): boolean {
  return /\p{P}/u.test(ch);
}

export function goToUpper(s: string): string {
  return Array.from(s, runeToUpper).join('');
}
export function goToLower(s: string): string {
  return Array.from(s, runeToLower).join('');
}

/** A Go runtime panic surfaced as an error, as text/template reports it. */
export function runtimeError(message: string): Error {
  return new Error('runtime error: ' + message);
}

/** Go's s[lo:hi] on bytes, with Go's panic messages. */
export function sliceBytes(b: Buffer, lo: number | undefined, hi: number | undefined): Buffer {
  const len = b.length;
  // Go names the length only for a bound past it; a negative bound is reported alone
  if (hi !== undefined && hi < 0) throw runtimeError(`slice bounds out of range [:${hi}]`);
  if (hi !== undefined && hi > len) throw runtimeError(`slice bounds out of range [:${hi}] with length ${len}`);
  const end = hi ?? len;
  if (lo !== undefined && (lo < 0 || lo > end)) throw runtimeError(`slice bounds out of range [${lo}:${end}]`);
  return b.subarray(lo ?? 0, end);
}
