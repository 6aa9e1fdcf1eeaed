/**
 * Classification of JS values as Go values (docs/value-model.md).
 * `undefined` stands for Go's invalid reflect.Value (e.g. a missing map key), `null` for a nil interface.
 */

export type GoKind = 'invalid' | 'bool' | 'int' | 'float64' | 'string' | 'slice' | 'bytes' | 'map' | 'struct' | 'func';

/**
 * A Go map or slice type with a name of its own (Helm's `files`, `common.VersionSet`) is a plain
 * object or an array carrying its type name under this symbol; its methods are non-enumerable own
 * function-valued properties (see methodOfCollection).
 */
export const goTypeNameKey: unique symbol = Symbol.for('gotemplate.goTypeName');

/** A plain object: Go map[string]interface{}. */
export function isGoMap(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function goKind(v: unknown): GoKind {
  switch (typeof v) {
    case 'undefined':
      return 'invalid';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
    case 'function':
      return 'func';
    case 'object':
      if (v === null) return 'invalid';
      if (Array.isArray(v)) return 'slice';
      if (v instanceof Uint8Array) return 'bytes';
      return isGoMap(v) ? 'map' : 'struct';
    default:
      return 'struct';
  }
}

/** Go type name as `%T` and error messages print it. */
export function goTypeName(v: unknown): string {
  switch (goKind(v)) {
    case 'invalid':
      return '<nil>';
    case 'bool':
      return 'bool';
    case 'int':
      return 'int';
    case 'float64':
      return 'float64';
    case 'string':
      return 'string';
    case 'slice':
      return (v as { [goTypeNameKey]?: string })[goTypeNameKey] ?? '[]interface {}';
    case 'bytes':
      return '[]uint8';
    case 'map':
      return (v as { [goTypeNameKey]?: string })[goTypeNameKey] ?? 'map[string]interface {}';
    case 'func':
      return 'func(...interface {}) interface {}';
    case 'struct': {
      const ctor = (v as object).constructor as { goTypeName?: string; name?: string } | undefined;
      return ctor?.goTypeName ?? ctor?.name ?? 'struct {}';
    }
  }
}

/** Go's template truth: not the zero value of its type. */
export function isTrue(v: unknown): boolean {
  switch (typeof v) {
    case 'undefined':
      return false;
    case 'boolean':
      return v;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
    case 'object':
      if (v === null) return false;
      if (Array.isArray(v)) return v.length > 0;
      if (v instanceof Uint8Array) return v.length > 0;
      if (isGoMap(v)) {
        for (const _ in v) return true;
        return false;
      }
      return true;
    default:
      return true;
  }
}

/** Keys of a Go map in fmtsort order (bytewise for strings). */
export function sortedKeys(m: Record<string, unknown>): string[] {
  const keys = Object.keys(m);
  if (keys.length > 16) keys.sort(compareGoStrings);
  else insertionSort(keys);
  return keys;
}

/**
 * Sorts a few keys in place, in the same (stable) order Array.prototype.sort gives. A range over a
 * map sorts its keys on every execution, and V8's sort allocates work arrays on each call, ~100 bytes
 * per key: a quarter of what rendering a big chart allocates went to sorting maps of a few keys.
 */
function insertionSort(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
}

/** Go compares strings by UTF-8 bytes; this matches that except across surrogate pairs vs U+E000..U+FFFF. */
function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reads a property as a Go field or method: undefined when the object has no such member. */
export function memberOf(obj: object, name: string): unknown {
  const value = (obj as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (
    name in Object.prototype &&
    !Object.prototype.hasOwnProperty.call(obj, name) &&
    value === (Object.prototype as Record<string, unknown>)[name]
  )
    return undefined;
  return value;
}

export function hasMember(obj: object, name: string): boolean {
  if (!(name in obj)) return false;
  if (
    name in Object.prototype &&
    (obj as Record<string, unknown>)[name] === (Object.prototype as Record<string, unknown>)[name]
  )
    return false;
  return true;
}

/**
 * A method of a named map or slice type: a non-enumerable own function-valued property, so range,
 * len, keys, printing and encoding never see it (enumerable function values are ordinary entries).
 */
export function methodOfCollection(v: object, name: string): ((...args: unknown[]) => unknown) | undefined {
  const value = (v as Record<string, unknown>)[name];
  if (typeof value !== 'function') return undefined;
  if (!Object.prototype.hasOwnProperty.call(v, name) || Object.prototype.propertyIsEnumerable.call(v, name))
    return undefined;
  return value as (...args: unknown[]) => unknown;
}

/** A map entry (own enumerable property); undefined when the key is absent. */
export function mapEntry(m: Record<string, unknown>, key: string): unknown {
  return Object.prototype.propertyIsEnumerable.call(m, key) ? m[key] : undefined;
}

/**
 * Whether a Go struct value's method is in its method set as fmt sees it. A class lists its
 * pointer-receiver methods in `static goPointerMethods`; those apply to a value only through a
 * pointer (a type name starting with `*`) or where Go takes the address (template output).
 */
export function hasValueMethod(v: object, name: string): boolean {
  const ctor = (v as { constructor?: { goPointerMethods?: readonly string[] } }).constructor;
  const pointerMethods = ctor?.goPointerMethods;
  if (!pointerMethods || !pointerMethods.includes(name)) return true;
  return goTypeName(v).startsWith('*');
}
