/**
 * go-yaml v2 sorts map keys with a "natural" order: letters before non-letters, and runs of digits
 * compared by numeric value, so `a2` sorts before `a10`.
 */
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

// ASCII answered without the Unicode classes, which compile on first use (keys such as VAR_1 and
// VAR_2 differ in a digit and take the slow path)
function isLetter(cp: number): boolean {
  return cp < 128 ? isAsciiLetter(cp) : LETTER.test(String.fromCodePoint(cp));
}

function isDigit(cp: number): boolean {
  return cp < 128 ? cp >= 48 && cp <= 57 : DIGIT.test(String.fromCodePoint(cp));
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function goYamlKeyLess(a: string, b: string): boolean {
  // fast path: the first difference is between two ASCII letters (the usual case)
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i) && a.charCodeAt(i) < 128) i++;
  if (i === n && a.length !== b.length && (i === 0 || a.charCodeAt(i - 1) < 128)) {
    // one is a prefix of the other, all ASCII so far; a digit run may continue in the longer one
    const prev = i > 0 ? a.charCodeAt(i - 1) : 0;
    if (!(prev >= 48 && prev <= 57)) return a.length < b.length;
  } else if (i < n && isAsciiLetter(a.charCodeAt(i)) && isAsciiLetter(b.charCodeAt(i))) {
    return a.charCodeAt(i) < b.charCodeAt(i);
  } else if (i === n && a.length === b.length) {
    return false;
  }
  return slowKeyLess(a, b);
}

function slowKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a, (c) => c.codePointAt(0) as number);
  const br = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === 0x30 || br[i] === 0x30) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== 0x30) {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(ar[ai] - 0x30));
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(br[bi] - 0x30));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

export function compareGoYamlKeys(a: string, b: string): number {
  // fast path: the first difference is between two ASCII letters (goYamlKeyLess's first case)
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i) && a.charCodeAt(i) < 128) i++;
  if (i < n) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (isAsciiLetter(ca) && isAsciiLetter(cb)) return ca < cb ? -1 : 1;
  }
  if (goYamlKeyLess(a, b)) return -1;
  if (goYamlKeyLess(b, a)) return 1;
  return 0;
}
