/**
 * @helmts/sprig/lazy — the Sprig functions split for start-up time: the common groups (strings,
 * math, defaults, lists, dicts, encoding, reflection, paths) load with this module; the groups with
 * heavier code (crypto and certificates, dates, regular expressions, semver, URLs) are listed by
 * name and imported only when a caller asks for them (see LAZY_SPRIG_GROUPS). Together they are
 * exactly sprigFuncs() (no name is in two groups).
 */
import type { FuncMap } from './go-func.js';
import { defaultFunctions } from './functions/defaults.js';
import { dictFunctions } from './functions/dicts.js';
import { encodingFunctions } from './functions/encoding.js';
import { listFunctions } from './functions/lists.js';
import { mathFunctions } from './functions/math.js';
import { pathFunctions } from './functions/paths.js';
import { reflectionFunctions } from './functions/reflection.js';
import { stringFunctions } from './functions/strings.js';

/** The Sprig functions loaded with this module. */
export function eagerSprigFuncs(): FuncMap {
  return {
    ...stringFunctions(),
    ...mathFunctions(),
    ...defaultFunctions(),
    ...listFunctions(),
    ...dictFunctions(),
    ...encodingFunctions(),
    ...reflectionFunctions(),
    ...pathFunctions(),
  };
}

/** A group of Sprig functions imported on demand. */
export interface LazySprigGroup {
  /** the function names the group defines */
  readonly names: readonly string[];
  /** imports the group's module and returns a fresh FuncMap of its functions */
  load(): Promise<FuncMap>;
}

export const LAZY_SPRIG_GROUPS: readonly LazySprigGroup[] = [
  {
    names: [
      'bcrypt',
      'htpasswd',
      'genPrivateKey',
      'derivePassword',
      'buildCustomCert',
      'genCA',
      'genCAWithKey',
      'genSelfSignedCert',
      'genSelfSignedCertWithKey',
      'genSignedCert',
      'genSignedCertWithKey',
      'encryptAES',
      'decryptAES',
      'randBytes',
      'uuidv4',
    ],
    load: async () => (await import('./functions/crypto.js')).cryptoFunctions(),
  },
  {
    names: ['urlParse', 'urlJoin'],
    load: async () => (await import('./functions/urls.js')).urlFunctions(),
  },
  {
    names: [
      'regexMatch',
      'mustRegexMatch',
      'regexFindAll',
      'mustRegexFindAll',
      'regexFind',
      'mustRegexFind',
      'regexReplaceAll',
      'mustRegexReplaceAll',
      'regexReplaceAllLiteral',
      'mustRegexReplaceAllLiteral',
      'regexSplit',
      'mustRegexSplit',
      'regexQuoteMeta',
    ],
    load: async () => (await import('./functions/regex.js')).regexFunctions(),
  },
  {
    names: ['semver', 'semverCompare'],
    load: async () => (await import('./functions/semver.js')).semverFunctions(),
  },
  {
    names: [
      'now',
      'date',
      'dateInZone',
      'date_in_zone',
      'htmlDate',
      'htmlDateInZone',
      'dateModify',
      'date_modify',
      'mustDateModify',
      'must_date_modify',
      'ago',
      'duration',
      'durationRound',
      'toDate',
      'mustToDate',
      'unixEpoch',
    ],
    load: async () => (await import('./functions/dates.js')).dateFunctions(),
  },
];

export { goFunc, type FuncMap, type TemplateFunction } from './go-func.js';
export { SPRIG_V3_ADDITIONS, sprigV2Funcs } from './sprig-v2.js';
export { goJsonMarshal, GoJsonError } from './go-json.js';
export { goJsonUnmarshal } from './go-json-unmarshal.js';
