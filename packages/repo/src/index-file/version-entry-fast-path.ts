/** Returned when an entry uses YAML outside the subset read here; the caller then uses the full parser. */
export const UNSUPPORTED: unique symbol = Symbol('unsupported');

/**
 * Reads one chart version entry (its lines, `- key: value` … as `helm repo index` writes them) without the
 * general YAML parser, which dominates the time spent reading large indexes. The result must equal
 * parseFailsafeYaml's for every accepted text (strings everywhere, empty plain value → null), so
 * anything not certainly understood here — comments, block scalars, flow collections, anchors,
 * tags, tabs, multi-line scalars, duplicate keys, unusual indentation or characters — is
 * UNSUPPORTED rather than guessed at.
 */
export function parseVersionEntryFast(itemLines: readonly string[]): unknown[] | typeof UNSUPPORTED {
  const lines = itemLines.filter((line) => !isBlank(line));
  if (lines.length === 0) return UNSUPPORTED;
  const reader = new LineReader(lines);
  try {
    const indent = indentOf(lines[0]);
    const list = readSequence(reader, indent);
    if (reader.index !== lines.length) return UNSUPPORTED;
    return list;
  } catch (error) {
    if (error === UNSUPPORTED) return UNSUPPORTED;
    throw error;
  }
}

type Value = string | null | Value[] | { [key: string]: Value };

/**
 * Reads a whole document that is a block mapping at the left margin (repositories.yaml as Helm
 * and helmts write it) with the same subset and the same guarantee as parseVersionEntryFast:
 * the result equals parseFailsafeYaml's, or UNSUPPORTED when the text is anything else.
 */
export function parseMappingDocumentFast(text: string): Record<string, unknown> | typeof UNSUPPORTED {
  const lines = text.split('\n').filter((line) => !isBlank(line));
  if (lines.length === 0 || indentOf(lines[0]) !== 0) return UNSUPPORTED;
  const reader = new LineReader(lines);
  try {
    if (keyColon(lines[0]) < 0) return UNSUPPORTED;
    const map = readMapping(reader, 0, false);
    if (reader.index !== lines.length) return UNSUPPORTED;
    return map;
  } catch (error) {
    if (error === UNSUPPORTED) return UNSUPPORTED;
    throw error;
  }
}

class LineReader {
  index = 0;
  constructor(readonly lines: string[]) {}
}

const fail = (): never => {
  throw UNSUPPORTED;
};

const isBlank = (line: string): boolean => {
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) !== 32) return false;
  return true;
};

const indentOf = (line: string): number => {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i;
};

const isSequenceItemAt = (line: string, indent: number): boolean =>
  line.charCodeAt(indent) === 45 /* - */ && line.charCodeAt(indent + 1) === 32;

// Plain keys restricted to what chart metadata uses; anything else goes to the full parser.
const SIMPLE_KEY = /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/;
// Characters the full parser may treat specially (controls, tabs, NEL, line/paragraph separators, BOM, non-characters).
const SPECIAL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
// Characters that, starting a plain scalar, make it something else (or need care we don't take).
const INDICATOR_START = new Set('-?:,[]{}#&*!|>\'"%@`');

/** Where a `key:` sits in `content`: the colon's index, or -1 if the content is not a simple key line. */
function keyColon(content: string): number {
  const spaced = content.indexOf(': ');
  const colon = spaced >= 0 ? spaced : content.endsWith(':') ? content.length - 1 : -1;
  if (colon < 0) {
    return -1;
  }
  const key = content.slice(0, colon);
  // A `: ` anywhere means the full parser would read a key (or fail); only simple keys are read here.
  if (!SIMPLE_KEY.test(key) || key.length > 512 || key === '__proto__') fail();
  return colon;
}

/** A block sequence whose `- ` markers sit at `indent`. */
function readSequence(reader: LineReader, indent: number): Value[] {
  const list: Value[] = [];
  const { lines } = reader;
  while (reader.index < lines.length) {
    const line = lines[reader.index];
    const lineIndent = indentOf(line);
    if (lineIndent < indent) break;
    if (lineIndent > indent) fail();
    if (!isSequenceItemAt(line, indent)) break;
    const column = indentOf(line.slice(indent + 1)) + indent + 1;
    const content = line.slice(column);
    if (content === '' || (content.charCodeAt(0) === 45 && (content.length === 1 || content.charCodeAt(1) === 32)))
      fail();
    if (keyColon(content) >= 0) {
      list.push(readMapping(reader, column, true));
    } else {
      list.push(readScalar(content));
      reader.index++;
    }
  }
  return list;
}

/** A block mapping whose keys sit at `column`; `inItem` when its first key follows a `- ` on the current line. */
function readMapping(reader: LineReader, column: number, inItem: boolean): { [key: string]: Value } {
  const map: { [key: string]: Value } = {};
  const { lines } = reader;
  let first = inItem;
  while (reader.index < lines.length) {
    const line = lines[reader.index];
    if (!first) {
      const lineIndent = indentOf(line);
      if (lineIndent < column) break;
      if (lineIndent > column) fail();
    }
    first = false;
    const content = line.slice(column);
    if (content.charCodeAt(0) === 45 /* - */ && (content.length === 1 || content.charCodeAt(1) === 32)) break;
    const colon = keyColon(content);
    if (colon < 0) fail();
    const key = content.slice(0, colon);
    if (Object.prototype.hasOwnProperty.call(map, key)) fail();
    const rest = content.slice(colon + 1);
    reader.index++;
    if (!isBlank(rest)) {
      map[key] = readScalar(rest.slice(indentOf(rest)));
      continue;
    }
    map[key] = readNested(reader, column);
  }
  return map;
}

/** The value of a `key:` with nothing after it: a nested block collection, or null. */
function readNested(reader: LineReader, keyColumn: number): Value {
  const { lines } = reader;
  if (reader.index >= lines.length) return null;
  const next = lines[reader.index];
  const indent = indentOf(next);
  if (indent < keyColumn) return null;
  if (isSequenceItemAt(next, indent)) return readSequence(reader, indent);
  if (indent === keyColumn) return null;
  if (keyColon(next.slice(indent)) < 0) fail();
  return readMapping(reader, indent, false);
}

/** A single-line scalar: plain, "double-quoted" or 'single-quoted', nothing after it but spaces. */
function readScalar(text: string): string {
  if (SPECIAL_CHARACTER.test(text)) fail();
  const first = text.charAt(0);
  if (first === '"') return readDoubleQuoted(text);
  if (first === "'") return readSingleQuoted(text);
  const value = text.trimEnd();
  if (value === '' || INDICATOR_START.has(first)) fail();
  if (value.includes(' #') || value.includes(': ') || value.endsWith(':')) fail();
  return value;
}

function assertOnlySpacesAfter(text: string, end: number): void {
  if (!isBlank(text.slice(end))) fail();
}

function readSingleQuoted(text: string): string {
  let value = '';
  let i = 1;
  for (;;) {
    const quote = text.indexOf("'", i);
    if (quote < 0) fail();
    value += text.slice(i, quote);
    if (text.charAt(quote + 1) === "'") {
      value += "'";
      i = quote + 2;
      continue;
    }
    assertOnlySpacesAfter(text, quote + 1);
    return value;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r' };

function readDoubleQuoted(text: string): string {
  let value = '';
  let i = 1;
  for (;;) {
    let j = i;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 34 /* " */ || c === 92 /* \ */) break;
      j++;
    }
    if (j >= text.length) fail();
    value += text.slice(i, j);
    if (text.charCodeAt(j) === 34) {
      assertOnlySpacesAfter(text, j + 1);
      return value;
    }
    const escape = text.charAt(j + 1);
    if (escape in SIMPLE_ESCAPES && Object.prototype.hasOwnProperty.call(SIMPLE_ESCAPES, escape)) {
      value += SIMPLE_ESCAPES[escape];
      i = j + 2;
    } else if (escape === 'u') {
      const hex = text.slice(j + 2, j + 6);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) fail();
      const code = Number.parseInt(hex, 16);
      if (code >= 0xd800 && code <= 0xdfff) fail();
      value += String.fromCharCode(code);
      i = j + 6;
    } else {
      fail();
    }
  }
}
