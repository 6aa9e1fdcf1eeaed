/** Go template comparison builtins: eq ne lt le gt ge, with Go's kind rules and messages. */
import { goKind, goTypeName } from '../go-values.js';
import { sprintf } from '../fmt/sprintf.js';

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function basicKind(v: unknown): BasicKind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
    default:
      return 'invalid';
  }
}

const isNil = (v: unknown) => v === null || v === undefined;

export function eq(a: unknown, ...rest: unknown[]): boolean {
  if (rest.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of rest) {
    const k2 = basicKind(b);
    let truth = false;
    if (k1 !== k2) {
      if (!isNil(a) && !isNil(b))
        throw new Error(`incompatible types for comparison: ${goTypeName(a)} and ${goTypeName(b)}`);
    } else if (k1 !== 'invalid') {
      truth = a === b;
    } else {
      const g1 = goKind(a);
      const g2 = goKind(b);
      if (g1 !== g2 && !isNil(a) && !isNil(b)) {
        throw new Error(sprintf('non-comparable types %s: %v, %s: %v', a, goTypeName(a), goTypeName(b), b));
      }
      if (isNil(a) || isNil(b)) truth = isNil(a) === isNil(b);
      else if (g2 === 'slice' || g2 === 'map' || g2 === 'func' || g2 === 'bytes') {
        throw new Error(sprintf('non-comparable type %s: %v', b, goTypeName(b)));
      } else truth = a === b;
    }
    if (truth) return true;
  }
  return false;
}

export function ne(a: unknown, b: unknown): boolean {
  return !eq(a, b);
}

export function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  if (k1 === 'invalid') throw new Error('invalid type for comparison');
  const k2 = basicKind(b);
  if (k2 === 'invalid') throw new Error('invalid type for comparison');
  if (k1 !== k2) throw new Error(`incompatible types for comparison: ${goTypeName(a)} and ${goTypeName(b)}`);
  if (k1 === 'bool') throw new Error('invalid type for comparison');
  return (a as number) < (b as number);
}

export function le(a: unknown, b: unknown): boolean {
  return lt(a, b) || eq(a, b);
}

export function gt(a: unknown, b: unknown): boolean {
  return !le(a, b);
}

export function ge(a: unknown, b: unknown): boolean {
  return !lt(a, b);
}
