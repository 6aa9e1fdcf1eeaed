/**
 * marshalYaml's fast path: writes the YAML text straight from the value, without building the
 * YamlNode tree and running the general emitter, for the values charts usually hand to toYaml —
 * plain objects and arrays of printable ASCII strings, numbers, booleans and nulls.
 *
 * It reproduces what GoYamlEmitter writes for that subset (block collections, `{}`/`[]` for empty
 * ones, indentless sequences under mapping keys, plain or double-quoted scalars that are never
 * folded) and gives up (returns undefined) on anything else: multi-line or non-ASCII strings,
 * strings that would need single quotes or could be folded at the 80th column, Maps, byte slices,
 * objects with methods or toJSON, non-finite numbers, deep nesting. The caller then takes the
 * general path, which also produces every error.
 */
import { formatGoFloatG, formatGoJsonFloat } from './go-float.js';
import { canBePlainString, resolvePlain } from './resolve.js';
import { compareGoYamlKeys } from './key-order.js';

const BEST_WIDTH = 80;
/** nesting beyond this is left to the general path (its cycle check) */
const MAX_DEPTH = 200;
const MAX_SIMPLE_KEY = 128;

/** Printable ASCII without blanks (a loop: cheaper than a regular expression on short strings). */
function noBlanks(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}
/** Printable ASCII (spaces allowed). */
const PRINTABLE = /^[\x20-\x7e]+$/;
/** First characters that are no YAML indicator (the emitter's SIMPLE_PLAIN start). */
const PLAIN_START = /^[A-Za-z0-9_/(+=$^~;<\\]/;

/**
 * Whether libyaml allows printable ASCII s plain in block context as far as its start and end are
 * concerned: no indicator first (`-` and `.` only when not starting `- `, `---` or `...`), no
 * trailing colon or space.
 */
function plainEnds(s: string): boolean {
  const last = s.charCodeAt(s.length - 1);
  if (last === 58 || last === 32) return false;
  if (PLAIN_START.test(s)) return true;
  const c = s.charCodeAt(0);
  if (c === 45) return s.length > 1 && s.charCodeAt(1) !== 32 && !s.startsWith('---');
  if (c === 46) return !s.startsWith('...');
  return false;
}
/** Printable ASCII other than `"` and `\`: double-quoted without escapes. */
const DOUBLE_SAFE = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Thrown (and caught by marshalYamlDirect) when the value is outside the supported subset. */
const UNSUPPORTED = new Error('unsupported by the direct YAML writer');

/** Spaces for indents, cached. */
const SPACES: string[] = [];
function spaces(n: number): string {
  let s = SPACES[n];
  if (s === undefined) {
    s = ' '.repeat(n);
    SPACES[n] = s;
  }
  return s;
}

/**
 * The text of a string scalar starting at `column`, or UNSUPPORTED. `key`: a simple mapping key
 * (never folded, at most 128 bytes).
 */
function stringScalar(s: string, column: number, key: boolean): string {
  if (key && s.length > MAX_SIMPLE_KEY) throw UNSUPPORTED;
  if (noBlanks(s)) {
    // nothing to fold at
    if (canBePlainString(s)) {
      if (!plainEnds(s)) throw UNSUPPORTED;
      return s;
    }
    if (!DOUBLE_SAFE.test(s)) throw UNSUPPORTED;
    return '"' + s + '"';
  }
  // strings with spaces: only when no line can be folded (the scalar ends within the width)
  if (!key && column + s.length + 2 > BEST_WIDTH) throw UNSUPPORTED;
  if (!canBePlainString(s)) {
    if (!DOUBLE_SAFE.test(s)) throw UNSUPPORTED;
    return '"' + s + '"';
  }
  if (!PRINTABLE.test(s) || !plainEnds(s) || s.charCodeAt(0) === 32 || s.includes(': ') || s.includes(' #'))
    throw UNSUPPORTED;
  return s;
}

/** A JS number as go-yaml writes it after the JSON round trip. */
function numberScalar(f: number): string {
  if (!Number.isFinite(f)) throw UNSUPPORTED;
  const text = formatGoJsonFloat(f);
  const r = resolvePlain(text);
  if (r.tag === 'int') return r.value.toString();
  if (r.tag === 'float') return formatGoFloatG(r.value);
  throw UNSUPPORTED;
}

/** Scalar text for a non-collection value, or undefined for a collection. */
function scalarText(v: unknown, column: number): string | undefined {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return stringScalar(v, column, false);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'number':
      return numberScalar(v);
    case 'object':
      return undefined;
    default:
      throw UNSUPPORTED;
  }
}

/** The own keys of a plain object, sorted as go-yaml sorts them; UNSUPPORTED for other objects. */
function sortedKeys(v: object): string[] {
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) throw UNSUPPORTED;
  const keys = Object.keys(v);
  if (keys.length > 16) keys.sort(compareGoYamlKeys);
  else if (keys.length > 1) insertionSort(keys);
  return keys;
}

/**
 * Sorts a few keys in place, in the same (stable) order Array.prototype.sort gives: V8's sort
 * allocates work arrays on each call, and toYaml sorts every mapping of every value it writes.
 */
function insertionSort(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && compareGoYamlKeys(keys[j], key) > 0) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
}

function checkArray(v: unknown[]): void {
  for (let i = 0; i < v.length; i++) if (!(i in v)) throw UNSUPPORTED;
}

function isArray(v: object): v is unknown[] {
  if (!Array.isArray(v)) return false;
  checkArray(v);
  return true;
}

/** True when v is an empty collection (written `{}` / `[]`); throws for unsupported objects. */
function emptyCollection(v: object): string | undefined {
  if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) throw UNSUPPORTED;
  for (const _ in v) return undefined;
  return '{}';
}

class Writer {
  out = '';

  /**
   * A mapping whose keys are at column `indent`; `inline`: the first key continues the current
   * line (after `- `), otherwise every key starts a new line.
   */
  mapping(obj: Record<string, unknown>, indent: number, inline: boolean, depth: number): void {
    if (depth > MAX_DEPTH) throw UNSUPPORTED;
    const keys = sortedKeys(obj);
    if (keys.length === 0) throw UNSUPPORTED;
    const pad = spaces(indent);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = obj[k];
      if (typeof v === 'function') throw UNSUPPORTED;
      if (i > 0 || !inline) this.out += this.out === '' ? pad : '\n' + pad;
      const key = stringScalar(k, indent, true);
      this.out += key;
      this.out += ':';
      const column = indent + key.length + 1;
      this.value(v, indent, column, depth);
    }
  }

  /** Writes a mapping value after `key:` (column: just after the colon). */
  private value(v: unknown, indent: number, column: number, depth: number): void {
    const text = scalarText(v, column + 1);
    if (text !== undefined) {
      this.out += ' ' + text;
      return;
    }
    const obj = v as object;
    const empty = emptyCollection(obj);
    if (empty !== undefined) {
      this.out += ' ' + empty;
      return;
    }
    if (isArray(obj)) this.sequence(obj, indent, false, depth + 1);
    else this.mapping(obj as Record<string, unknown>, indent + 2, false, depth + 1);
  }

  /** A sequence whose dashes are at column `indent`; `inline` as for mapping. */
  sequence(items: unknown[], indent: number, inline: boolean, depth: number): void {
    if (depth > MAX_DEPTH) throw UNSUPPORTED;
    const pad = spaces(indent);
    for (let i = 0; i < items.length; i++) {
      if (i > 0 || !inline) this.out += this.out === '' ? pad : '\n' + pad;
      this.out += '-';
      const v = items[i];
      const text = scalarText(v, indent + 2);
      if (text !== undefined) {
        this.out += ' ' + text;
        continue;
      }
      const obj = v as object;
      const empty = emptyCollection(obj);
      if (empty !== undefined) {
        this.out += ' ' + empty;
        continue;
      }
      this.out += ' ';
      if (isArray(obj)) this.sequence(obj, indent + 2, true, depth + 1);
      else this.mapping(obj as Record<string, unknown>, indent + 2, true, depth + 1);
    }
  }
}

/**
 * go-yaml v2's Marshal output (with the final newline) for the supported subset of values, written
 * directly; undefined when the value is outside it.
 */
export function marshalYamlDirect(value: unknown): string | undefined {
  try {
    const text = scalarText(value, 0);
    if (text !== undefined) return text + '\n';
    const obj = value as object;
    const empty = emptyCollection(obj);
    if (empty !== undefined) return empty + '\n';
    const w = new Writer();
    if (isArray(obj)) w.sequence(obj, 0, false, 0);
    else w.mapping(obj as Record<string, unknown>, 0, false, 0);
    return w.out + '\n';
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}
