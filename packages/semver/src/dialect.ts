/**
 * Which Masterminds semver the text is read as.
 *
 * - `v3` (Masterminds semver v3.x): today's Helm (chart `dependencies`, `kubeVersion`) and Sprig's
 *   `semver`/`semverCompare`.
 * - `v1.5` (Masterminds semver v1.5): Helm 2 reading repository constraints (`--version`,
 *   requirements.yaml, `search --version`).
 *
 * Where they read the same text differently:
 *
 * | text | v3 | v1.5 |
 * |---|---|---|
 * | `>=1.0.0 <2.0.0` (space) | AND | error: only `,` joins comparisons |
 * | `^0.2.3` | `>=0.2.3, <0.3.0` | `>=0.2.3, <1.0.0` (same major only) |
 * | `^0.0.3` | `>=0.0.3, <0.0.4` | `>=0.0.3, <1.0.0` |
 * | `>1.2`, `<=1.2` (no patch) | wildcard patch: `>=1.3.0`, `<1.3.0` | exactly `>1.2.0`, `<=1.2.0` |
 * | `1.2` | `1.2.x` | exactly `1.2.0` |
 * | prerelease versions | pass an `||` alternative when any comparison in it names a prerelease | pass a comparison only when that comparison names one (`!=1.2.3` lets them through) |
 * | version text | as is; segments up to 2^64-1; a numeric prerelease part may not start with 0 | trimmed; leading zeros allowed in prerelease parts; segments up to 2^53-1 here (Go reads int64) |
 */
export type SemverDialect = 'v3' | 'v1.5';

export interface SemverOptions {
  /** Default `v3`. */
  dialect?: SemverDialect;
}
