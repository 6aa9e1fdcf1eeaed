/** What the engines take from the `helm3` dialect: Helm v4.1.4's functions and error texts. */
import type { EngineDialect } from '../engine.js';
import { helmFuncs } from '../gotpl/helm-funcs.js';
import { formatExecError, formatParseError } from '../gotpl/helm-error-format.js';

function goQuote(s: string): string {
  return JSON.stringify(s);
}

export const helm3Functions: EngineDialect = {
  helmFuncs,
  errors: {
    parse: formatParseError,
    exec: formatExecError,
    tplParse: (text, err) => `cannot parse template ${goQuote(text)}: ${(err as Error).message}`,
    tplExec: (text, err) => `error during tpl function execution for ${goQuote(text)}: ${(err as Error).message}`,
  },
};
