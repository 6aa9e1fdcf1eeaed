/** Go's builtin template functions. `and`, `or` and `call` are special-cased by the evaluator. */
import { defineGoFunc, type FuncMap, type GoFunc } from '../go-func.js';
import { goKind, goTypeName, isTrue, mapEntry } from '../go-values.js';
import { sprint, sprintf, sprintln } from '../fmt/sprintf.js';
import { eq, ge, gt, le, lt, ne } from './compare.js';
import { htmlEscape, jsEscape, urlQueryEscape } from './escapers.js';

/** Marks the builtins the evaluator implements itself (short-circuit, callee name). */
export const specialBuiltin = Symbol('gotemplate.specialBuiltin');
export type SpecialFunc = GoFunc & { [specialBuiltin]?: 'and' | 'or' | 'call' };

function special(kind: 'and' | 'or' | 'call', params: number): SpecialFunc {
  const fn = defineGoFunc(
    () => {
      throw new Error(`${kind}: evaluated specially`);
    },
    { params, variadic: true, types: ['reflect.Value', 'reflect.Value'] },
  ) as SpecialFunc;
  fn[specialBuiltin] = kind;
  return fn;
}

const raw = 'reflect.Value' as const;

function indexArg(index: unknown, cap: number): number {
  let x: bigint;
  if (typeof index === 'bigint') x = index;
  else if (index === undefined || index === null) throw new Error('cannot index slice/array with nil');
  else throw new Error(`cannot index slice/array with type ${goTypeName(index)}`);
  if (x < 0n || x > BigInt(cap)) throw new Error(`index out of range: ${x}`);
  return Number(x);
}

function stringBytes(s: string): Uint8Array | null {
  // ASCII strings index the same as bytes; others need their UTF-8 form
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return Buffer.from(s, 'utf8');
  return null;
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new Error('index of untyped nil');
  for (const idx of indexes) {
    if (item === null || item === undefined) throw new Error('index of nil pointer');
    const kind = goKind(item);
    if (kind === 'slice' || kind === 'bytes') {
      const arr = item as ArrayLike<unknown>;
      const x = indexArg(idx, arr.length);
      if (x >= arr.length) throw new Error('reflect: slice index out of range');
      const el = arr[x];
      item = kind === 'bytes' ? BigInt(el as number) : el === undefined ? null : el;
    } else if (kind === 'string') {
      const s = item as string;
      const bytes = stringBytes(s);
      const len = bytes ? bytes.length : s.length;
      const x = indexArg(idx, len);
      if (x >= len) throw new Error('reflect: string index out of range');
      item = BigInt(bytes ? bytes[x] : s.charCodeAt(x));
    } else if (kind === 'map') {
      if (idx === undefined || idx === null) throw new Error('value is nil; should be of type string');
      if (typeof idx !== 'string') throw new Error(`value has type ${goTypeName(idx)}; should be string`);
      const m = item as Record<string, unknown>;
      item = mapEntry(m, idx) ?? null;
    } else {
      throw new Error(`can't index item of type ${goTypeName(item)}`);
    }
  }
  return item;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  const kind = goKind(item);
  let len: number;
  let bytes: Uint8Array | null = null;
  if (kind === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    bytes = stringBytes(item as string);
    len = bytes ? bytes.length : (item as string).length;
  } else if (kind === 'slice' || kind === 'bytes') {
    len = (item as ArrayLike<unknown>).length;
  } else {
    throw new Error(`can't slice item of type ${goTypeName(item)}`);
  }
  const idx = [0, len, len];
  indexes.forEach((v, i) => {
    idx[i] = indexArg(v, len);
  });
  if (idx[0] > idx[1]) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (kind === 'string') {
    return bytes
      ? Buffer.from(bytes.subarray(idx[0], idx[1])).toString('utf8')
      : (item as string).slice(idx[0], idx[1]);
  }
  return (item as unknown[]).slice(idx[0], idx[1]);
}

function length(item: unknown): bigint {
  if (item === null) throw new Error('len of nil pointer');
  if (item === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  switch (goKind(item)) {
    case 'string':
      return BigInt(Buffer.byteLength(item as string, 'utf8'));
    case 'slice':
    case 'bytes':
      return BigInt((item as ArrayLike<unknown>).length);
    case 'map':
      return BigInt(Object.keys(item as object).length);
  }
  if (item instanceof Map) return BigInt(item.size);
  throw new Error(`len of type ${goTypeName(item)}`);
}

/** Go's evalArgs for the escapers: one string as is, otherwise Sprint with nil shown as <no value>. */
function escaperInput(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(...args.map((a) => (a === null || a === undefined ? '<no value>' : a)));
}

export const builtinFuncs: FuncMap = {
  and: special('and', 1),
  or: special('or', 1),
  call: special('call', 1),
  not: defineGoFunc((a: unknown) => !isTrue(a), { params: 1, types: [raw] }),
  len: defineGoFunc(length, { params: 1, types: [raw] }),
  index: defineGoFunc(index, { params: 1, variadic: true, types: [raw, raw] }),
  slice: defineGoFunc(slice, { params: 1, variadic: true, types: [raw, raw] }),
  print: defineGoFunc(sprint, { params: 0, variadic: true }),
  printf: defineGoFunc(sprintf, { params: 1, variadic: true, types: ['string', 'interface {}'] }),
  println: defineGoFunc(sprintln, { params: 0, variadic: true }),
  html: defineGoFunc((...a: unknown[]) => htmlEscape(escaperInput(a)), { params: 0, variadic: true }),
  js: defineGoFunc((...a: unknown[]) => jsEscape(escaperInput(a)), { params: 0, variadic: true }),
  urlquery: defineGoFunc((...a: unknown[]) => urlQueryEscape(escaperInput(a)), { params: 0, variadic: true }),
  eq: defineGoFunc(eq, { params: 1, variadic: true, types: [raw, raw] }),
  ne: defineGoFunc(ne, { params: 2, types: [raw, raw] }),
  lt: defineGoFunc(lt, { params: 2, types: [raw, raw] }),
  le: defineGoFunc(le, { params: 2, types: [raw, raw] }),
  gt: defineGoFunc(gt, { params: 2, types: [raw, raw] }),
  ge: defineGoFunc(ge, { params: 2, types: [raw, raw] }),
};
