/** Sprig's list functions (and their must* variants, which fail the same way since Go recovers the panic). */
import { argInt } from '../args.js';
import { castToInt64 } from '../go-conversions.js';
import { goFunc, type FuncMap } from '../go-func.js';
import { runtimeError } from '../go-strings.js';
import { goDeepEqual, goKind, isNil, isSprigEmpty } from '../go-values.js';

const I = 'interface {}';

/** reflect.TypeOf(nil).Kind() dereferences nil in Go */
function asList(v: unknown, message: (kind: string) => string): unknown[] {
  if (isNil(v)) throw runtimeError('invalid memory address or nil pointer dereference');
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return Array.from(v, (b) => BigInt(b));
  throw new Error(message(goKind(v)));
}

const inList = (haystack: unknown[], needle: unknown) => haystack.some((h) => goDeepEqual(needle, h));

export function listFunctions(): FuncMap {
  const both = (name: string, sig: string, fn: (...args: never[]) => unknown): FuncMap => {
    const mustName = 'must' + name[0]!.toUpperCase() + name.slice(1);
    return {
      [name]: goFunc(sig, fn as (...a: unknown[]) => unknown),
      [mustName]: goFunc(sig, fn as (...a: unknown[]) => unknown),
    };
  };
  return {
    list: goFunc(`...${I}`, (...xs: unknown[]) => xs.map((x) => (x === undefined ? null : x))),
    tuple: goFunc(`...${I}`, (...xs: unknown[]) => xs.map((x) => (x === undefined ? null : x))),
    ...both('push', `${I}, ${I}`, (l: unknown, v: unknown) => [...asList(l, (k) => `Cannot push on type ${k}`), v]),
    append: goFunc(`${I}, ${I}`, (l, v) => [...asList(l, (k) => `Cannot push on type ${k}`), v]),
    mustAppend: goFunc(`${I}, ${I}`, (l, v) => [...asList(l, (k) => `Cannot push on type ${k}`), v]),
    ...both('prepend', `${I}, ${I}`, (l: unknown, v: unknown) => [
      v,
      ...asList(l, (k) => `Cannot prepend on type ${k}`),
    ]),
    ...both('chunk', `int, ${I}`, (size: unknown, l: unknown) =>
      chunk(
        argInt(size),
        asList(l, (k) => `Cannot chunk type ${k}`),
      ),
    ),
    ...both('last', I, (l: unknown) => {
      const xs = asList(l, (k) => `Cannot find last on type ${k}`);
      return xs.length === 0 ? null : xs[xs.length - 1];
    }),
    ...both('first', I, (l: unknown) => {
      const xs = asList(l, (k) => `Cannot find first on type ${k}`);
      return xs.length === 0 ? null : xs[0];
    }),
    // Go returns a typed nil slice for an empty list; it prints as [] like an empty one
    ...both('rest', I, (l: unknown) => asList(l, (k) => `Cannot find rest on type ${k}`).slice(1)),
    ...both('initial', I, (l: unknown) => asList(l, (k) => `Cannot find initial on type ${k}`).slice(0, -1)),
    ...both('reverse', I, (l: unknown) => [...asList(l, (k) => `Cannot find reverse on type ${k}`)].reverse()),
    ...both('compact', I, (l: unknown) =>
      asList(l, (k) => `Cannot compact on type ${k}`).filter((x) => !isSprigEmpty(x)),
    ),
    ...both('uniq', I, (l: unknown) => {
      const out: unknown[] = [];
      for (const x of asList(l, (k) => `Cannot find uniq on type ${k}`)) if (!inList(out, x)) out.push(x);
      return out;
    }),
    ...both('without', `${I}, ...${I}`, (l: unknown, ...omit: unknown[]) =>
      asList(l, (k) => `Cannot find without on type ${k}`).filter((x) => !inList(omit, x)),
    ),
    ...both('has', `${I}, ${I}`, (needle: unknown, hay: unknown) => {
      if (isNil(hay)) return false;
      return inList(
        asList(hay, (k) => `Cannot find has on type ${k}`),
        needle,
      );
    }),
    ...both('slice', `${I}, ...${I}`, (l: unknown, ...idx: unknown[]) => {
      const xs = asList(l, (k) => `list should be type of slice or array but ${k}`);
      if (xs.length === 0) return null;
      const start = idx.length > 0 ? Number(castToInt64(idx[0])) : 0;
      const end = idx.length < 2 ? xs.length : Number(castToInt64(idx[1]));
      if (start < 0 || end < start || end > xs.length)
        throw new Error('reflect.Value.Slice: slice index out of bounds');
      return xs.slice(start, end);
    }),
    concat: goFunc(`...${I}`, (...lists: unknown[]) => {
      const out: unknown[] = [];
      for (const l of lists) out.push(...asList(l, (k) => `Cannot concat type ${k} as list`));
      return out;
    }),
  };
}

function chunk(size: number, xs: unknown[]): unknown[][] {
  const count = Math.floor((xs.length - 1) / size) + 1;
  if (!Number.isFinite(count) || count < 0) throw runtimeError('makeslice: len out of range');
  const out: unknown[][] = [];
  for (let i = 0; i < count; i++) out.push(xs.slice(i * size, i * size + size));
  return out;
}
