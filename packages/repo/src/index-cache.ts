import {readFile, rename, rm, stat, writeFile} from 'node:fs/promises'

import {assertVersioned, readIndexFile} from './index-file/index-reader.js'
import {compareVersionStringsDescending} from './semver/version.js'

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
  /** urls[0] as written in the index (maybe relative). */
  url: string
  digest: string
  deprecated: boolean
}

const FORMAT = 'helmts-index-cache/1'
/** Repeated fields are stored once per chart: this marks "same as the previous version". */
const SAME = 0

type Row = [version: string, appVersion: string | 0, description: string | 0, keywords: string | 0, url: string, digest: string, deprecated?: 1]

interface CacheDocument {
  format: string
  index: {size: number; mtimeMs: number}
  generated: string
  /** Per chart, its versions newest first. */
  charts: [name: string, rows: Row[]][]
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
    const byName = new Map<string, Row[]>()
    const problems: string[] = []
    const header = await readIndexFile(indexPath, {
      entry(name, v) {
        const keywords = (v.keywords ?? []).join(' ')
        const row: Row = [v.version, v.appVersion ?? '', v.description ?? '', keywords, v.urls[0], v.digest ?? '']
        if (v.deprecated) row.push(1)
        const rows = byName.get(name)
        if (rows) rows.push(row)
        else byName.set(name, [row])
      },
      problem(name, problem) {
        problems.push(`chart "${name}" ${problem}`)
      },
    })
    assertVersioned(header)
    const charts: [string, Row[]][] = []
    for (const name of [...byName.keys()].sort()) {
      const rows = byName.get(name)!
      rows.sort((a, b) => compareVersionStringsDescending(a[0], b[0]))
      for (let i = rows.length - 1; i > 0; i--) {
        for (const field of [1, 2, 3] as const) if (rows[i][field] === rows[i - 1][field]) rows[i][field] = SAME
      }
      charts.push([name, rows])
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
    for (const [name, rows] of this.doc.charts) this.expand(name, rows, visit)
  }

  /** The versions of one chart, newest first; empty when the chart is not in the index. */
  versions(chartName: string): CachedChartVersion[] {
    const found = this.find(chartName)
    const out: CachedChartVersion[] = []
    if (found) this.expand(chartName, found, (v) => out.push(v))
    return out
  }

  private find(chartName: string): Row[] | undefined {
    // Charts are sorted by name: binary search.
    let lo = 0
    let hi = this.doc.charts.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const name = this.doc.charts[mid][0]
      if (name === chartName) return this.doc.charts[mid][1]
      if (name < chartName) lo = mid + 1
      else hi = mid - 1
    }
    return undefined
  }

  private expand(name: string, rows: Row[], visit: (version: CachedChartVersion) => void): void {
    let appVersion = ''
    let description = ''
    let keywords = ''
    for (const row of rows) {
      if (row[1] !== SAME) appVersion = row[1]
      if (row[2] !== SAME) description = row[2]
      if (row[3] !== SAME) keywords = row[3]
      visit({name, version: row[0], appVersion, description, keywords, url: row[4], digest: row[5], deprecated: row[6] === 1})
    }
  }
}
