import { type CachedChartRows, type CachedChartVersion, type IndexCache, LOWERS_TO_ASCII } from './index-cache.js';
import { InvalidRequestError, RepoError } from './errors.js';

export interface SearchOptions {
  /** Keywords; joined by a space into one term, as Helm does. Empty lists everything. */
  terms?: string[];
  regexp?: boolean;
  /** Every matching version instead of the newest one per chart. */
  allVersions?: boolean;
  /** Constraint (default `>0.0.0`: stable versions only). */
  version?: string;
  devel?: boolean;
}

export interface SearchResult {
  /** `repo/chart` */
  name: string;
  score: number;
  chart: CachedChartVersion;
}

const SEPARATOR = '\v';
/** Lines scoring this or more (a match past the keywords) are not results. */
const MAX_SCORE = 25;

/** Which field (0 name, 1 repo/name, 2 description, 3 keywords) a match at `at` falls in. */
function score(at: number, line: string): number {
  let field = 0;
  let pos = line.indexOf(SEPARATOR);
  while (pos !== -1 && at > pos) {
    field++;
    pos = line.indexOf(SEPARATOR, pos + 1);
  }
  return field;
}

/** Scores a chart's fields: -1 when they do not match (or match past the keywords). */
type Scorer = (chartName: string, description: string, keywords: string) => number;

/** Non-ASCII characters that lower-case to something holding ASCII (İ to i̇, the Kelvin sign to k). */
const LOWERS_TO_ASCII_CHAR = new RegExp(`[${LOWERS_TO_ASCII.join('')}]`);
const ASCII = /^[\x00-\x7f]*$/;

/** What is matched: the regular expression, or the lower-cased term. */
type Pattern = { regexp: RegExp } | { lower: string };

/**
 * Helm's matching of one repository's charts (`prefix` is `repo/`): the line `chart \v
 * repo/chart \v description \v keywords`, lower-cased, searched for the lower-cased term (or
 * matched by the regular expression); the score is the field the first match starts in.
 */
function scorer(pattern: Pattern | undefined, prefix: string, lowersToAscii: boolean): Scorer {
  if (!pattern) return () => 0;
  const lineScore =
    (matcher: (line: string) => number, lowerCase: boolean): Scorer =>
    (chartName, description, keywords) => {
      const line = chartName + SEPARATOR + prefix + chartName + SEPARATOR + description + SEPARATOR + keywords;
      const at = matcher(line);
      if (at === -1) return -1;
      const s = score(at, lowerCase ? line.toLowerCase() : line);
      return s < MAX_SCORE ? s : -1;
    };
  if ('regexp' in pattern) return lineScore((line) => line.search(pattern.regexp), false);
  const { lower } = pattern;
  if (lower.includes(SEPARATOR)) return lineScore((line) => line.toLowerCase().indexOf(lower), true);
  // A match cannot span a separator, so the first field holding one is the score. For an ASCII
  // term, a case-insensitive regular expression finds the same matches as lower-casing (without
  // copying each field) unless the field holds a character that lower-cases to ASCII.
  let contains = (field: string): boolean => field.toLowerCase().includes(lower);
  if (ASCII.test(lower)) {
    const re = new RegExp(lower.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'i');
    contains = lowersToAscii
      ? (field) => re.test(field) || (LOWERS_TO_ASCII_CHAR.test(field) && field.toLowerCase().includes(lower))
      : (field) => re.test(field);
  }
  // `repo/chart` when `chart` does not match: a match inside `repo/`, or one across the slash.
  let inName = (chartName: string): boolean => contains(prefix + chartName);
  if (contains(prefix)) {
    inName = () => true;
  } else if (ASCII.test(prefix)) {
    const lowerPrefix = prefix.toLowerCase();
    let across = false;
    for (let k = 1; k < lower.length && !across; k++) across = lowerPrefix.endsWith(lower.slice(0, k));
    if (!across) inName = () => false;
  }
  return (chartName, description, keywords) =>
    contains(chartName) ? 0 : inName(chartName) ? 1 : contains(description) ? 2 : contains(keywords) ? 3 : -1;
}

/** A chart with at least one matching version: its versions and, per pair, the score (-1: no match). */
interface Matched {
  name: string;
  rows: CachedChartRows;
  scores: number[];
  /** The distinct scores of its pairs, best first. */
  order: number[];
}

/** Whether a version passes the constraint; undefined when only the semver parser can tell. */
type VersionCheck = (version: string) => boolean | undefined;

/** `1.2.3` with no leading zeros, prerelease, metadata or `v`: what nearly every index holds. */
const PLAIN_VERSION = /^(?:0|[1-9]\d{0,14})\.(?:0|[1-9]\d{0,14})\.(?:0|[1-9]\d{0,14})$/;

/**
 * The default constraints (`>0.0.0`, or `>0.0.0-0` with `devel`) answered for plain versions
 * without loading the semver parser: exactly what Masterminds v1.5 answers for them.
 */
export function quickDefaultCheck(devel: boolean): VersionCheck {
  return (version) => (PLAIN_VERSION.test(version) ? devel || version !== '0.0.0' : undefined);
}

async function fullCheck(options: SearchOptions): Promise<VersionCheck> {
  const [{ DEVEL_CONSTRAINT }, { Constraint, Version }, { HELM2_SEMVER }] = await Promise.all([
    import('./chart-lookup.js'),
    import('@helmts/semver'),
    import('./helm2-semver.js'),
  ]);
  let constraint: ReturnType<typeof Constraint.parse>;
  try {
    constraint = Constraint.parse(options.version || (options.devel ? DEVEL_CONSTRAINT : '>0.0.0'), HELM2_SEMVER);
  } catch (error) {
    // Helm 2's search words it so, and exits 1
    throw new RepoError(`an invalid version/constraint format: ${(error as Error).message}`);
  }
  return (version) => {
    const v = Version.tryParse(version, HELM2_SEMVER);
    // As Helm 2: a version that does not parse is not filtered out.
    return !v || constraint.check(v);
  };
}

/**
 * Helm's search over cached indexes: every version's line `name \v repo/name \v description \v
 * keywords` is matched (case-insensitive substring, or a regular expression), scored by the
 * field the match starts in, sorted by score, name, then version (newest first), and filtered
 * by the version constraint, keeping the first version per chart unless all are wanted.
 *
 * Each chart's distinct (description, keywords) pairs are matched once, and only the charts
 * that match have their versions read. The semver parser is loaded only when a constraint is
 * given or a version is not plain `X.Y.Z`.
 */
export async function searchRepositories(
  repositories: { name: string; cache: IndexCache }[],
  options: SearchOptions = {},
): Promise<SearchResult[]> {
  const term = (options.terms ?? []).join(' ');
  let pattern: Pattern | undefined;
  if (term && options.regexp) {
    try {
      pattern = { regexp: new RegExp(term) };
    } catch (error) {
      throw new InvalidRequestError(`invalid regular expression "${term}": ${(error as Error).message}`);
    }
  } else if (term) {
    pattern = { lower: term.toLowerCase() };
  }
  const matched: Matched[] = [];
  for (const repo of repositories) {
    const prefix = `${repo.name}/`;
    const scoreOf = scorer(pattern, prefix, repo.cache.lowersToAscii);
    repo.cache.eachChart((chart) => {
      if (chart.pairCount === 1) {
        // Most charts: one description and keywords for all versions.
        const s = scoreOf(chart.name, chart.description(0), chart.keywords(0));
        if (s !== -1) matched.push({ name: prefix + chart.name, rows: chart.versions(), scores: [s], order: [s] });
        return;
      }
      const scores: number[] = [];
      for (let p = 0; p < chart.pairCount; p++)
        scores.push(scoreOf(chart.name, chart.description(p), chart.keywords(p)));
      const order = [...new Set(scores.filter((s) => s !== -1))].sort((a, b) => a - b);
      if (order.length > 0) matched.push({ name: prefix + chart.name, rows: chart.versions(), scores, order });
    });
  }
  const allVersions = options.allVersions === true;
  const quick = options.version ? undefined : select(matched, quickDefaultCheck(options.devel === true), allVersions);
  return quick ?? select(matched, await fullCheck(options), allVersions)!;
}

/**
 * The results, in Helm's order, from the matching charts: by score, then name, then version
 * (the cache holds versions newest first); the first version per chart that passes `check`, or
 * each one with `allVersions`. Undefined when `check` could not tell for some version.
 */
function select(matched: Matched[], check: VersionCheck, allVersions: boolean): SearchResult[] | undefined {
  const results: SearchResult[] = [];
  for (const { name, rows, scores, order } of matched) {
    chart: for (const s of order) {
      for (let r = 0; rows.has(r); r++) {
        if (scores[rows.pair(r)] !== s) continue;
        const passes = check(rows.version(r));
        if (passes === undefined) return undefined;
        if (!passes) continue;
        results.push({ name, score: s, chart: rows.entry(r) });
        if (!allVersions) break chart;
      }
    }
  }
  // Stable: a chart's versions keep their order.
  return results.sort((a, b) =>
    a.score !== b.score ? a.score - b.score : a.name === b.name ? 0 : a.name < b.name ? -1 : 1,
  );
}
