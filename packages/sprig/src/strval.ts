/** Sprig's strval (the `toString` function): string, []byte text, error/Stringer text, else fmt's `%v`. */
import { formatValue } from '@helmts/gotemplate';
import { fromUtf8 } from './go-strings.js';
import { isGoStruct } from './go-values.js';

export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return fromUtf8(v);
  if (v instanceof Error) return v.message;
  if (isGoStruct(v)) {
    const s = v as { Error?: unknown; String?: unknown };
    if (typeof s.Error === 'function') return String((s.Error as () => unknown).call(v));
    if (typeof s.String === 'function') return String((s.String as () => unknown).call(v));
  }
  return formatValue(v);
}

/** Sprig's strslice (`toStrings`, `join`): list elements (nil dropped) as strings; a scalar becomes one. */
export function strslice(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}
