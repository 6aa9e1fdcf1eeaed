import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';

import { RepoError } from './errors.js';

/**
 * The compact digest of a repository index that `search` and chart resolution read instead of
 * the index itself: per chart version only the fields they use. It is written next to the
 * cached index (`<name>-index.cache.json`) by `repo add`/`repo update`, and rebuilt from the
 * index whenever that changed (e.g. it was written by Helm 2 itself).
 */
export interface CachedChartVersion {
  /** The entry's key in index.yaml. */
  name: string;
  version: string;
  appVersion: string;
  description: string;
  /** Keywords joined by spaces, as search matches them. */
  keywords: string;
  /** urls[0] as written in the index (maybe relative); read lazily. */
  readonly url: string;
  readonly digest: string;
  deprecated: boolean;
}

/**
 * One chart as `IndexCache.eachChart` shows it (the same object, moved from chart to chart: read
 * it during the call). Search matches each distinct (description, keywords) pair once, and
 * reads the chart's versions only when one matched.
 */
export interface CachedChart {
  readonly name: string;
  /** How many distinct (description, keywords) pairs the chart's versions have; pair 0 is the newest version's. */
  readonly pairCount: number;
  description(pair: number): string;
  keywords(pair: number): string;
  /** The chart's versions, newest first, each with the index of its pair. */
  versions(): CachedChartRows;
}

/** A chart's versions, newest first, decoded only as far as they are asked for. */
export interface CachedChartRows {
  readonly chart: string;
  /** Whether the chart has a version at `row` (0 is the newest). */
  has(row: number): boolean;
  /** The version string at `row` (after `has(row)`). */
  version(row: number): string;
  /** The index of the (description, keywords) pair of the version at `row`. */
  pair(row: number): number;
  /** The full entry of the version at `row` (url and digest read lazily). */
  entry(row: number): CachedChartVersion;
}

/*
 * Format 3: three lines, each one JSON value, ordered so that search reads (and parses) only the
 * start of the file.
 *
 * 1. The header: {format, index: {size, mtimeMs}, generated, problems, rowsBytes, charts}, where
 *    `charts` is one flat list, per chart (sorted by name): name, the byte length of its element
 *    in line 2, the byte length of its element in line 3, P (its count of distinct
 *    (description, keywords) pairs), then the P pairs, newest version's first.
 * 2. The rows: a JSON array with one element per chart, its versions newest first as one string
 *    of lines `version<TAB>appVersion[<TAB>pair[<TAB>1 if deprecated]]` (or, when a version or
 *    appVersion holds a tab or a newline, an array of [version, appVersion, pair, deprecated 0|1]).
 *    Only the charts search matched are decoded, each from its byte range.
 * 3. The locations: a JSON array with one string per chart, `url<TAB>digest` lines in the same
 *    order; read from disk only when a url or digest is asked for.
 */
const FORMAT = 'helmts-index-cache/3';
const PREFIX = Buffer.from(`{"format":${JSON.stringify(FORMAT)},`);
/** The first read of a cache: enough for the header and rows of a ~40 000-version index. */
const FIRST_READ = 1 << 20;
/** İ and the Kelvin sign: the only characters whose lower case holds ASCII (search checks them the slow way). */
export const LOWERS_TO_ASCII = ['\u0130', '\u212a'] as const;
const LOWERS_TO_ASCII_UTF8 = LOWERS_TO_ASCII.map((c) => Buffer.from(c));

interface CacheHeader {
  format: string;
  index: { size: number; mtimeMs: number };
  generated: string;
  /** Entries skipped when the index was read. */
  problems: string[];
  /** Byte length of line 2. */
  rowsBytes: number;
  charts: (string | number)[];
}

type RowList = [version: string, appVersion: string, pair: number, deprecated: 0 | 1][];

export function cacheFileOf(indexPath: string): string {
  return `${indexPath.replace(/\.ya?ml$/, '')}.cache.json`;
}

/** Where the locations (line 3) come from: built in memory, or the cache file read on first use. */
type LocationSource = { buffer: Buffer } | { path: string; head: Buffer };

export class IndexCache {
  /** Per chart: where its entry starts in `header.charts`, and its byte ranges in lines 2 and 3. */
  private readonly at: Int32Array;
  private readonly rowStart: Int32Array;
  private readonly locationStart: Int32Array;
  private readonly locationLines = new Map<number, string[]>();
  /**
   * Whether a chart name, description or keywords holds a character that lower-cases to ASCII
   * (İ, the Kelvin sign): without one, an ASCII term's case-insensitive matches are those of
   * Helm's lower-casing.
   */
  readonly lowersToAscii: boolean;

  private constructor(
    private readonly header: CacheHeader,
    /** Line 1, where every string of the header is as written (JSON escapes only controls, quotes and backslashes). */
    head: Buffer,
    /** Line 2. */
    private readonly rows: Buffer,
    private locations: LocationSource,
  ) {
    this.lowersToAscii = LOWERS_TO_ASCII_UTF8.some((bytes) => head.includes(bytes));
    const { charts } = header;
    let count = 0;
    for (let i = 0; i < charts.length; i += 4 + 2 * (charts[i + 3] as number)) {
      const pairs = charts[i + 3];
      if (typeof charts[i] !== 'string' || typeof pairs !== 'number' || !Number.isInteger(pairs) || pairs < 0)
        throw new Error('corrupt index cache');
      count++;
    }
    this.at = new Int32Array(count);
    this.rowStart = new Int32Array(count + 1);
    this.locationStart = new Int32Array(count + 1);
    // Each element is preceded by one byte: the array's '[' or a ','.
    this.rowStart[0] = 1;
    this.locationStart[0] = 1;
    for (let c = 0, i = 0; c < count; c++, i += 4 + 2 * (charts[i + 3] as number)) {
      this.at[c] = i;
      this.rowStart[c + 1] = this.rowStart[c] + (charts[i + 1] as number) + 1;
      this.locationStart[c + 1] = this.locationStart[c] + (charts[i + 2] as number) + 1;
    }
    if (rows.length !== (count ? this.rowStart[count] : 2)) throw new Error('corrupt index cache');
  }

  get generated(): string {
    return this.header.generated;
  }

  /** Entries skipped when the index was read (no version, no urls...). */
  get problems(): string[] {
    return this.header.problems;
  }

  /** The length of line 3 (the locations). */
  private get locationsBytes(): number {
    return this.at.length ? this.locationStart[this.at.length] : 2;
  }

  get chartCount(): number {
    return this.at.length;
  }

  /** Streams the index once and writes its cache next to it (temp + rename). */
  static async build(indexPath: string, cachePath = cacheFileOf(indexPath)): Promise<IndexCache> {
    // Only building needs the index reader (and its YAML parser) and version ordering.
    const [{ assertVersioned, readIndexFile }, semver, { HELM2_SEMVER }] = await Promise.all([
      import('./index-file/index-reader.js'),
      import('@helmts/semver'),
      import('./helm2-semver.js'),
    ]);
    const info = await stat(indexPath);
    interface Entry {
      version: string;
      appVersion: string;
      description: string;
      keywords: string;
      deprecated: boolean;
      location: string;
    }
    const byName = new Map<string, Entry[]>();
    const problems: string[] = [];
    const header = await readIndexFile(indexPath, {
      entry(name, v) {
        const list = byName.get(name);
        const last = list?.[list.length - 1];
        let description = v.description ?? '';
        let keywords = (v.keywords ?? []).join(' ');
        // Versions mostly repeat these: hold one copy.
        if (last && last.description === description) description = last.description;
        if (last && last.keywords === keywords) keywords = last.keywords;
        const entry: Entry = {
          version: v.version,
          appVersion: v.appVersion ?? '',
          description,
          keywords,
          deprecated: v.deprecated === true,
          location: `${oneLine(v.urls[0])}\t${oneLine(v.digest ?? '')}`,
        };
        if (list) list.push(entry);
        else byName.set(name, [entry]);
      },
      problem(name, problem) {
        problems.push(`chart "${name}" ${problem}`);
      },
    });
    assertVersioned(header);
    const charts: (string | number)[] = [];
    const rowElements: string[] = [];
    const locationElements: string[] = [];
    for (const name of [...byName.keys()].sort()) {
      const unsorted = byName.get(name)!;
      byName.delete(name);
      // Newest first by Helm 2's semver; unparsable versions last, in index order (a stable sort).
      const parsed = unsorted.map((e) => semver.Version.tryParse(e.version, HELM2_SEMVER));
      const order = unsorted.map((_, i) => i);
      order.sort((a, b) => {
        const va = parsed[a];
        const vb = parsed[b];
        return va && vb ? vb.compare(va) : va ? -1 : vb ? 1 : 0;
      });
      const entries = order.map((i) => unsorted[i]);
      const pairs: string[] = [];
      const pairOf = new Map<string, number>();
      const lines: string[] = [];
      let plain = true;
      let previous: Entry | undefined;
      let pair = 0;
      for (const e of entries) {
        if (!previous || e.description !== previous.description || e.keywords !== previous.keywords) {
          const key = `${e.description}\u0000${e.keywords}`;
          const known = pairOf.get(key);
          if (known === undefined) {
            pair = pairs.length / 2;
            pairOf.set(key, pair);
            pairs.push(e.description, e.keywords);
          } else {
            pair = known;
          }
        }
        previous = e;
        if (plain && (/[\t\n]/.test(e.version) || /[\t\n]/.test(e.appVersion))) plain = false;
        lines.push(`${e.version}\t${e.appVersion}${e.deprecated ? `\t${pair}\t1` : pair ? `\t${pair}` : ''}`);
      }
      const rows = plain
        ? JSON.stringify(lines.join('\n'))
        : JSON.stringify(entries.map((e) => [e.version, e.appVersion, pairOfEntry(pairOf, e), e.deprecated ? 1 : 0]));
      const locations = JSON.stringify(entries.map((e) => e.location).join('\n'));
      charts.push(name, Buffer.byteLength(rows), Buffer.byteLength(locations), pairs.length / 2, ...pairs);
      rowElements.push(rows);
      locationElements.push(locations);
    }
    const rows = Buffer.from(`[${rowElements.join(',')}]`);
    const locations = Buffer.from(`[${locationElements.join(',')}]`);
    const doc: CacheHeader = {
      format: FORMAT,
      index: { size: info.size, mtimeMs: info.mtimeMs },
      generated: header.generated ?? '',
      problems,
      rowsBytes: rows.length,
      charts,
    };
    const head = Buffer.from(JSON.stringify(doc));
    const newline = Buffer.from('\n');
    const temp = `${cachePath}.${process.pid}.tmp`;
    try {
      await writeFile(temp, [head, newline, rows, newline, locations, newline]);
      await rename(temp, cachePath);
    } catch (error) {
      await rm(temp, { force: true });
      // A read-only cache directory still lets search work from the index itself.
      if ((error as NodeJS.ErrnoException).code !== 'EACCES' && (error as NodeJS.ErrnoException).code !== 'EROFS')
        throw error;
    }
    return new IndexCache(doc, head, rows, { buffer: locations });
  }

  /**
   * The cache of `indexPath`: read as is when it matches the index's size and mtime, otherwise
   * rebuilt (also when it is in an older format). Throws (ENOENT) when the index itself is missing.
   * Only the header and rows are read; the url/digest lines are read when first asked for.
   */
  static async load(indexPath: string, cachePath = cacheFileOf(indexPath)): Promise<IndexCache> {
    const info = statSync(indexPath);
    let read: ReturnType<typeof readSearchPart>;
    try {
      read = readSearchPart(cachePath);
    } catch {
      // missing or unreadable: rebuilt below (as is a cache in an older format)
    }
    if (read && read.header.index?.size === info.size && read.header.index.mtimeMs === info.mtimeMs) {
      try {
        const cache = new IndexCache(read.header, read.head, read.rows, { path: cachePath, head: read.head });
        // Lines 1 to 3 and their newlines, nothing missing (a truncated file is rebuilt).
        if (read.fileSize === read.head.length + read.rows.length + cache.locationsBytes + 3) return cache;
      } catch {
        // corrupt: rebuilt below
      }
    }
    return IndexCache.build(indexPath, cachePath);
  }

  /** Every chart name, sorted. */
  names(): string[] {
    const out: string[] = [];
    for (const i of this.at) out.push(this.header.charts[i] as string);
    return out;
  }

  /** Calls `visit` for each version of each chart (charts sorted by name, versions newest first). */
  forEach(visit: (version: CachedChartVersion) => void): void {
    for (let c = 0; c < this.at.length; c++) this.expand(c, visit);
  }

  /**
   * Calls `visit` once per chart (sorted by name) with its distinct (description, keywords)
   * pairs; its versions are decoded only if `versions()` is called. This is search's fast path.
   */
  eachChart(visit: (chart: CachedChart) => void): void {
    const cursor = new ChartCursor(this, this.header.charts);
    for (let c = 0; c < this.at.length; c++) {
      cursor.move(c, this.at[c]);
      visit(cursor);
    }
  }

  /**
   * Every version with its strings, `changed` false when the description and keywords are those
   * of the previous version of the same chart (so a match computed for that one still holds);
   * the full entry is built only on demand.
   */
  scan(
    visit: (
      name: string,
      version: string,
      description: string,
      keywords: string,
      changed: boolean,
      entry: () => CachedChartVersion,
    ) => void,
  ): void {
    this.eachChart((chart) => {
      const rows = chart.versions();
      for (let r = 0; rows.has(r); r++) {
        const pair = rows.pair(r);
        visit(
          rows.chart,
          rows.version(r),
          chart.description(pair),
          chart.keywords(pair),
          r === 0 || pair !== rows.pair(r - 1),
          () => rows.entry(r),
        );
      }
    });
  }

  /** The versions of one chart, newest first; empty when the chart is not in the index. */
  versions(chartName: string): CachedChartVersion[] {
    const c = this.find(chartName);
    const out: CachedChartVersion[] = [];
    if (c !== -1) this.expand(c, (v) => out.push(v));
    return out;
  }

  private find(chartName: string): number {
    // Charts are sorted by name: binary search.
    let lo = 0;
    let hi = this.at.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const name = this.header.charts[this.at[mid]] as string;
      if (name === chartName) return mid;
      if (name < chartName) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private expand(c: number, visit: (version: CachedChartVersion) => void): void {
    const rows = this.rowsOf(c);
    for (let r = 0; rows.has(r); r++) visit(rows.entry(r));
  }

  /** The versions of chart `c`. */
  rowsOf(c: number): CachedChartRows {
    const value = JSON.parse(this.rows.toString('utf8', this.rowStart[c], this.rowStart[c + 1] - 1)) as
      string | RowList;
    return new ChartRows(this, this.header.charts, c, this.at[c], value);
  }

  /** `[url, digest]` of version `row` of chart `c`. */
  location(c: number, row: number): [string, string] {
    let lines = this.locationLines.get(c);
    if (!lines) {
      const buffer = this.locationBuffer();
      lines = (
        JSON.parse(buffer.toString('utf8', this.locationStart[c], this.locationStart[c + 1] - 1)) as string
      ).split('\n');
      this.locationLines.set(c, lines);
    }
    const line = lines[row] ?? '';
    const tab = line.indexOf('\t');
    return tab === -1 ? [line, ''] : [line.slice(0, tab), line.slice(tab + 1)];
  }

  /**
   * Line 3, read from the cache file the first time a location is asked for. The file is
   * replaced only by rename, so the one read now is either the one loaded (same header and
   * rows) or a newer one, which is refused.
   */
  private locationBuffer(): Buffer {
    if ('buffer' in this.locations) return this.locations.buffer;
    const { path, head } = this.locations;
    const file = readFileSync(path);
    const rowsAt = head.length + 1;
    const locationsAt = rowsAt + this.rows.length + 1;
    if (
      !file.subarray(0, head.length).equals(head) ||
      file[head.length] !== 10 ||
      !file.subarray(rowsAt, locationsAt - 1).equals(this.rows)
    ) {
      throw new RepoError(`the repository cache ${path} changed while it was in use`, {
        hint: 'run the command again',
      });
    }
    if (file.length !== locationsAt + this.locationsBytes + 1) {
      throw new RepoError(`the repository cache ${path} is corrupt`, { hint: "run 'repo update'" });
    }
    this.locations = { buffer: file.subarray(locationsAt, locationsAt + this.locationsBytes) };
    return this.locations.buffer;
  }
}

/** The one `CachedChart` that `eachChart` moves from chart to chart. */
class ChartCursor implements CachedChart {
  name = '';
  pairCount = 0;
  private c = 0;
  private at = 0;

  constructor(
    private readonly cache: IndexCache,
    private readonly charts: (string | number)[],
  ) {}

  move(c: number, at: number): void {
    this.c = c;
    this.at = at;
    this.name = this.charts[at] as string;
    this.pairCount = this.charts[at + 3] as number;
  }

  description(pair: number): string {
    return this.charts[this.at + 4 + 2 * pair] as string;
  }

  keywords(pair: number): string {
    return this.charts[this.at + 5 + 2 * pair] as string;
  }

  versions(): CachedChartRows {
    return this.cache.rowsOf(this.c);
  }
}

/** A chart's rows: lines `version<TAB>appVersion[<TAB>pair[<TAB>1]]` split one at a time, as they are asked for. */
class ChartRows implements CachedChartRows {
  readonly chart: string;
  private readonly versions: string[] = [];
  private readonly appVersions: string[] = [];
  private readonly pairs: number[] = [];
  private readonly deprecated: boolean[] = [];
  /** The undecoded rest of the lines (-1: none). */
  private position = 0;

  constructor(
    private readonly cache: IndexCache,
    private readonly charts: (string | number)[],
    private readonly c: number,
    private readonly at: number,
    private readonly value: string | RowList,
  ) {
    this.chart = charts[at] as string;
    if (typeof value !== 'string') {
      for (const [version, appVersion, pair, deprecated] of value)
        this.push(version, appVersion, pair, deprecated === 1);
      this.position = -1;
    }
  }

  has(row: number): boolean {
    while (row >= this.versions.length && this.position !== -1) {
      const text = this.value as string;
      const end = text.indexOf('\n', this.position);
      const fields = text.slice(this.position, end === -1 ? undefined : end).split('\t');
      this.position = end === -1 ? -1 : end + 1;
      this.push(fields[0], fields[1] ?? '', fields.length > 2 ? Number(fields[2]) : 0, fields.length > 3);
    }
    return row < this.versions.length;
  }

  version(row: number): string {
    return this.versions[row];
  }

  pair(row: number): number {
    return this.pairs[row];
  }

  entry(row: number): CachedChartVersion {
    const pair = this.pairs[row];
    const { charts, at } = this;
    return new CachedVersion(
      this.chart,
      this.versions[row],
      this.appVersions[row],
      charts[at + 4 + 2 * pair] as string,
      charts[at + 5 + 2 * pair] as string,
      this.deprecated[row],
      this.cache,
      this.c,
      row,
    );
  }

  private push(version: string, appVersion: string, pair: number, deprecated: boolean): void {
    this.versions.push(version);
    this.appVersions.push(appVersion);
    this.pairs.push(pair);
    this.deprecated.push(deprecated);
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
    private readonly cache: IndexCache,
    private readonly chart: number,
    private readonly row: number,
  ) {}

  get url(): string {
    return this.cache.location(this.chart, this.row)[0];
  }

  get digest(): string {
    return this.cache.location(this.chart, this.row)[1];
  }

  toJSON(): Record<string, unknown> {
    const { name, version, appVersion, description, keywords, url, digest, deprecated } = this;
    return { name, version, appVersion, description, keywords, url, digest, deprecated };
  }
}

function pairOfEntry(pairOf: Map<string, number>, e: { description: string; keywords: string }): number {
  return pairOf.get(`${e.description}\u0000${e.keywords}`)!;
}

/** Tabs and newlines separate the location lines: none may be inside a url or digest. */
function oneLine(text: string): string {
  return text.replace(/[\t\n]/g, ' ');
}

/**
 * Reads and parses line 1 (the header) and reads line 2 (the rows) of a cache file, and not
 * line 3. Synchronously: these are a few hundred KB of one file, read faster than the thread
 * pool's round trips would take.
 */
function readSearchPart(
  cachePath: string,
): { header: CacheHeader; head: Buffer; rows: Buffer; fileSize: number } | undefined {
  const fd = openSync(cachePath, 'r');
  try {
    const fileSize = fstatSync(fd).size;
    let buffer = Buffer.allocUnsafe(FIRST_READ);
    let filled = 0;
    let eof = false;
    /** Reads until `size` bytes are in (or the file ended), filling the whole buffer if it can. */
    const readTo = (size: number): void => {
      if (size > buffer.length) {
        const bigger = Buffer.allocUnsafe(size);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      while (filled < size && !eof) {
        const read = readSync(fd, buffer, filled, buffer.length - filled, filled);
        if (read === 0) eof = true;
        filled += read;
      }
    };
    readTo(PREFIX.length);
    // Older formats (one JSON document) are not read further: they are rebuilt.
    if (filled < PREFIX.length || !buffer.subarray(0, PREFIX.length).equals(PREFIX)) return undefined;
    let newline = buffer.subarray(0, filled).indexOf(10);
    while (newline === -1) {
      if (eof) return undefined;
      const from = filled;
      readTo(buffer.length * 2);
      newline = buffer.subarray(0, filled).indexOf(10, from);
    }
    const head = buffer.subarray(0, newline);
    const header = JSON.parse(head.toString('utf8')) as CacheHeader;
    if (header.format !== FORMAT || typeof header.rowsBytes !== 'number') return undefined;
    const rowsEnd = newline + 1 + header.rowsBytes;
    readTo(rowsEnd);
    if (filled < rowsEnd) return undefined;
    return { header, head, rows: buffer.subarray(newline + 1, rowsEnd), fileSize };
  } finally {
    closeSync(fd);
  }
}
