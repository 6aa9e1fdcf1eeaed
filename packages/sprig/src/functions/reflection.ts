/** Sprig's type reflection functions. */
import { argString } from '../args.js';
import { goFunc, type FuncMap } from '../go-func.js';
import { goDeepEqual, goKind, goTypeName } from '../go-values.js';

const I = 'interface {}';

export function reflectionFunctions(): FuncMap {
  return {
    typeOf: goFunc(I, (v) => goTypeName(v)),
    typeIs: goFunc(`string, ${I}`, (t, v) => argString(t) === goTypeName(v)),
    typeIsLike: goFunc(`string, ${I}`, (t, v) => {
      const name = goTypeName(v);
      const target = argString(t);
      return target === name || '*' + target === name;
    }),
    kindOf: goFunc(I, (v) => goKind(v)),
    kindIs: goFunc(`string, ${I}`, (k, v) => argString(k) === goKind(v)),
    deepEqual: goFunc(`${I}, ${I}`, (a, b) => goDeepEqual(a, b)),
  };
}
