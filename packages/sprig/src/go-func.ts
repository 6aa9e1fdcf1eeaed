/**
 * Declaring a template function's Go signature.
 *
 * The value-model contract (docs/value-model.md) lets a function carry `goArity` so the evaluator can raise
 * Go's `wrong number of args for NAME: want N got M`. We also attach `goParamTypes`, the Go type of each
 * parameter (the last one prefixed with `...` when variadic), because Go's argument conversion errors
 * (`wrong type for value; expected string; got interface {}`, `invalid value; expected int`,
 * `cannot assign nil to string`) depend on how the evaluator obtained each value, which only it knows.
 * The function bodies still check their inputs (see `args.ts`) so they are safe to call directly.
 */
export interface GoArity {
  /** number of fixed (non-variadic) parameters */
  params: number;
  variadic: boolean;
  /**
   * parameter types in @helmts/gotemplate's GoSignature form (variadic element type last, no `...`);
   * types the evaluator does not know (time.Time, sprig.certificate) are given as `interface {}` and
   * checked by the function itself
   */
  types?: string[];
}

const EVALUATOR_TYPES = new Set([
  'interface {}',
  'string',
  'bool',
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float64',
  'float32',
  '[]interface {}',
  '[]string',
  'map[string]interface {}',
]);

function evaluatorParamType(t: string): string {
  return EVALUATOR_TYPES.has(t) ? t : 'interface {}';
}

export type TemplateFunction = ((...args: unknown[]) => unknown) & {
  goArity?: GoArity;
  goParamTypes?: string[];
};

export type FuncMap = Record<string, TemplateFunction>;

/**
 * `signature` lists the Go parameter types, comma separated, e.g. `'int, string'` or
 * `'interface {}, ...interface {}'`; an empty string means no parameters.
 */
export function goFunc<A extends unknown[]>(signature: string, fn: (...args: A) => unknown): TemplateFunction {
  const params = splitSignature(signature);
  const variadic = params.length > 0 && params[params.length - 1]!.startsWith('...');
  const f = fn as unknown as TemplateFunction;
  f.goArity = {
    params: variadic ? params.length - 1 : params.length,
    variadic,
    types: params.map((p) => evaluatorParamType(p.replace(/^\.\.\./, ''))),
  };
  f.goParamTypes = params;
  return f;
}

function splitSignature(signature: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of signature) {
    if (ch === '{' || ch === '[') depth++;
    if (ch === '}' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}

/** Thrown when a function's own argument check fails the way Go's reflect-based call would. */
export class GoArgumentTypeError extends Error {
  /** Go reports these without the `error calling NAME:` prefix */
  readonly goArgumentError = true;
  constructor(message: string) {
    super(message);
    this.name = 'GoArgumentTypeError';
  }
}
