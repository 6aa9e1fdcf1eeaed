/**
 * Sprig v2.22.0, the Sprig Helm 2.17 renders with, as far as it differs from the v3 this package
 * implements: the functions v3 added, which Helm 2 does not have (a template calling one fails to
 * parse: `function "seq" not defined`), and the v2 behaviour of functions v3 changed.
 */
import { Constraint } from '@helmts/semver';

import { argInt, argString } from './args.js';
import { castToInt64, parseGoInt } from './go-conversions.js';
import { mathFunctions } from './functions/math.js';
import { goFunc, type FuncMap } from './go-func.js';
import { SemverVersion } from './go-semver-version.js';
import { fromUtf8, sliceBytes, utf8Bytes } from './go-strings.js';

/** Sprig v2.22 reads versions and constraints with Masterminds semver v1.5 (`^0.2.3` is `<1.0.0`). */
const SEMVER_V1 = { dialect: 'v1.5' } as const;

/** The names Sprig v3 added to v2.22.0's function map (compared with the v2.22.0 source). */
export const SPRIG_V3_ADDITIONS: readonly string[] = [
  ...['add1f', 'addf', 'subf', 'mulf', 'divf', 'maxf', 'minf', 'seq'],
  ...['all', 'any', 'chunk', 'dig', 'get', 'fromJson', 'toRawJson', 'regexQuoteMeta'],
  ...['duration', 'durationRound', 'randBytes', 'randInt', 'sha512sum', 'bcrypt', 'htpasswd'],
  ...['genCAWithKey', 'genSelfSignedCertWithKey', 'genSignedCertWithKey'],
  ...['osBase', 'osClean', 'osDir', 'osExt', 'osIsAbs'],
  ...['mustAppend', 'mustChunk', 'mustCompact', 'mustDateModify', 'must_date_modify', 'mustDeepCopy'],
  ...['mustFirst', 'mustFromJson', 'mustHas', 'mustInitial', 'mustLast', 'mustMerge', 'mustMergeOverwrite'],
  ...['mustPrepend', 'mustPush', 'mustRegexFind', 'mustRegexFindAll', 'mustRegexMatch', 'mustRegexReplaceAll'],
  ...['mustRegexReplaceAllLiteral', 'mustRegexSplit', 'mustRest', 'mustReverse', 'mustSlice', 'mustToDate'],
  ...['mustToJson', 'mustToPrettyJson', 'mustToRawJson', 'mustUniq', 'mustWithout'],
];

/** v2.22.0's `trunc`: `s[0:c]` when s is longer, so a negative count is Go's slice panic. */
function truncV2(c: number, s: string): string {
  const b = utf8Bytes(s);
  if (b.length <= c) return s;
  return fromUtf8(sliceBytes(b, 0, c));
}

/** semver v1.5's NewVersion: the text as it is (not trimmed), one error for every bad version. */
function parseVersionV1(text: string): SemverVersion {
  try {
    if (text === text.trim()) return SemverVersion.parse(text, SEMVER_V1);
  } catch {
    // worded below, as v1.5 words it
  }
  throw new Error('Invalid Semantic Version');
}

/** v2.22.0's toInt64: a string is read in base 10 only (`"0x10"` and `"3.0"` are 0, `"010"` is 10). */
function toInt64V2(v: unknown): bigint {
  return typeof v === 'string' ? (parseGoInt(v, 10) ?? 0n) : castToInt64(v);
}

/** The integer functions that read their arguments with toInt64. */
const V2_INTEGER_FUNCTIONS = ['int', 'int64', 'add1', 'add', 'sub', 'mul', 'div', 'mod', 'max', 'min', 'biggest'];

/** The v2.22.0 versions of the functions whose behaviour v3 changed. */
export function sprigV2Funcs(): FuncMap {
  const math = mathFunctions(toInt64V2);
  return {
    ...Object.fromEntries(V2_INTEGER_FUNCTIONS.map((name) => [name, math[name]!])),
    trunc: goFunc('int, string', (c, s) => truncV2(argInt(c), argString(s))),
    semver: goFunc('string', (v) => parseVersionV1(argString(v))),
    semverCompare: goFunc('string, string', (c, v) =>
      Constraint.parse(argString(c), SEMVER_V1).check(parseVersionV1(argString(v)).version),
    ),
  };
}
