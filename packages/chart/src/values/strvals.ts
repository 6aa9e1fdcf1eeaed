import { decodeJsonPrefix, GoJsonError } from './go-json.js';
import { hasKey, isTable, newTable, setKey, type ValuesTable } from './go-map.js';

/**
 * Helm's `--set` family parser (strvals). `helmMessage` is Helm's exact text; `message`
 * adds the position (0-based index of the character where parsing stopped) in the input.
 */
export class SetParseError extends Error {
  constructor(
    readonly helmMessage: string,
    readonly position: number,
  ) {
    super(`${helmMessage} (at position ${position})`);
    this.name = 'SetParseError';
  }
}

/** Stands for a Go runtime panic (failed type assertion), which Helm recovers as "unable to parse key: ...". */
class GoPanic extends Error {}

const EOF = Symbol('EOF');
const NOT_LIST = Symbol('NOT_LIST');
const MAX_INDEX = 65536;
const MAX_NESTED_NAME_LEVEL = 30;

type Signal = typeof EOF;
/** An internal failure: Helm's message, no position yet. */
class Failure extends Error {}

/**
 * An index cut short by the end of the text (`a[1`). helm v4 wraps that io.EOF (`%w`) and its
 * parse loop takes any EOF for the end: the text is accepted with what was set before. Helm 2
 * (`%s`) reports it.
 */
class IndexEndedEarly extends Failure {}

function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

function assertList(v: unknown): unknown[] {
  if (!Array.isArray(v))
    throw new GoPanic(`interface conversion: interface {} is ${goTypeName(v)}, not []interface {}`);
  return v;
}

function assertTable(v: unknown): ValuesTable {
  if (!isTable(v))
    throw new GoPanic(`interface conversion: interface {} is ${goTypeName(v)}, not map[string]interface {}`);
  return v;
}

/** --set typing: true/false/null (any case), 0, base-10 int64 not starting with 0 -> bigint; else string. */
export function typedSetValue(text: string, asString: boolean): unknown {
  if (asString) return text;
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (text === '0') return 0n;
  if (text.length > 0 && text[0] !== '0' && /^[+-]?[0-9]+$/.test(text)) {
    const n = BigInt(text);
    if (n >= -(1n << 63n) && n < 1n << 63n) return n;
  }
  return text;
}

type ValueReader = (text: string) => unknown;

class Scanner {
  readonly chars: string[];
  pos = 0;
  constructor(text: string) {
    this.chars = Array.from(text);
  }
  read(): string | Signal {
    return this.pos < this.chars.length ? this.chars[this.pos++] : EOF;
  }
  unread(): void {
    this.pos--;
  }
  /** Reads up to a stop character (consumed), honouring `\` escapes. */
  until(stop: string): { text: string; last: string | Signal } {
    let text = '';
    for (;;) {
      const r = this.read();
      if (r === EOF) return { text, last: EOF };
      if (stop.includes(r)) return { text, last: r };
      if (r === '\\') {
        const next = this.read();
        if (next === EOF) return { text, last: EOF };
        text += next;
      } else text += r;
    }
  }
  rest(): string {
    return this.chars.slice(this.pos).join('');
  }
}

class SetParser {
  private readonly sc: Scanner;
  constructor(
    text: string,
    private readonly reader: ValueReader | undefined,
    private readonly json: boolean,
    private readonly helm2 = false,
  ) {
    this.sc = new Scanner(text);
  }

  parseInto(data: ValuesTable): void {
    for (;;) {
      let r: Signal | undefined;
      try {
        r = this.key(data, 0);
      } catch (e) {
        if (e instanceof IndexEndedEarly && !this.helm2) return;
        if (e instanceof Failure) throw new SetParseError(e.message, this.sc.pos);
        throw e;
      }
      if (r === EOF) return;
    }
  }

  private read(text: string): unknown {
    return this.reader!(text);
  }

  private setIndex(list: unknown[], index: number, value: unknown): unknown[] {
    if (index < 0) throw new Failure(`negative ${index} index not allowed`);
    if (index > MAX_INDEX)
      throw new Failure(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
    if (list.length <= index) {
      const grown = list.slice();
      while (grown.length <= index) grown.push(null);
      list = grown;
    }
    list[index] = value;
    return list;
  }

  private keyIndex(): number {
    const { text, last } = this.sc.until(']');
    if (last === EOF) throw new IndexEndedEarly('error parsing index: EOF');
    if (!/^[+-]?[0-9]+$/.test(text))
      throw new Failure(`error parsing index: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
    const n = Number(text);
    if (!Number.isSafeInteger(n))
      throw new Failure(`error parsing index: strconv.Atoi: parsing ${JSON.stringify(text)}: value out of range`);
    return n;
  }

  /** Reads `{a,b}`; NOT_LIST when the value does not start with `{`. */
  private valList(): unknown[] | Signal | typeof NOT_LIST {
    const r = this.sc.read();
    if (r === EOF) return EOF;
    if (r !== '{') {
      this.sc.unread();
      return NOT_LIST;
    }
    const list: unknown[] = [];
    for (;;) {
      const { text, last } = this.sc.until(',}');
      if (last === EOF) throw new Failure("list must terminate with '}'");
      if (last === '}') {
        const next = this.sc.read();
        if (next !== EOF && next !== ',') this.sc.unread();
        list.push(this.read(text));
        return list;
      }
      list.push(this.read(text));
    }
  }

  /** Skips whitespace; true at the end of input or after a `,`. */
  private emptyVal(): boolean {
    for (;;) {
      const r = this.sc.read();
      if (r === EOF || r === ',') return true;
      if (!/\s/u.test(r)) {
        this.sc.unread();
        return false;
      }
    }
  }

  private jsonValue(): unknown {
    const rest = this.sc.rest();
    let decoded;
    try {
      decoded = decodeJsonPrefix(rest);
    } catch (e) {
      if (e instanceof GoJsonError) throw new Failure(e.message);
      throw e;
    }
    this.sc.pos += Array.from(rest.slice(0, decoded.end)).length;
    return decoded.value;
  }

  private scalarValue(): unknown {
    const { text } = this.sc.until(',');
    return this.read(text);
  }

  private key(data: ValuesTable, nested: number): Signal | undefined {
    try {
      return this.keyBody(data, nested);
    } catch (e) {
      if (e instanceof GoPanic) throw new Failure(`unable to parse key: ${e.message}`);
      throw e;
    }
  }

  private keyBody(data: ValuesTable, nested: number): Signal | undefined {
    const { text: k, last } = this.sc.until('=[,.');
    if (last === EOF) {
      if (k.length === 0) return EOF;
      throw new Failure(`key ${JSON.stringify(k)} has no value`);
    }
    const set = (v: unknown) => {
      if (k.length > 0) setKey(data, k, v);
    };
    switch (last) {
      case '[': {
        const i = this.keyIndex();
        const list = hasKey(data, k) ? assertList(data[k]) : [];
        const { list: updated, eof, error } = this.listItemSafe(list, i, nested);
        set(updated);
        if (error) throw error;
        return eof ? EOF : undefined;
      }
      case '=': {
        if (this.json) {
          if (this.emptyVal()) {
            set(null);
            return undefined;
          }
          set(this.jsonValue());
          this.emptyVal();
          return undefined;
        }
        const vl = this.valList();
        if (vl === EOF) {
          set('');
          return EOF;
        }
        if (vl === NOT_LIST) {
          set(this.scalarValue());
          return undefined;
        }
        set(vl);
        return undefined;
      }
      case ',':
        set('');
        throw new Failure(`key ${JSON.stringify(k)} has no value (cannot end with ,)`);
      default: {
        // '.'
        if (nested + 1 > MAX_NESTED_NAME_LEVEL) {
          throw new Failure(
            `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
          );
        }
        const inner = hasKey(data, k) ? assertTable(data[k]) : newTable();
        let result: Signal | undefined;
        let failure: unknown;
        try {
          result = this.key(inner, nested + 1);
        } catch (e) {
          failure = e;
        }
        const empty = Object.keys(inner).length === 0;
        // Helm 2 says so whenever the map stayed empty, whatever went wrong inside (`a.b` is
        // `key map "a" has no value`); helm v4 only when nothing went wrong (`key "b" has no value`)
        if (empty && (this.helm2 || (failure === undefined && result === undefined)))
          throw new Failure(`key map ${JSON.stringify(k)} has no value`);
        if (!empty) set(inner);
        if (failure !== undefined) throw failure;
        return result;
      }
    }
  }

  private listItemSafe(list: unknown[], i: number, nested: number): ListResult & { error?: Error } {
    try {
      return this.listItem(list, i, nested);
    } catch (e) {
      if (e instanceof Failure) return { list, error: e };
      throw e;
    }
  }

  /** Helm returns the untouched list along with io.EOF in several places; `eof` carries that. */
  private listItem(list: unknown[], i: number, nested: number): ListResult {
    if (i < 0) throw new Failure(`negative ${i} index not allowed`);
    const { text: k, last } = this.sc.until('[.=');
    if (k.length > 0) throw new Failure(`unexpected data at end of array index: ${JSON.stringify(k)}`);
    if (last === EOF) return { list, eof: true };
    switch (last) {
      case '=': {
        if (this.json) {
          if (this.emptyVal()) return { list: this.setIndex(list, i, null) };
          const updated = this.setIndex(list, i, this.jsonValue());
          this.emptyVal();
          return { list: updated };
        }
        const vl = this.valList();
        if (vl === EOF) return { list: this.setIndex(list, i, '') };
        if (vl === NOT_LIST) return { list: this.setIndex(list, i, this.scalarValue()) };
        return { list: this.setIndex(list, i, vl) };
      }
      case '[': {
        const next = this.keyIndex();
        let current: unknown[] = [];
        if (list.length > i && list[i] !== null && list[i] !== undefined) current = assertList(list[i]);
        const inner = this.listItem(current, next, nested);
        if (inner.eof) return { list, eof: true };
        return { list: this.setIndex(list, i, inner.list) };
      }
      default: {
        // '.'
        let inner = newTable();
        if (list.length > i) {
          const existing = list[i];
          if (isTable(existing)) inner = existing;
          else list[i] = inner;
        }
        if (this.key(inner, nested) === EOF) return { list, eof: true };
        return { list: this.setIndex(list, i, inner) };
      }
    }
  }
}

export interface SetParseOptions {
  /**
   * Helm 2.17's strvals: an index cut short by the end of the text (`a[1`) is an error (helm v4
   * accepts it), and a dotted name whose map stays empty is `key map "a" has no value` whatever the
   * inner error (`a.b`: helm v4 says `key "b" has no value`). Helm 2's missing limits (index size,
   * nesting) and its crashes on type conflicts are not copied: those stay helm v4's errors.
   */
  helm2?: boolean;
}

interface ListResult {
  list: unknown[];
  eof?: boolean;
}

/** `--set a=b,c.d[0]=e` parsed into `dest` (mutated) with Helm's typing (ints as bigint). */
export function parseSetInto(text: string, dest: ValuesTable, opts: SetParseOptions = {}): ValuesTable {
  new SetParser(text, (t) => typedSetValue(t, false), false, opts.helm2).parseInto(dest);
  return dest;
}

/** `--set-string`: every value a string. */
export function parseSetStringInto(text: string, dest: ValuesTable, opts: SetParseOptions = {}): ValuesTable {
  new SetParser(text, (t) => typedSetValue(t, true), false, opts.helm2).parseInto(dest);
  return dest;
}

/** `--set-file key=path`: the value is the file's content. */
export function parseSetFileInto(
  text: string,
  dest: ValuesTable,
  readFile: (path: string) => string,
  opts: SetParseOptions = {},
): ValuesTable {
  new SetParser(text, (t) => readFile(t), false, opts.helm2).parseInto(dest);
  return dest;
}

/** `--set-json key=<json>` (values decoded as Go's encoding/json: numbers are float64). */
export function parseSetJsonInto(text: string, dest: ValuesTable): ValuesTable {
  new SetParser(text, undefined, true).parseInto(dest);
  return dest;
}

export function parseSet(text: string): ValuesTable {
  return parseSetInto(text, newTable());
}

export function parseSetString(text: string): ValuesTable {
  return parseSetStringInto(text, newTable());
}
