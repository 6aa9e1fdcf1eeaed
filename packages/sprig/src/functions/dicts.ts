/** Sprig's dict functions over `map[string]interface{}` (plain objects). */
import { GoArgumentTypeError, goFunc, type FuncMap } from '../go-func.js';
import { sortGoStrings } from '../go-json.js';
import { goDeepCopy, goTypeName, isGoMap, isNil, type GoMap } from '../go-values.js';
import { strval } from '../strval.js';

const MAP = 'map[string]interface {}';
const I = 'interface {}';

function argMap(v: unknown): GoMap {
  if (isGoMap(v)) return v;
  if (isNil(v)) return {}; // a nil map reads as empty
  throw new GoArgumentTypeError(`wrong type for value; expected ${MAP}; got ${goTypeName(v)}`);
}

function argKey(v: unknown): string {
  if (typeof v === 'string') return v;
  throw new GoArgumentTypeError(
    isNil(v) ? 'invalid value; expected string' : `wrong type for value; expected string; got ${goTypeName(v)}`,
  );
}

const has = (m: GoMap, k: string) => Object.prototype.hasOwnProperty.call(m, k);

export function dictFunctions(): FuncMap {
  return {
    dict: goFunc(`...${I}`, (...kv: unknown[]) => {
      const out: GoMap = {};
      for (let i = 0; i < kv.length; i += 2) out[strval(kv[i])] = i + 1 < kv.length ? (kv[i + 1] ?? null) : '';
      return out;
    }),
    get: goFunc(`${MAP}, string`, (d, k) => {
      const m = argMap(d);
      const key = argKey(k);
      return has(m, key) ? m[key] : '';
    }),
    set: goFunc(`${MAP}, string, ${I}`, (d, k, v) => {
      const m = argMap(d);
      m[argKey(k)] = v ?? null;
      return m;
    }),
    unset: goFunc(`${MAP}, string`, (d, k) => {
      const m = argMap(d);
      delete m[argKey(k)];
      return m;
    }),
    hasKey: goFunc(`${MAP}, string`, (d, k) => has(argMap(d), argKey(k))),
    pluck: goFunc(`string, ...${MAP}`, (k, ...ds: unknown[]) => {
      const key = argKey(k);
      return ds
        .map(argMap)
        .filter((m) => has(m, key))
        .map((m) => m[key]);
    }),
    // Go returns map order (random); sorted here for determinism
    keys: goFunc(`...${MAP}`, (...ds: unknown[]) => ds.map(argMap).flatMap((m) => sortGoStrings(Object.keys(m)))),
    values: goFunc(MAP, (d) => {
      const m = argMap(d);
      return sortGoStrings(Object.keys(m)).map((k) => m[k]);
    }),
    pick: goFunc(`${MAP}, ...string`, (d, ...ks: unknown[]) => {
      const m = argMap(d);
      const out: GoMap = {};
      for (const k of ks.map(argKey)) if (has(m, k)) out[k] = m[k];
      return out;
    }),
    omit: goFunc(`${MAP}, ...string`, (d, ...ks: unknown[]) => {
      const m = argMap(d);
      const drop = new Set(ks.map(argKey));
      const out: GoMap = {};
      for (const k of Object.keys(m)) if (!drop.has(k)) out[k] = m[k];
      return out;
    }),
    merge: goFunc(`${MAP}, ...${MAP}`, (d, ...srcs: unknown[]) => mergeAll(d, srcs, false)),
    mustMerge: goFunc(`${MAP}, ...${MAP}`, (d, ...srcs: unknown[]) => mergeAll(d, srcs, false)),
    mergeOverwrite: goFunc(`${MAP}, ...${MAP}`, (d, ...srcs: unknown[]) => mergeAll(d, srcs, true)),
    mustMergeOverwrite: goFunc(`${MAP}, ...${MAP}`, (d, ...srcs: unknown[]) => mergeAll(d, srcs, true)),
    deepCopy: goFunc(I, (v) => deepCopy(v)),
    mustDeepCopy: goFunc(I, (v) => deepCopy(v)),
    dig: goFunc(`...${I}`, (...ps: unknown[]) => {
      if (ps.length < 3) throw new Error('dig needs at least three arguments');
      const dict = ps[ps.length - 1];
      const def = ps[ps.length - 2];
      const keys = ps.slice(0, -2).map((k) => {
        if (typeof k !== 'string')
          throw new Error(`interface conversion: interface {} is ${goTypeName(k)}, not string`);
        return k;
      });
      let cur: unknown = dict;
      for (let i = 0; i < keys.length; i++) {
        if (!isGoMap(cur))
          throw new Error(`interface conversion: interface {} is ${isNil(cur) ? 'nil' : goTypeName(cur)}, not ${MAP}`);
        if (!has(cur, keys[i]!)) return def;
        cur = cur[keys[i]!];
      }
      return cur;
    }),
  };
}

function mergeAll(dst: unknown, srcs: unknown[], overwrite: boolean): GoMap {
  const d = argMap(dst);
  for (const s of srcs) mergeInto(d, argMap(s), overwrite);
  return d;
}

/** mergo's emptiness (isEmptyValue, dereferencing) */
function mergoEmpty(v: unknown): boolean {
  if (isNil(v)) return true;
  if (typeof v === 'string') return v === '';
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'bigint') return v === 0n;
  if (typeof v === 'number') return v === 0;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (isGoMap(v)) return Object.keys(v).length === 0;
  return false;
}

/**
 * mergo.Merge / MergeWithOverwrite on map[string]interface{} (what Sprig v3 calls): nested maps merge
 * recursively in place; without overwrite a destination value survives unless it is mergo-empty (so a
 * `false`, 0 or "" in dst is replaced by src's value); src nils are skipped, or copied when overwriting.
 * Values are shared, not copied, as in Go.
 */
function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const key of Object.keys(src)) {
    const sv = src[key];
    const present = has(dst, key);
    const dv = dst[key];
    if (isNil(sv)) {
      if (overwrite) dst[key] = null;
      continue;
    }
    if (isGoMap(sv) && present && isGoMap(dv)) mergeInto(dv, sv, overwrite);
    if (present && !mergoEmpty(dv)) {
      if (Array.isArray(sv)) {
        if (overwrite) dst[key] = sv;
        continue;
      }
      if (isGoMap(sv) && isGoMap(dv)) continue;
    }
    if (overwrite || !present || mergoEmpty(dv)) dst[key] = sv;
  }
}

/** copystructure.Copy: nil has no type to copy, and reflect panics on it (Helm 2 and 4 alike). */
function deepCopy(v: unknown): unknown {
  if (isNil(v)) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  return goDeepCopy(v);
}
