
import {Version} from '@helmts/semver'

import {parseConstraint, DEVEL_CONSTRAINT} from './chart-lookup.js'
import {HELM2_SEMVER} from './helm2-semver.js'
import type {CachedChartVersion, IndexCache} from './index-cache.js'
import {InvalidRequestError} from './errors.js'

export interface SearchOptions {
  /** Keywords; joined by a space into one term, as Helm does. Empty lists everything. */
  terms?: string[]
  regexp?: boolean
  /** Every matching version instead of the newest one per chart. */
  allVersions?: boolean
  /** Constraint (default `>0.0.0`: stable versions only). */
  version?: string
  devel?: boolean
}

export interface SearchResult {
  /** `repo/chart` */
  name: string
  score: number
  chart: CachedChartVersion
}

const SEPARATOR = '\v'
/** Lines scoring this or more (a match past the keywords) are not results. */
const MAX_SCORE = 25

/** Which field (0 name, 1 repo/name, 2 description, 3 keywords) a match at `at` falls in. */
function score(at: number, line: string): number {
  let field = 0
  let pos = line.indexOf(SEPARATOR)
  while (pos !== -1 && at > pos) {
    field++
    pos = line.indexOf(SEPARATOR, pos + 1)
  }
  return field
}

/**
 * Helm's search over cached indexes: every version's line `name \v repo/name \v description \v
 * keywords` is matched (case-insensitive substring, or a regular expression), scored by the
 * field the match starts in, sorted by score, name, then version (newest first), and filtered
 * by the version constraint, keeping the first version per chart unless all are wanted.
 */
export function searchRepositories(repositories: {name: string; cache: IndexCache}[], options: SearchOptions = {}): SearchResult[] {
  const term = (options.terms ?? []).join(' ')
  let matcher: ((line: string) => number) | undefined
  if (term) {
    if (options.regexp) {
      let re: RegExp
      try {
        re = new RegExp(term)
      } catch (error) {
        throw new InvalidRequestError(`invalid regular expression "${term}": ${(error as Error).message}`)
      }
      matcher = (line) => line.search(re)
    } else {
      const lower = term.toLowerCase()
      matcher = (line) => line.toLowerCase().indexOf(lower)
    }
  }
  const results: SearchResult[] = []
  for (const repo of repositories) {
    // A chart's versions mostly share description and keywords: match once per distinct line.
    let lastScore = -1
    repo.cache.scan((chartName, _version, description, keywords, changed, entry) => {
      const name = `${repo.name}/${chartName}`
      if (!matcher) {
        results.push({name, score: 0, chart: entry()})
        return
      }
      if (changed) {
        const line = chartName + SEPARATOR + name + SEPARATOR + description + SEPARATOR + keywords
        const at = matcher(line)
        lastScore = at === -1 ? -1 : score(at, line)
      }
      if (lastScore !== -1 && lastScore < MAX_SCORE) results.push({name, score: lastScore, chart: entry()})
    })
  }
  const parsed = new Map<CachedChartVersion, Version | undefined>()
  const versionOf = (c: CachedChartVersion) => {
    if (!parsed.has(c)) parsed.set(c, Version.tryParse(c.version, HELM2_SEMVER))
    return parsed.get(c)
  }
  results.sort((a, b) => {
    if (a.score !== b.score) return a.score - b.score
    if (a.name === b.name) {
      const va = versionOf(a.chart)
      const vb = versionOf(b.chart)
      if (!va || !vb) return 0
      return vb.compare(va)
    }
    return a.name < b.name ? -1 : 1
  })
  const constraint = parseConstraint(options.version || (options.devel ? DEVEL_CONSTRAINT : '>0.0.0'))
  const seen = new Set<string>()
  const out: SearchResult[] = []
  for (const result of results) {
    if (seen.has(result.name)) continue
    const v = versionOf(result.chart)
    if (v && !constraint.check(v)) continue
    out.push(result)
    if (!options.allVersions) seen.add(result.name)
  }
  return out
}
