/**
 * Liquid filters with Helm's names and semantics: every Sprig function Helm exposes and Helm's own
 * functions (toYaml, fromYaml, toJson, required, fail, ...), called the way a gotpl pipeline calls
 * them: `x | f: a, b` is `x | f a b`, i.e. `f a b x` (the piped value last). So argument order,
 * emptiness (`default`), YAML and quoting are exactly gotpl's, with the implementations shared with
 * the gotpl engine (@helmts/sprig, @helmts/goyaml). Liquid's own filters are kept where Liquid
 * authors rely on them and the Sprig function of the same name would turn the arguments around
 * (`concat`, `slice`, `split`, `round`) or where both agree (`first`, `last`).
 *
 * Go's constant conversion is mirrored: an integral Liquid number passed where the Go function
 * takes an int arrives as a bigint (so `trunc: 63`, `nindent: 4` work).
 */
import { Drop, type Context, type FilterImplOptions, type Liquid } from 'liquidjs';

/** What liquidjs binds `this` to in a filter. */
interface FilterImpl {
  context: Context;
  liquid: Liquid;
}
import { sprigFuncs } from '@helmts/sprig';
import { sprintf } from '@helmts/gotemplate';
import type { EngineDialect, LookupFunction } from '../engine.js';
import { helm3Functions } from '../dialects/helm3-functions.js';
import { fromLiquidObject } from './go-object-drop.js';

type GoFunction = ((...args: unknown[]) => unknown) & {
  goArity?: { params: number; variadic?: boolean; types?: string[] };
};

const KEEP_LIQUID = new Set([
  'concat',
  'slice',
  'split',
  'round',
  'first',
  'last',
  'size',
  'where',
  'map',
  'sort',
  'append',
  'prepend',
]);

const INT_TYPES = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64']);

/** A Liquid value in the Go value model. */
function toGoValue(v: unknown): unknown {
  if (v === undefined) return null;
  const unwrapped = fromLiquidObject(v);
  if (unwrapped !== v) return unwrapped;
  if (v instanceof Drop) return v.valueOf();
  return v;
}

function goArgument(v: unknown, goType: string | undefined): unknown {
  const value = toGoValue(v);
  if (goType && INT_TYPES.has(goType) && typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (goType === 'float64' && typeof value === 'bigint') return Number(value);
  return value;
}

function paramType(fn: GoFunction, index: number): string | undefined {
  const arity = fn.goArity;
  if (!arity?.types) return undefined;
  if (index < arity.params) return arity.types[index];
  return arity.variadic ? arity.types[arity.params] : undefined;
}

/** `x | f: a, b` → `f(a, b, x)` with Go argument conversion. */
function pipelineFilter(fn: GoFunction): FilterImplOptions {
  return (input: unknown, ...args: unknown[]) => {
    const all = [...args, input];
    return fn(...all.map((a, i) => goArgument(a, paramType(fn, i))));
  };
}

export interface HelmFilterOptions {
  lookup?: LookupFunction;
  lintMode?: boolean;
  /** receives what lint mode logs instead of failing */
  warn?: (message: string) => void;
  /** supplies Helm's functions (default helm3) */
  dialect?: EngineDialect;
}

export function helmFilters(options: HelmFilterOptions): Record<string, FilterImplOptions> {
  const dialect = options.dialect ?? helm3Functions;
  const funcs = sprigFuncs() as Record<string, GoFunction>;
  for (const name of ['env', 'expandenv', ...(dialect.absentFuncs ?? [])]) delete funcs[name];
  Object.assign(funcs, dialect.helmFuncs({ lintMode: options.lintMode, lookup: options.lookup, warn: options.warn }));
  const filters: Record<string, FilterImplOptions> = {};
  for (const [name, fn] of Object.entries(funcs)) {
    if (KEEP_LIQUID.has(name)) continue;
    filters[name] = pipelineFilter(fn);
  }
  // lookup reads in argument order: `"v1" | lookup: "Secret", namespace, name`
  const lookup = funcs.lookup;
  if (lookup)
    filters.lookup = (apiVersion: unknown, kind: unknown, namespace: unknown, name: unknown) =>
      lookup(...[apiVersion, kind, namespace, name].map((a) => goArgument(a, 'string')));
  // Go's printf, format first: `"%s-%s" | printf: a, b`. Liquid cannot tell a literal from a value,
  // so whole numbers are ints here (`%d` works on `Values.port`).
  filters.printf = (format: unknown, ...args: unknown[]) =>
    sprintf(String(toGoValue(format)), ...args.map((a) => goArgument(a, 'int')));
  filters.tpl = tplFilter;
  filters.include = includeFilter;
  return filters;
}

/** `text | tpl` renders text as a Liquid template in the current scope (`| tpl: obj`: in obj). */
function tplFilter(this: FilterImpl, text: unknown, scope?: unknown): unknown {
  const source = toGoValue(text);
  if (typeof source !== 'string')
    throw new Error(`tpl: expected a string, got ${source === null ? 'nil' : typeof source}`);
  const template = this.liquid.parse(source);
  return this.liquid.renderSync(template, scope === undefined ? this.context : (scope as object));
}

/** `'name' | include` renders a partial to a string (so it can be piped: `| nindent: 4`). */
function includeFilter(this: FilterImpl, name: unknown, scope?: unknown): unknown {
  const partial = toGoValue(name);
  if (typeof partial !== 'string') throw new Error('include: expected a partial name');
  const template = this.liquid.parseFileSync(partial);
  const context: Context | object = scope === undefined ? this.context : (scope as object);
  return this.liquid.renderSync(template, context);
}
