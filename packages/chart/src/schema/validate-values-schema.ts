import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import type { Chart } from '../model.js';
import { getKey, isTable, type ValuesTable } from '../values/go-map.js';
import { decodeJson, GoJsonError } from '../values/go-json.js';

type AjvCtor = new (opts: Record<string, unknown>) => {
  compile(schema: unknown): { (data: unknown): boolean; errors?: ErrorObject[] | null };
};
const ctor = (m: unknown): AjvCtor => ((m as { default?: AjvCtor }).default ?? m) as AjvCtor;

// ajv is ~95 modules; most charts have no values.schema.json, so it is loaded on first use.
// Validation is synchronous, hence require (ajv is CommonJS) rather than import().
const requireCjs = createRequire(import.meta.url);
const loadedAjv = new Map<string, AjvCtor>();
function ajvCtor(id: 'ajv' | 'ajv/dist/2019.js' | 'ajv/dist/2020.js'): AjvCtor {
  let c = loadedAjv.get(id);
  if (!c) {
    c = ctor(requireCjs(id));
    loadedAjv.set(id, c);
  }
  return c;
}

export interface SchemaViolation {
  /** Chart path, e.g. `parent` or `parent/charts/sub`. */
  chart: string;
  /** JSON pointer into the values, `` for the root. */
  path: string;
  message: string;
}

/** Values that fail a chart's values.schema.json; the message lists every violation like Helm. */
export class SchemaValidationError extends Error {
  constructor(
    readonly violations: SchemaViolation[],
    detail: string,
  ) {
    super(`values don't meet the specifications of the schema(s) in the following chart(s):\n${detail}`);
    this.name = 'SchemaValidationError';
  }
}

/** JSON Schema validators see JSON: bigint (int64 from --set) becomes a number. */
function toJsonData(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toJsonData);
  if (isTable(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v))
      Object.defineProperty(out, k, { value: toJsonData(v[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

function validatorFor(schema: unknown) {
  const declared = isTable(schema) ? String(getKey(schema, '$schema') ?? '') : '';
  const Ctor = ajvCtor(
    declared.includes('2020-12') ? 'ajv/dist/2020.js' : declared.includes('2019-09') ? 'ajv/dist/2019.js' : 'ajv',
  );
  const ajv = new Ctor({ allErrors: true, strict: false, validateFormats: false, logger: false });
  return ajv.compile(schema);
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'required')
    return `missing property '${(e.params as { missingProperty: string }).missingProperty}'`;
  if (e.keyword === 'additionalProperties')
    return `additional properties '${(e.params as { additionalProperty: string }).additionalProperty}' not allowed`;
  if (e.keyword === 'enum')
    return `value must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return e.message ?? e.keyword;
}

/** Validates one values tree against one schema (draft 7 unless `$schema` names 2019-09 / 2020-12). */
export function validateAgainstSchema(
  values: ValuesTable,
  schemaBytes: Uint8Array | string,
  chartPath = '',
): SchemaViolation[] {
  const text = typeof schemaBytes === 'string' ? schemaBytes : new TextDecoder().decode(schemaBytes);
  let schema: unknown;
  try {
    schema = decodeJson(text);
  } catch (e) {
    if (e instanceof GoJsonError)
      return [{ chart: chartPath, path: '', message: `invalid values.schema.json: ${e.message}` }];
    throw e;
  }
  let validate;
  try {
    validate = validatorFor(schema);
  } catch (e) {
    return [{ chart: chartPath, path: '', message: `invalid values.schema.json: ${(e as Error).message}` }];
  }
  if (validate(toJsonData(values))) return [];
  return (validate.errors ?? []).map((e) => ({ chart: chartPath, path: e.instancePath, message: describe(e) }));
}

/**
 * Helm's ValidateAgainstSchema over a chart tree: each chart's schema checks its own scope
 * of the coalesced values (subcharts under their names). Returns every violation.
 */
export function validateChartValues(
  chart: Chart,
  values: ValuesTable,
  chartPath = chart.metadata.name,
): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  if (chart.schema) out.push(...validateAgainstSchema(values, chart.schema, chartPath));
  for (const sub of chart.dependencies) {
    const name = sub.metadata.name;
    const raw = getKey(values, name);
    if (raw === undefined || raw === null) continue;
    if (!isTable(raw)) {
      out.push({
        chart: `${chartPath}/charts/${name}`,
        path: '',
        message: 'invalid type for values: expected object (map)',
      });
      continue;
    }
    out.push(...validateChartValues(sub, raw, `${chartPath}/charts/${name}`));
  }
  return out;
}

/** Throws SchemaValidationError listing every violation (`- at '/path': message`), grouped by chart. */
export function assertValuesMatchSchemas(chart: Chart, values: ValuesTable): void {
  const violations = validateChartValues(chart, values);
  if (violations.length === 0) return;
  let detail = '';
  let current: string | undefined;
  for (const v of violations) {
    if (v.chart !== current) {
      detail += `${v.chart.split('/').pop()}:\n`;
      current = v.chart;
    }
    detail += `- at '${v.path}': ${v.message}\n`;
  }
  throw new SchemaValidationError(violations, detail);
}
