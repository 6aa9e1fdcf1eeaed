/**
 * Helm 4.1's releaseutil.SplitManifests: trim the file, split at `(?:^|\s*\n)---\s*`, drop empty
 * pieces, trim each document.
 */
const SEPARATOR = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/;

/** Go's strings.TrimSpace (Unicode White_Space). */
export function goTrimSpace(s: string): string {
  return s.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '');
}

export function splitManifests(text: string): string[] {
  const docs: string[] = [];
  for (const piece of goTrimSpace(text).split(SEPARATOR)) {
    if (piece === '') continue;
    docs.push(goTrimSpace(piece));
  }
  return docs;
}
