import { isTable } from '../src/index.js';

/** Values as Helm prints them through toYaml: int64 and float64 both become plain numbers. */
export function asPrinted(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(asPrinted);
  if (isTable(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort())
      Object.defineProperty(out, k, { value: asPrinted(v[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}
