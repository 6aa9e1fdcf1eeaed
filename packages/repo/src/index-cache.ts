import {readFile, rename, rm, stat, writeFile} from 'node:fs/promises'

import {compareVersionStringsDescending} from '@helmts/semver'

import {HELM2_SEMVER} from './helm2-semver.js'
import {assertVersioned, readIndexFile} from './index-file/index-reader.js'

/**
 * The compact digest of a repository index that `search` and chart resolution read instead of
 * the index itself: per chart version only the fields they use. It is written next to the
 * cached index (`<name>-index.cache.json`) by `repo add`/`repo update`, and rebuilt from the
 * index whenever that changed (e.g. it was written by Helm 2 itself).
 */
export interface CachedChartVersion {
  /** The entry's key in index.yaml. */
  name: string
  version: string
  appVersion: string
  description: string
  /** Keywords joined by spaces, as search matches them. */
  keywords: string
  /** urls[0] as written in the index (maybe relative); read lazily. */
  readonly url: string
  readonly digest: string
  deprecated: boolean
}

const FORMAT = 'helmts-index-cache/2'
/** Repeated fields are stored once per chart: this marks "same as the previous version". */
const SAME = 0

type Row = [version: string, appVersion: string | 0, description: string | 0, keywords: string | 0, deprecated?: 1]

interface CacheDocument {
  format: string
  index: {size: number; mtimeMs: number}
  generated: string
  /**
   * Per chart, its versions newest first, and their `url<TAB>digest` lines in the same order:
   * one string per chart, because search never needs them and one long string parses far
   * faster than thousands of short ones.
   */
  charts: [name: string, rows: Row[], locations: string][]
  problems: string[]
}

export function cacheFileOf(indexPath: string): string {
  return `${indexPath.replace(/\.ya?ml$/, '')}.cache.json`
}

export class IndexCache {
  private constructor(private readonly doc: CacheDocument) {}

  get generated(): string {
    return this.doc.generated
  }

  /** Entries skipped when the index was read (no version, no urls...). */
  get problems(): string[] {
    return this.doc.problems
  }

  get chartCount(): number {
    return this.doc.charts.length
  }

  /** Streams the index once and writes its cache next to it (temp + rename). */
  static async build(indexPath: string, cachePath = cacheFileOf(indexPath)): Promise<IndexCache> {
    const info = await stat(indexPath)
    const byName = new Map<string, [Row, string][]>()
    const problems: string[] = []
    const header = await readIndexFile(indexPath, {
      entry(name, v) {
        const keywords = (v.keywords ?? []).join(' ')
        const row: Row = [v.version, v.appVersion ?? '', v.description ?? '', keywords]
        if (v.deprecated) row.push(1)
        const location = `${v.urls[0].replace(/[\t\n]/g, ' ')}\t${v.digest ?? ''}`
        const rows = byName.get(name)
        if (rows) rows.push([row, location])
        else byName.set(name, [[row, location]])
      },
      problem(name, problem) {
        problems.push(`chart "${name}" ${problem}`)
      },
    })
    assertVersioned(header)
    const charts: [string, Row[], string][] = []
    for (const name of [...byName.keys()].sort()) {
      const pairs = byName.get(name)!
      pairs.sort((a, b) => compareVersionStringsDescending(a[0][0], b[0][0], HELM2_SEMVER))
      const rows = pairs.map(([row]) => row)
      for (let i = rows.length - 1; i > 0; i--) {
        for (const field of [1, 2, 3] as const) if (rows[i][field] === rows[i - 1][field]) rows[i][field] = SAME
      }
      charts.push([name, rows, pairs.map(([, location]) => location).join('\n')])
    }
    const doc: CacheDocument = {format: FORMAT, index: {size: info.size, mtimeMs: info.mtimeMs}, generated: header.generated ?? '', charts, problems}
    const temp = `${cachePath}.${process.pid}.tmp`
    try {
      await writeFile(temp, JSON.stringify(doc))
      await rename(temp, cachePath)
    } catch (error) {
      await rm(temp, {force: true})
      // A read-only cache directory still lets search work from the index itself.
      if ((error as NodeJS.ErrnoException).code !== 'EACCES' && (error as NodeJS.ErrnoException).code !== 'EROFS') throw error
    }
    return new IndexCache(doc)
  }

  /**
   * The cache of `indexPath`: read as is when it matches the index's size and mtime, otherwise
   * rebuilt. Throws (ENOENT) when the index itself is missing.
   */
  static async load(indexPath: string, cachePath = cacheFileOf(indexPath)): Promise<IndexCache> {
    const info = await stat(indexPath)
    try {
      const doc = JSON.parse(await readFile(cachePath, 'utf8')) as CacheDocument
      if (doc.format === FORMAT && doc.index.size === info.size && doc.index.mtimeMs === info.mtimeMs) return new IndexCache(doc)
    } catch {
      // missing or unreadable: rebuilt below
    }
    return IndexCache.build(indexPath, cachePath)
  }

  /** Every chart name, sorted. */
  names(): string[] {
    return this.doc.charts.map(([name]) => name)
  }

  /** Calls `visit` for each version of each chart (charts sorted by name, versions newest first). */
  forEach(visit: (version: CachedChartVersion) => void): void {
    for (const [name, rows, locations] of this.doc.charts) this.expand(name, rows, locations, visit)
  }

  /**
   * The fast path for search: per version only its strings, with `changed` false when the
   * description and keywords are those of the previous version of the same chart (so a match
   * computed for that one still holds); the full entry is built only on demand.
   */
  scan(visit: (name: string, version: string, description: string, keywords: string, changed: boolean, entry: () => CachedChartVersion) => void): void {
    for (const chart of this.doc.charts) {
      const [name, rows] = chart
      let description = ''
      let keywords = ''
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]
        let changed = i === 0
        if (row[2] !== SAME) {
          description = row[2]
          changed = true
        }
        if (row[3] !== SAME) {
          keywords = row[3]
          changed = true
        }
        visit(name, row[0], description, keywords, changed, () => this.versionAt(chart, i))
      }
    }
  }

  private versionAt(chart: [string, Row[], string], at: number): CachedChartVersion {
    const rows = chart[1]
    const field = (f: 1 | 2 | 3): string => {
      for (let i = at; i >= 0; i--) if (rows[i][f] !== SAME) return rows[i][f] as string
      return ''
    }
    return new CachedVersion(chart[0], rows[at][0], field(1), field(2), field(3), rows[at][4] === 1, chart, at)
  }

  /** The versions of one chart, newest first; empty when the chart is not in the index. */
  versions(chartName: string): CachedChartVersion[] {
    const found = this.find(chartName)
    const out: CachedChartVersion[] = []
    if (found) this.expand(chartName, found[1], found[2], (v) => out.push(v))
    return out
  }

  private find(chartName: string): [string, Row[], string] | undefined {
    // Charts are sorted by name: binary search.
    let lo = 0
    let hi = this.doc.charts.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const name = this.doc.charts[mid][0]
      if (name === chartName) return this.doc.charts[mid]
      if (name < chartName) lo = mid + 1
      else hi = mid - 1
    }
    return undefined
  }

  private expand(name: string, rows: Row[], locations: string, visit: (version: CachedChartVersion) => void): void {
    let appVersion = ''
    let description = ''
    let keywords = ''
    const chart: [string, Row[], string] = [name, rows, locations]
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]
      if (row[1] !== SAME) appVersion = row[1]
      if (row[2] !== SAME) description = row[2]
      if (row[3] !== SAME) keywords = row[3]
      visit(new CachedVersion(name, row[0], appVersion, description, keywords, row[4] === 1, chart, i))
    }
  }
}

/** A cached version whose url and digest are read from the chart's location lines only when asked for. */
class CachedVersion implements CachedChartVersion {
  constructor(
    readonly name: string,
    readonly version: string,
    readonly appVersion: string,
    readonly description: string,
    readonly keywords: string,
    readonly deprecated: boolean,
    private readonly chart: [string, Row[], string],
    private readonly at: number,
  ) {}

  private location(): string[] {
    let start = 0
    for (let i = 0; i < this.at; i++) start = this.chart[2].indexOf('\n', start) + 1
    const end = this.chart[2].indexOf('\n', start)
    return this.chart[2].slice(start, end === -1 ? undefined : end).split('\t')
  }

  get url(): string {
    return this.location()[0]
  }

  get digest(): string {
    return this.location()[1] ?? ''
  }

  toJSON(): Record<string, unknown> {
    const {name, version, appVersion, description, keywords, url, digest, deprecated} = this
    return {name, version, appVersion, description, keywords, url, digest, deprecated}
  }
}
