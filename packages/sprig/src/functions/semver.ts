/** Sprig's semver and semverCompare (Masterminds semver v3). */
import { Constraint } from '@helmts/semver';
import { argString } from '../args.js';
import { goFunc, type FuncMap } from '../go-func.js';
import { SemverVersion } from '../go-semver-version.js';

export function semverFunctions(): FuncMap {
  return {
    semver: goFunc('string', (v) => SemverVersion.parse(argString(v))),
    semverCompare: goFunc('string, string', (c, v) =>
      Constraint.parse(argString(c)).check(SemverVersion.parse(argString(v)).version),
    ),
  };
}
