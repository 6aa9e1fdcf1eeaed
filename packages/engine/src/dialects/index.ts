/** The render dialects by name (`--dialect helm2|helm3`). */
import { DIALECT_NAMES, type DialectName, type RenderDialect } from './render-dialect.js';
import { helm2 } from './helm2-dialect.js';
import { helm3 } from './helm3-dialect.js';

export const DIALECTS: Readonly<Record<DialectName, RenderDialect>> = { helm2, helm3 };

export function isDialectName(name: string): name is DialectName {
  return (DIALECT_NAMES as readonly string[]).includes(name);
}

/** The dialect called `name`; a dialect object is returned as it is; undefined gives `fallback`. */
export function resolveDialect(
  name: DialectName | RenderDialect | string | undefined,
  fallback: DialectName = 'helm3',
): RenderDialect {
  if (name === undefined || name === '') return DIALECTS[fallback];
  if (typeof name === 'object') return name;
  if (!isDialectName(name)) throw new Error(`unknown render dialect "${name}" (known: ${DIALECT_NAMES.join(', ')})`);
  return DIALECTS[name];
}

export { helm2, helm3 };
export * from './render-dialect.js';
