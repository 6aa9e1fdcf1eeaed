/**
 * Function maps and Go-style signatures.
 *
 * A template function is a plain JS function receiving evaluated Go values (see docs/value-model.md).
 * Optionally it carries a signature so the evaluator can raise Go's arity and argument-type errors.
 */

/** Go parameter types the evaluator understands when checking arguments (Go's validateType rules). */
export type GoParamType =
  | 'interface {}'
  | 'string'
  | 'bool'
  | 'int'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float64'
  | 'float32'
  | '[]interface {}'
  | '[]string'
  | 'map[string]interface {}'
  /** receives the raw evaluated value: `undefined` for Go's invalid value (missing key), `null` for nil */
  | 'reflect.Value';

export interface GoSignature {
  /** number of fixed parameters (not counting the variadic one) */
  params: number;
  /** whether extra arguments are accepted after the fixed ones (Go `...T`) */
  variadic?: boolean;
  /**
   * Optional Go types of the fixed parameters, followed (when variadic) by the element type of the
   * variadic part. Missing entries mean `interface {}`. Untyped constants are converted as Go does
   * (a literal `1` passed to a float64 parameter arrives as the number 1).
   */
  types?: GoParamType[];
}

export type GoFunc = ((...args: any[]) => unknown) & { goArity?: GoSignature };
export type FuncMap = Record<string, GoFunc>;

/** Declares a function's Go signature (arity and optionally parameter types) and returns it. */
export function defineGoFunc<F extends (...args: any[]) => unknown>(
  fn: F,
  signature: GoSignature,
): F & { goArity: GoSignature } {
  const withArity = fn as F & { goArity: GoSignature };
  withArity.goArity = { params: signature.params, variadic: signature.variadic ?? false, types: signature.types };
  return withArity;
}

const identifierPattern = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;
// the usual names, without compiling the Unicode classes above (~0.3 ms) when a FuncMap is built
const asciiIdentifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Go's rule for function names in a FuncMap. */
export function isValidFuncName(name: string): boolean {
  return asciiIdentifier.test(name) || identifierPattern.test(name);
}
