import { Constraint, Version } from '@helmts/semver';

import { HELM2_SEMVER } from './helm2-semver.js';
import { InvalidRequestError } from './errors.js';

/** Helm's `--devel`: any version, prereleases included. */
export const DEVEL_CONSTRAINT = '>0.0.0-0';

/** The constraint a `--version`/`--devel` pair means (empty version: newest stable). */
export function effectiveConstraint(version: string | undefined, devel = false): string {
  if (version) return version;
  return devel ? DEVEL_CONSTRAINT : '*';
}

export function parseConstraint(text: string): Constraint {
  try {
    return Constraint.parse(text, HELM2_SEMVER);
  } catch (error) {
    throw new InvalidRequestError(`invalid version constraint "${text}": ${(error as Error).message}`, {
      hint: 'use a version like 1.2.3 or a range like "~1.2", "^1.0.0", ">=1.0.0, <2.0.0"',
    });
  }
}

/**
 * Picks a version from a chart's versions (newest first) as Helm's index lookup does: an exact
 * string match of `version` first, else the newest that satisfies it as a constraint; no
 * version means the newest stable one.
 */
export function pickVersion<T extends { version: string }>(
  versions: T[],
  version: string | undefined,
  devel = false,
): T | undefined {
  if (version) {
    const exact = versions.find((v) => v.version === version);
    if (exact) return exact;
  }
  const constraint = parseConstraint(effectiveConstraint(version, devel));
  for (const v of versions) {
    const parsed = Version.tryParse(v.version, HELM2_SEMVER);
    if (parsed && constraint.check(parsed)) return v;
  }
  return undefined;
}
