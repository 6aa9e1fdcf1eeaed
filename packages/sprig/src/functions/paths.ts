/** Sprig's path (`path`) and file path (`path/filepath`, Linux separators) functions. */
import { argString } from '../args.js';
import { goFunc, type FuncMap } from '../go-func.js';
import { goPathBase, goPathClean, goPathDir, goPathExt, goPathIsAbs } from '../go-path.js';

export function pathFunctions(): FuncMap {
  const fns = {
    Base: goPathBase,
    Dir: goPathDir,
    Clean: goPathClean,
    Ext: goPathExt,
    IsAbs: goPathIsAbs,
  };
  const out: FuncMap = {};
  for (const [name, fn] of Object.entries(fns)) {
    const lower = name[0]!.toLowerCase() + name.slice(1);
    out[lower] = goFunc('string', (p) => fn(argString(p)));
    out['os' + name] = goFunc('string', (p) => fn(argString(p)));
  }
  return out;
}
