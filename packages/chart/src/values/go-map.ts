/**
 * Values trees follow docs/value-model.md: Go maps are plain objects. Keys come from
 * untrusted YAML/--set input, so a key such as `__proto__` must become an own property
 * instead of changing the object's prototype, and lookups must only see own properties.
 */
export type ValuesTable = Record<string, unknown>;

export function newTable(): ValuesTable {
  return {};
}

export function isTable(v: unknown): v is ValuesTable {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function hasKey(t: ValuesTable, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(t, key);
}

export function getKey(t: ValuesTable, key: string): unknown {
  return hasKey(t, key) ? t[key] : undefined;
}

export function setKey(t: ValuesTable, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(t, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    t[key] = value;
  }
}

export function deleteKey(t: ValuesTable, key: string): void {
  delete t[key];
}

/** Deep copy of a values tree (maps and lists are copied; scalars and class instances shared). */
export function copyValues<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => copyValues(x)) as T;
  if (isTable(v)) {
    const out = newTable();
    for (const k of Object.keys(v)) setKey(out, k, copyValues(v[k]));
    return out as T;
  }
  return v;
}
