/**
 * @helmts/semver: semantic versions and constraints as Helm reads them. One Version type and one
 * constraint parser; `dialect` chooses Masterminds semver v3 (default: today's Helm, Sprig) or
 * v1.5 (Helm 2's repository constraints).
 */
export { SemverError } from './semver-error.js';
export { type SemverDialect, type SemverOptions } from './dialect.js';
export { compareVersionStringsDescending, comparePrerelease, isValidVersion, Version } from './version.js';
export { Constraint, isCompatibleRange } from './constraint.js';
