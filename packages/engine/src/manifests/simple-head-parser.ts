/**
 * A fast reader for the usual shape of a manifest head — nested block mappings of `key: scalar`
 * lines — so sorting thousands of documents does not run a full YAML parser on each. Anything
 * else (lists, flow collections, anchors, tags, block scalars, escapes, comments after values)
 * returns undefined and the caller falls back to the full parser.
 *
 * Hand-written scanner; it accepts exactly the lines of the pattern
 * `^( *)([A-Za-z0-9_./-][A-Za-z0-9_./ -]*?|"[^"\\]*"|'[^']*')[ ]*:(?: +(.*))?$`
 * (blank and comment lines skipped), see test/simple-head-parser.test.ts.
 */
import { plainScalarJson } from '@helmts/goyaml';

const SPACE = 32;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const HASH = 35;
const DASH = 45;

/** [A-Za-z0-9_./-] */
function isKeyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 45 && c <= 57) || c === 95;
}

/** Characters `.` does not match in a JS regex (line terminators). */
function isLineTerminator(c: number): boolean {
  return c === 13 || c === 10 || c === 0x2028 || c === 0x2029;
}

/** First characters that make a plain scalar unsafe: -?:,[]{}#&*!|>'"%@` */
function isIndicator(c: number): boolean {
  switch (c) {
    case 45:
    case 63:
    case 58:
    case 44:
    case 91:
    case 93:
    case 123:
    case 125:
    case 35:
    case 38:
    case 42:
    case 33:
    case 124:
    case 62:
    case 39:
    case 34:
    case 37:
    case 64:
    case 96:
      return true;
    default:
      return false;
  }
}

/** A scalar's value; NOT_SIMPLE when the fast reader cannot read it. */
const NOT_SIMPLE: unique symbol = Symbol('not simple');

function scalar(text: string): unknown {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === SPACE) end--;
  const t = end === text.length ? text : text.slice(0, end);
  const first = t.charCodeAt(0);
  if (first === DQUOTE) {
    if (t.length < 2 || t.charCodeAt(t.length - 1) !== DQUOTE) return NOT_SIMPLE;
    const inner = t.slice(1, -1);
    if (inner.includes('"') || inner.includes('\\')) return NOT_SIMPLE;
    return inner;
  }
  if (first === SQUOTE) {
    if (t.length < 2 || t.charCodeAt(t.length - 1) !== SQUOTE) return NOT_SIMPLE;
    const inner = t.slice(1, -1);
    if (inner.includes("'")) return NOT_SIMPLE;
    return inner;
  }
  if (isIndicator(first) || t.includes(': ') || t.includes(' #') || t.includes('\t')) return NOT_SIMPLE;
  try {
    return plainScalarJson(t);
  } catch {
    return NOT_SIMPLE; // a non-finite float: the full parser words the error
  }
}

/** Whether `count` spaces start the text at `at`. */
function startsWithSpaces(text: string, at: number, count: number): boolean {
  for (let i = at; i < at + count; i++) if (text.charCodeAt(i) !== SPACE) return false;
  return true;
}

/** The start of the first line after `from` that does not begin with `count` spaces; -1 if none. */
function nextLineNotIndented(text: string, from: number, count: number): number {
  for (let at = from; ;) {
    const newline = text.indexOf('\n', at);
    if (newline < 0) return -1;
    at = newline + 1;
    if (!startsWithSpaces(text, at, count)) return at;
  }
}

/**
 * Which entries to read: the top-level keys to keep, each with `'all'` or the only child keys to
 * keep. Entries not kept are passed over unread (not checked either: SimpleHead ignores them, and a
 * manifest's spec and labels are most of it).
 */
export type SimpleMappingFilter = Readonly<Record<string, 'all' | readonly string[]>>;

export function parseSimpleBlockMapping(text: string, only?: SimpleMappingFilter): Record<string, unknown> | undefined {
  const root: Record<string, unknown> = {};
  // open mappings and their indents, innermost last
  const maps: Array<Record<string, unknown>> = [root];
  const indents: number[] = [0];
  let pendingMap: Record<string, unknown> | undefined;
  let pendingKey = '';
  let pendingIndent = 0;
  // what is kept under the current top-level key, and the indent of a skipped entry whose subtree
  // is being passed over (-1: none)
  let kept: 'all' | readonly string[] | undefined;
  let skipIndent = -1;
  const n = text.length;
  let lineStart = 0;
  while (lineStart <= n) {
    if (skipIndent >= 0 && startsWithSpaces(text, lineStart, skipIndent + 1)) {
      // a line indented deeper than the skipped entry's key is the entry's, and so are the lines
      // after it, up to the first that is not: jump there
      const next = nextLineNotIndented(text, lineStart, skipIndent + 1);
      lineStart = next < 0 ? n + 1 : next;
      continue;
    }
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    const start = lineStart;
    lineStart = lineEnd + 1;

    let i = start;
    while (i < lineEnd && text.charCodeAt(i) === SPACE) i++;
    if (i === lineEnd) continue; // blank
    const c = text.charCodeAt(i);
    if (c === HASH) continue; // comment line
    const indent = i - start;
    if (skipIndent >= 0) {
      // deeper lines, and a sequence's `- ` items at the key's own indent, are the skipped entry's
      const next = i + 1 < lineEnd ? text.charCodeAt(i + 1) : SPACE;
      if (indent > skipIndent || (indent === skipIndent && c === DASH && next === SPACE)) continue;
      skipIndent = -1;
    }

    // the key
    let key: string;
    if (c === DQUOTE || c === SQUOTE) {
      let j = i + 1;
      while (j < lineEnd) {
        const d = text.charCodeAt(j);
        if (d === c) break;
        if (c === DQUOTE && d === BACKSLASH) return undefined;
        j++;
      }
      if (j >= lineEnd) return undefined;
      key = text.slice(i + 1, j);
      i = j + 1;
      while (i < lineEnd && text.charCodeAt(i) === SPACE) i++;
      if (i >= lineEnd || text.charCodeAt(i) !== COLON) return undefined;
    } else if (isKeyStart(c)) {
      let j = i + 1;
      for (; j < lineEnd; j++) {
        const d = text.charCodeAt(j);
        if (d === COLON) break;
        if (!(isKeyStart(d) || d === SPACE)) return undefined;
      }
      if (j >= lineEnd) return undefined;
      let keyEnd = j;
      while (text.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
      key = text.slice(i, keyEnd);
      i = j;
    } else {
      // whitespace other than spaces (a blank line to String.prototype.trim) or no key at all
      if (text.slice(start, lineEnd).trim() === '') continue;
      return undefined;
    }

    // after the colon: end of line, or spaces and the value
    i++;
    let value: string | undefined;
    if (i < lineEnd) {
      if (text.charCodeAt(i) !== SPACE) return undefined;
      while (i < lineEnd && text.charCodeAt(i) === SPACE) i++;
      for (let j = i; j < lineEnd; j++) if (isLineTerminator(text.charCodeAt(j))) return undefined;
      value = text.slice(i, lineEnd);
    }

    if (pendingMap) {
      if (indent > pendingIndent) {
        const child: Record<string, unknown> = {};
        pendingMap[pendingKey] = child;
        maps.push(child);
        indents.push(indent);
      } else {
        pendingMap[pendingKey] = null;
      }
      pendingMap = undefined;
    }
    while (maps.length > 1 && indents[indents.length - 1] > indent) {
      maps.pop();
      indents.pop();
    }
    if (indents[indents.length - 1] !== indent) return undefined;
    if (only) {
      if (maps.length === 1) {
        kept = Object.hasOwn(only, key) ? only[key] : undefined;
        if (kept === undefined) {
          // a value that makes the entry something else than a plain mapping entry: read it all
          if (value !== undefined && /^[&*!|>]/.test(value)) return undefined;
          skipIndent = indent;
          continue;
        }
      } else if (maps.length === 2 && kept !== 'all' && kept !== undefined && !kept.includes(key)) {
        skipIndent = indent;
        continue;
      }
    }
    const map = maps[maps.length - 1];
    if (value === undefined || value === '') {
      pendingMap = map;
      pendingKey = key;
      pendingIndent = indent;
      continue;
    }
    const v = scalar(value);
    if (v === NOT_SIMPLE) return undefined;
    map[key] = v;
  }
  if (pendingMap) pendingMap[pendingKey] = null;
  return root;
}
