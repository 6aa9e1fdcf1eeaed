/**
 * @helmts/sprig — the Sprig template functions as Helm uses them (Sprig v3 behaviour), over the Go value
 * model of docs/value-model.md.
 */
import type { FuncMap } from './go-func.js';
import { cryptoFunctions } from './functions/crypto.js';
import { dateFunctions } from './functions/dates.js';
import { regexFunctions } from './functions/regex.js';
import { semverFunctions } from './functions/semver.js';
import { urlFunctions } from './functions/urls.js';
import { eagerSprigFuncs } from './lazy.js';

/** A fresh FuncMap of every Sprig function Helm exposes (no `env`/`expandenv`; `getHostByName` omitted). */
export function sprigFuncs(): FuncMap {
  // The groups @helmts/sprig/lazy loads on demand, loaded here at once.
  return {
    ...eagerSprigFuncs(),
    ...cryptoFunctions(),
    ...urlFunctions(),
    ...regexFunctions(),
    ...semverFunctions(),
    ...dateFunctions(),
  };
}

export { goFunc, GoArgumentTypeError, type FuncMap, type GoArity, type TemplateFunction } from './go-func.js';
export { goJsonMarshal, GoJsonError, type GoJsonOptions } from './go-json.js';
export { SPRIG_V3_ADDITIONS, sprigV2Funcs } from './sprig-v2.js';
export { goJsonUnmarshal } from './go-json-unmarshal.js';
export { SprigCertificate } from './functions/crypto.js';
export { SemverVersion } from './go-semver-version.js';
export { GoTime } from './time/go-time.js';
export { strval } from './strval.js';
export { isSprigEmpty, goTypeName, goKind, goDeepEqual, goDeepCopy } from './go-values.js';
export { castToInt64, castToFloat64 } from './go-conversions.js';
export { translateGoRegexp } from './regex/translate.js';
