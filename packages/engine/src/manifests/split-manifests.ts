/**
 * Helm 4.1's releaseutil.SplitManifests: trim the file, split at `(?:^|\s*\n)---\s*`, drop empty
 * pieces, trim each document.
 */
const SPACE = /[\s\u0085]/;

function isGoSpace(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r' || ((c > '~' || c < ' ') && SPACE.test(c));
}

/** Go's strings.TrimSpace (Unicode White_Space). */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s[start])) start++;
  while (end > start && isGoSpace(s[end - 1])) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

function isRegexSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

/** Go's regexp.Split(s, -1) with Helm's separator `(?:^|\s*\n)---\s*` (RE2's ASCII \s), by scanning (the regex backtracks on every blank). */
function splitAtSeparators(text: string): string[] {
  const pieces: string[] = [];
  let pieceStart = 0;
  let searchFrom = 0;
  for (;;) {
    let idx = text.indexOf('---', searchFrom);
    while (idx > 0 && text.charCodeAt(idx - 1) !== 10) idx = text.indexOf('---', idx + 1);
    if (idx < 0) break;
    let start = idx;
    if (idx > 0) {
      if (idx - 1 < searchFrom) {
        searchFrom = idx + 1;
        continue;
      }
      start = idx - 1;
      while (start > searchFrom && isRegexSpace(text.charCodeAt(start - 1))) start--;
    }
    let end = idx + 3;
    while (end < text.length && isRegexSpace(text.charCodeAt(end))) end++;
    pieces.push(text.slice(pieceStart, start));
    pieceStart = end;
    searchFrom = end;
    if (end === idx + 3 && end >= text.length) break;
  }
  pieces.push(text.slice(pieceStart));
  return pieces;
}

export function splitManifests(text: string): string[] {
  const docs: string[] = [];
  for (const piece of splitAtSeparators(goTrimSpace(text))) {
    if (piece === '') continue;
    docs.push(goTrimSpace(piece));
  }
  return docs;
}
