import type { SemverOptions } from '@helmts/semver';

/** Helm 2 reads repository versions and constraints with Masterminds semver v1.5 (see @helmts/semver's SemverDialect). */
export const HELM2_SEMVER: SemverOptions = { dialect: 'v1.5' };
