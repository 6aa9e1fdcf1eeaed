/** Sprig's semver and semverCompare. */
import { argString } from '../args.js';
import { goFunc, type FuncMap } from '../go-func.js';
import { SemverConstraints, SemverVersion } from '../semver/index.js';

export function semverFunctions(): FuncMap {
  return {
    semver: goFunc('string', (v) => SemverVersion.parse(argString(v))),
    semverCompare: goFunc('string, string', (c, v) => SemverConstraints.parse(argString(c)).check(SemverVersion.parse(argString(v)))),
  };
}
