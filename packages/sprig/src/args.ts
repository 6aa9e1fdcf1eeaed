/**
 * Argument checks for function bodies, standing in for Go's reflect-based argument conversion when a
 * function is called directly (the evaluator is expected to check `goParamTypes` first, with Go's exact
 * messages).
 */
import { GoArgumentTypeError } from './go-func.js';
import { goTypeName, isNil } from './go-values.js';

export function argString(v: unknown): string {
  if (typeof v === 'string') return v;
  throw mismatch('string', v);
}

/** Go `int` parameter: a bigint (template integer constants, int results); float64 values are rejected. */
export function argInt(v: unknown): number {
  if (typeof v === 'bigint') return Number(BigInt.asIntN(64, v));
  throw mismatch('int', v);
}

export function argBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  throw mismatch('bool', v);
}

export function mismatch(expected: string, v: unknown): GoArgumentTypeError {
  if (isNil(v)) return new GoArgumentTypeError(`invalid value; expected ${expected}`);
  return new GoArgumentTypeError(`wrong type for value; expected ${expected}; got ${goTypeName(v)}`);
}
