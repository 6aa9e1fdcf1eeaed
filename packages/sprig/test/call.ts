import { sprigFuncs } from '../src/index.js';

const funcs = sprigFuncs();

/** calls a Sprig function by its template name */
export function call(name: string, ...args: unknown[]): unknown {
  const fn = funcs[name];
  if (!fn) throw new Error(`no function ${name}`);
  return fn(...args);
}
