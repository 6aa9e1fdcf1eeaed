/** Classifying JS values as the Go values they stand for (docs/value-model.md). */

export type GoMap = Record<string, unknown>;

export function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/** A plain object is a Go `map[string]interface{}`; any other object (class instance) is a struct/pointer. */
export function isGoMap(v: unknown): v is GoMap {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Uint8Array) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function isGoStruct(v: unknown): v is object {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !isGoMap(v);
}

/** Go's `%T` of a value. */
export function goTypeName(v: unknown): string {
  if (isNil(v)) return '<nil>';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
    case 'function':
      return 'func()';
  }
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof Uint8Array) return '[]uint8';
  if (isGoMap(v)) return 'map[string]interface {}';
  const ctor = (v as { constructor?: { goTypeName?: string; name?: string } }).constructor;
  return ctor?.goTypeName ?? ctor?.name ?? 'struct {}';
}

/** Go's `reflect.Kind` name of a value (`invalid` for nil). */
export function goKind(v: unknown): string {
  if (isNil(v)) return 'invalid';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
    case 'function':
      return 'func';
  }
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (isGoMap(v)) return 'map';
  const ctor = (v as { constructor?: { goKind?: string; goTypeName?: string } }).constructor;
  if (ctor?.goKind) return ctor.goKind;
  return ctor?.goTypeName && !ctor.goTypeName.startsWith('*') ? 'struct' : 'ptr';
}

/** Sprig's `empty`: nil, false, 0, "", and empty slices/maps; structs and pointers never. */
export function isSprigEmpty(v: unknown): boolean {
  if (isNil(v)) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'boolean':
      return !v;
    case 'bigint':
      return v === 0n;
    case 'number':
      return v === 0;
  }
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Uint8Array) return v.length === 0;
  if (isGoMap(v)) return Object.keys(v).length === 0;
  return false;
}

/** Go's `reflect.DeepEqual` over the value model (bigint and number are different Go types). */
export function goDeepEqual(a: unknown, b: unknown): boolean {
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number') return a === b; // NaN != NaN, as in Go
  if (typeof a !== 'object') return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => goDeepEqual(x, b[i]));
  }
  if (a instanceof Uint8Array) {
    if (!(b instanceof Uint8Array) || a.length !== b.length) return false;
    return a.every((x, i) => x === b[i]);
  }
  if (isGoMap(a)) {
    if (!isGoMap(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && goDeepEqual(a[k], b[k]));
  }
  if (a === b) return true;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => goDeepEqual((a as GoMap)[k], (b as GoMap)[k]));
}

/** Deep copy of maps and slices (structs are copied field by field onto the same prototype). */
export function goDeepCopy(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(goDeepCopy);
  if (v instanceof Uint8Array) return new Uint8Array(v);
  const out: GoMap = Object.create(Object.getPrototypeOf(v));
  for (const k of Object.keys(v)) out[k] = goDeepCopy((v as GoMap)[k]);
  return out;
}
