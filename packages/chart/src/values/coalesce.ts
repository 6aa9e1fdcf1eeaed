import type { Chart } from '../model.js';
import { copyValues, deleteKey, getKey, hasKey, isTable, newTable, setKey, type ValuesTable } from './go-map.js';

/** Receives Helm's coalescing warnings (Helm prints them through log.Printf). */
export type WarningSink = (message: string) => void;

export interface CoalesceOptions {
  onWarning?: WarningSink;
  /**
   * Helm's "merge" flavour (MergeValues / MergeTables): a null in the user values is kept
   * instead of deleting the key. Used by import-values processing.
   */
  merge?: boolean;
}

const GLOBAL = 'global';

function join(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

/** Go's %v for a value printed in a warning. */
function goPrint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`;
  if (isTable(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goPrint(v[k])}`)
      .join(' ')}]`;
  return String(v);
}

/**
 * Helm's coalesceTablesFullKey: folds `src` (lower priority) into `dst` (higher priority),
 * mutating and returning `dst`. A null in dst deletes the key unless `merge`.
 */
function coalesceTablesAt(
  warn: WarningSink,
  dst: ValuesTable | null | undefined,
  src: ValuesTable | null | undefined,
  prefix: string,
  merge: boolean,
): ValuesTable | null | undefined {
  if (src === null || src === undefined) return dst;
  if (dst === null || dst === undefined) return src;
  const srcHadValue = new Set<string>();
  for (const k of Object.keys(src)) if (src[k] !== null && src[k] !== undefined) srcHadValue.add(k);
  // a user null must survive into the loop below even when src has no such key
  for (const k of Object.keys(dst)) if (dst[k] === null || dst[k] === undefined) setKey(src, k, null);
  for (const k of Object.keys(src)) {
    const val = src[k];
    const full = join(prefix, k);
    const present = hasKey(dst, k);
    const dv = getKey(dst, k);
    if (present && !merge && (dv === null || dv === undefined) && srcHadValue.has(k)) {
      deleteKey(dst, k);
    } else if (!present) {
      setKey(dst, k, val);
    } else if (isTable(val)) {
      if (isTable(dv)) coalesceTablesAt(warn, dv, val, full, merge);
      else warn(`warning: cannot overwrite table with non table for ${full} (${goPrint(val)})`);
    } else if (isTable(dv) && val !== null && val !== undefined) {
      warn(`warning: destination for ${full} is a table. Ignoring non-table value (${goPrint(val)})`);
    }
  }
  return dst;
}

/** Helm's CoalesceTables: dst wins; src fills in. Mutates dst. */
export function coalesceTables(dst: ValuesTable, src: ValuesTable, onWarning: WarningSink = () => {}): ValuesTable {
  return coalesceTablesAt(onWarning, dst, src, '', false) as ValuesTable;
}

/** Helm's MergeTables: like coalesceTables but nulls in dst are kept. Mutates dst. */
export function mergeTables(dst: ValuesTable, src: ValuesTable, onWarning: WarningSink = () => {}): ValuesTable {
  return coalesceTablesAt(onWarning, dst, src, '', true) as ValuesTable;
}

function applyChartDefaults(warn: WarningSink, chart: Chart, v: ValuesTable, prefix: string, merge: boolean): void {
  const subPrefix = join(prefix, chart.metadata.name);
  const defaults = copyValues(chart.values ?? newTable());
  for (const key of Object.keys(defaults)) {
    const val = defaults[key];
    if (hasKey(v, key)) {
      const value = v[key];
      if ((value === null || value === undefined) && !merge) {
        deleteKey(v, key);
      } else if (isTable(value)) {
        if (!isTable(val)) {
          if (val !== null && val !== undefined) warn(`warning: skipped value for ${subPrefix}.${key}: Not a table.`);
        } else {
          // a key named after a subchart is always merged, so its nulls reach the subchart
          const mergeHere = merge || chart.dependencies.some((d) => d.metadata.name === key);
          coalesceTablesAt(warn, value, val, join(subPrefix, key), mergeHere);
        }
      }
    } else {
      // Helm 4.1 copies defaults as they are, nulls included
      setKey(v, key, val);
    }
  }
}

function coalesceGlobals(warn: WarningSink, dest: ValuesTable, src: ValuesTable, prefix: string): void {
  let dg: ValuesTable;
  let sg: ValuesTable;
  const destGlobal = getKey(dest, GLOBAL);
  if (!hasKey(dest, GLOBAL)) dg = newTable();
  else if (isTable(destGlobal)) dg = destGlobal;
  else {
    warn(`warning: skipping globals because destination ${GLOBAL} is not a table.`);
    return;
  }
  const srcGlobal = getKey(src, GLOBAL);
  if (!hasKey(src, GLOBAL)) sg = newTable();
  else if (isTable(srcGlobal)) sg = srcGlobal;
  else {
    warn(`warning: skipping globals because source ${GLOBAL} is not a table.`);
    return;
  }
  for (const key of Object.keys(sg)) {
    const val = sg[key];
    if (isTable(val)) {
      const vv = { ...val };
      if (!hasKey(dg, key)) setKey(dg, key, vv);
      else {
        const destv = dg[key];
        if (!isTable(destv)) warn(`Conflict: cannot merge map onto non-map for ${JSON.stringify(key)}. Skipping.`);
        else {
          coalesceTablesAt(warn, vv, destv, join(prefix, key), true);
          setKey(dg, key, vv);
        }
      }
    } else if (hasKey(dg, key) && isTable(dg[key])) {
      warn(`key ${key} is table. Skipping`);
    } else {
      setKey(dg, key, val);
    }
  }
  setKey(dest, GLOBAL, dg);
}

function coalesceChart(
  warn: WarningSink,
  chart: Chart,
  dest: ValuesTable,
  prefix: string,
  merge: boolean,
): ValuesTable {
  applyChartDefaults(warn, chart, dest, prefix, merge);
  for (const sub of chart.dependencies) {
    const name = sub.metadata.name;
    if (!hasKey(dest, name)) setKey(dest, name, newTable());
    else if (!isTable(dest[name])) {
      const v = dest[name];
      throw new Error(`type mismatch on ${name}: %!t(${goTypeForMismatch(v)}=${goPrint(v)})`);
    }
    const dv = dest[name] as ValuesTable;
    const subPrefix = join(prefix, chart.metadata.name);
    coalesceGlobals(warn, dv, dest, subPrefix);
    setKey(dest, name, coalesceChart(warn, sub, dv, subPrefix, merge));
  }
  return dest;
}

function goTypeForMismatch(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  return 'interface {}';
}

/**
 * Helm's CoalesceValues: the user's values over the chart's defaults, recursively for
 * subcharts (each under its — possibly aliased — name), with `global` flowing down. A null
 * user value deletes the default. The inputs are not modified.
 */
export function coalesceValues(
  chart: Chart,
  userValues: ValuesTable | null | undefined,
  opts: CoalesceOptions = {},
): ValuesTable {
  const dest = isTable(userValues) ? copyValues(userValues) : newTable();
  return coalesceChart(opts.onWarning ?? (() => {}), chart, dest, '', opts.merge ?? false);
}

/** Helm's MergeValues: coalesceValues keeping user nulls. */
export function mergeValues(
  chart: Chart,
  userValues: ValuesTable | null | undefined,
  opts: Omit<CoalesceOptions, 'merge'> = {},
): ValuesTable {
  return coalesceValues(chart, userValues, { ...opts, merge: true });
}
