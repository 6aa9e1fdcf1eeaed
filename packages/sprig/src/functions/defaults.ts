/** Sprig's defaults, flow and JSON functions. */
import { argBool, argString } from '../args.js';
import { goFunc, type FuncMap } from '../go-func.js';
import { goJsonMarshal } from '../go-json.js';
import { isSprigEmpty } from '../go-values.js';
import { goJsonUnmarshal } from '../go-json-unmarshal.js';

const I = 'interface {}';

export function defaultFunctions(): FuncMap {
  const safe = (f: () => string) => {
    try {
      return f();
    } catch {
      return '';
    }
  };
  return {
    default: goFunc(`${I}, ...${I}`, (d, ...given: unknown[]) =>
      given.length === 0 || isSprigEmpty(given[0]) ? d : given[0],
    ),
    empty: goFunc(I, (v) => isSprigEmpty(v)),
    coalesce: goFunc(`...${I}`, (...xs: unknown[]) => xs.find((x) => !isSprigEmpty(x)) ?? null),
    all: goFunc(`...${I}`, (...xs: unknown[]) => xs.every((x) => !isSprigEmpty(x))),
    any: goFunc(`...${I}`, (...xs: unknown[]) => xs.some((x) => !isSprigEmpty(x))),
    ternary: goFunc(`${I}, ${I}, bool`, (t, f, c) => (argBool(c) ? t : f)),
    fail: goFunc('string', (msg) => {
      throw new Error(argString(msg));
    }),
    fromJson: goFunc('string', (s) => {
      try {
        return goJsonUnmarshal(argString(s));
      } catch {
        return null;
      }
    }),
    mustFromJson: goFunc('string', (s) => goJsonUnmarshal(argString(s))),
    toJson: goFunc(I, (v) => safe(() => goJsonMarshal(v))),
    mustToJson: goFunc(I, (v) => goJsonMarshal(v)),
    toPrettyJson: goFunc(I, (v) => safe(() => goJsonMarshal(v, { indent: '  ' }))),
    mustToPrettyJson: goFunc(I, (v) => goJsonMarshal(v, { indent: '  ' })),
    // Sprig's toRawJson panics on error rather than returning ""
    toRawJson: goFunc(I, (v) => goJsonMarshal(v, { escapeHTML: false })),
    mustToRawJson: goFunc(I, (v) => goJsonMarshal(v, { escapeHTML: false })),
  };
}
