import type { Chart } from '../model.js';
import { copyValues, deleteKey, getKey, hasKey, isTable, newTable, setKey, type ValuesTable } from './go-map.js';

/**
 * A chart whose values.yaml could not be read, met where its values are needed: as Helm 2's
 * coalesceValues words it (`Error: Reading chart 'NAME' default values (TEXT): ERROR`), or, coalescing
 * as Helm 4, as its loader does (`cannot load values.yaml: ERROR`).
 */
export class ChartValuesError extends Error {
  constructor(chart: Chart, helm2: boolean) {
    super(
      helm2
        ? `Error: Reading chart '${chart.metadata.name}' default values (${chart.rawValues}): ${chart.valuesError}`
        : `cannot load values.yaml: ${chart.valuesError}`,
    );
    this.name = 'ChartValuesError';
  }
}

/** Receives Helm's coalescing warnings (Helm prints them through log.Printf). */
export type WarningSink = (message: string) => void;

export interface CoalesceOptions {
  onWarning?: WarningSink;
  /**
   * Helm's "merge" flavour (MergeValues / MergeTables): a null in the user values is kept
   * instead of deleting the key. Used by import-values processing.
   */
  merge?: boolean;
  /**
   * Helm 2.17's CoalesceValues: a null in the user values is dropped wherever the user's table
   * meets a chart's (`--set new=null` leaves no key; Helm 4 keeps `new: null` and only deletes a
   * default), and a chart without values.yaml leaves the user's values as they are.
   */
  helm2?: boolean;
}

/** How nulls in the user's values are treated: Helm 4's coalesce, its merge, or Helm 2's coalesce. */
type Mode = 'coalesce' | 'merge' | 'helm2';

const isNullish = (v: unknown): v is null | undefined => v === null || v === undefined;

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
 * mutating and returning `dst`. A null in dst deletes the key unless `merge`; under `helm2` every
 * null in dst is dropped, whether or not src has the key.
 */
function coalesceTablesAt(
  warn: WarningSink,
  dst: ValuesTable | null | undefined,
  src: ValuesTable | null | undefined,
  prefix: string,
  mode: Mode,
): ValuesTable | null | undefined {
  if (src === null || src === undefined) return dst;
  if (dst === null || dst === undefined) return src;
  const dropped = mode === 'helm2' ? dropNulls(dst) : new Set<string>();
  const srcHadValue = new Set<string>();
  for (const k of Object.keys(src)) if (!isNullish(src[k])) srcHadValue.add(k);
  // a user null must survive into the loop below even when src has no such key
  for (const k of Object.keys(dst)) if (isNullish(dst[k])) setKey(src, k, null);
  for (const k of Object.keys(src)) {
    if (dropped.has(k)) continue;
    const val = src[k];
    const full = join(prefix, k);
    const present = hasKey(dst, k);
    const dv = getKey(dst, k);
    if (present && mode !== 'merge' && isNullish(dv) && srcHadValue.has(k)) {
      deleteKey(dst, k);
    } else if (!present) {
      setKey(dst, k, val);
    } else if (isTable(val)) {
      if (isTable(dv)) coalesceTablesAt(warn, dv, val, full, mode);
      else warn(`warning: cannot overwrite table with non table for ${full} (${goPrint(val)})`);
    } else if (isTable(dv) && !isNullish(val)) {
      warn(`warning: destination for ${full} is a table. Ignoring non-table value (${goPrint(val)})`);
    }
  }
  return dst;
}

/** Deletes the keys of `table` whose value is null; returns their names. */
function dropNulls(table: ValuesTable): Set<string> {
  const dropped = new Set<string>();
  for (const k of Object.keys(table)) {
    if (!isNullish(table[k])) continue;
    deleteKey(table, k);
    dropped.add(k);
  }
  return dropped;
}

/** Helm's CoalesceTables: dst wins; src fills in. Mutates dst. `helm2`: Helm 2.17's (see CoalesceOptions). */
export function coalesceTables(
  dst: ValuesTable,
  src: ValuesTable,
  onWarning: WarningSink = () => {},
  opts: { helm2?: boolean } = {},
): ValuesTable {
  return coalesceTablesAt(onWarning, dst, src, '', opts.helm2 ? 'helm2' : 'coalesce') as ValuesTable;
}

/** Helm's MergeTables: like coalesceTables but nulls in dst are kept. Mutates dst. */
export function mergeTables(dst: ValuesTable, src: ValuesTable, onWarning: WarningSink = () => {}): ValuesTable {
  return coalesceTablesAt(onWarning, dst, src, '', 'merge') as ValuesTable;
}

function applyChartDefaults(warn: WarningSink, chart: Chart, v: ValuesTable, prefix: string, mode: Mode): void {
  // Helm 2 coalesces only a chart that has values.yaml text (and then drops every user null)
  if (mode === 'helm2' && (chart.rawValues === undefined || chart.rawValues === '')) return;
  if (chart.valuesError !== undefined) throw new ChartValuesError(chart, mode === 'helm2');
  const dropped = mode === 'helm2' ? dropNulls(v) : new Set<string>();
  const subPrefix = join(prefix, chart.metadata.name);
  const defaults = copyValues(chart.values ?? newTable());
  for (const key of Object.keys(defaults)) {
    if (dropped.has(key)) continue;
    const val = defaults[key];
    if (hasKey(v, key)) {
      const value = v[key];
      if (isNullish(value) && mode !== 'merge') {
        deleteKey(v, key);
      } else if (isTable(value)) {
        if (!isTable(val)) {
          if (!isNullish(val)) warn(`warning: skipped value for ${subPrefix}.${key}: Not a table.`);
        } else {
          // Helm 4 merges a key named after a subchart, so its nulls reach the subchart (Helm 2 did not)
          const mergeHere = mode === 'coalesce' && chart.dependencies.some((d) => d.metadata.name === key);
          coalesceTablesAt(warn, value, val, join(subPrefix, key), mergeHere ? 'merge' : mode);
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
          coalesceTablesAt(warn, vv, destv, join(prefix, key), 'merge');
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

function coalesceChart(warn: WarningSink, chart: Chart, dest: ValuesTable, prefix: string, mode: Mode): ValuesTable {
  applyChartDefaults(warn, chart, dest, prefix, mode);
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
    setKey(dest, name, coalesceChart(warn, sub, dv, subPrefix, mode));
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
  const mode: Mode = opts.merge ? 'merge' : opts.helm2 ? 'helm2' : 'coalesce';
  return coalesceChart(opts.onWarning ?? (() => {}), chart, dest, '', mode);
}

/** Helm's MergeValues: coalesceValues keeping user nulls. */
export function mergeValues(
  chart: Chart,
  userValues: ValuesTable | null | undefined,
  opts: Omit<CoalesceOptions, 'merge'> = {},
): ValuesTable {
  return coalesceValues(chart, userValues, { ...opts, merge: true });
}
