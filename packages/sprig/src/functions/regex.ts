/** Sprig's regex functions with Go RE2 semantics. */
import { argInt, argString } from '../args.js';
import { goFunc, type FuncMap } from '../go-func.js';
import { GoRegexp, quoteMeta } from '../regex/go-regexp.js';

export function regexFunctions(): FuncMap {
  const S3 = 'string, string, string';
  const SSI = 'string, string, int';
  const compile = (re: unknown) => new GoRegexp(argString(re));
  const must = (re: unknown) => GoRegexp.mustCompile(argString(re));
  return {
    regexMatch: goFunc('string, string', (re, s) => {
      try {
        return compile(re).matchString(argString(s));
      } catch {
        return false;
      }
    }),
    mustRegexMatch: goFunc('string, string', (re, s) => compile(re).matchString(argString(s))),
    regexFindAll: goFunc(SSI, (re, s, n) => must(re).findAllString(argString(s), argInt(n))),
    mustRegexFindAll: goFunc(SSI, (re, s, n) => compile(re).findAllString(argString(s), argInt(n))),
    regexFind: goFunc('string, string', (re, s) => must(re).findString(argString(s))),
    mustRegexFind: goFunc('string, string', (re, s) => compile(re).findString(argString(s))),
    regexReplaceAll: goFunc(S3, (re, s, r) => must(re).replaceAllString(argString(s), argString(r))),
    mustRegexReplaceAll: goFunc(S3, (re, s, r) => compile(re).replaceAllString(argString(s), argString(r))),
    regexReplaceAllLiteral: goFunc(S3, (re, s, r) => must(re).replaceAllLiteralString(argString(s), argString(r))),
    mustRegexReplaceAllLiteral: goFunc(S3, (re, s, r) =>
      compile(re).replaceAllLiteralString(argString(s), argString(r)),
    ),
    regexSplit: goFunc(SSI, (re, s, n) => must(re).split(argString(s), argInt(n))),
    mustRegexSplit: goFunc(SSI, (re, s, n) => compile(re).split(argString(s), argInt(n))),
    regexQuoteMeta: goFunc('string', (s) => quoteMeta(argString(s))),
  };
}
