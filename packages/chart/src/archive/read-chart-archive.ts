import {
  ArchiveFormatError,
  ArchiveSizeError,
  chargeEntry,
  cleanPath,
  gunzipWithinBudget,
  isGzip,
  readTarEntries,
} from '@helmts/archive';
import type { ChartFile } from '../model.js';
import { DEFAULT_CHART_SIZE_LIMITS, SizeBudget } from './limits.js';

/** A chart archive that is malformed or hostile. Nothing is ever written to disk while reading. */
export class ChartArchiveError extends Error {
  constructor(
    message: string,
    readonly entry?: string,
  ) {
    super(message);
    this.name = 'ChartArchiveError';
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function stripBom(data: Uint8Array): Uint8Array {
  return data.length >= 3 && data[0] === UTF8_BOM[0] && data[1] === UTF8_BOM[1] && data[2] === UTF8_BOM[2]
    ? data.subarray(3)
    : data;
}

export { isGzip };

/**
 * Reads the files of a gzipped chart archive. Like Helm, the first path component (the
 * chart folder) is stripped. Unlike Helm, anything that is not a regular file or a
 * directory (links, devices, fifos) is refused, and every entry must share one top folder.
 */
export function readChartArchiveFiles(
  archive: Uint8Array,
  budget = new SizeBudget(DEFAULT_CHART_SIZE_LIMITS),
  keepBom = false,
): ChartFile[] {
  // Helm 3 and 4 strip a UTF-8 BOM from every file; Helm 2 keeps it (`keepBom`)
  return readChartArchive(archive, budget).files.map((f) => ({
    name: f.name,
    data: keepBom ? f.data : stripBom(f.data),
  }));
}

/** A chart archive's files as stored (no BOM stripped), with the name of its one top folder. */
export interface ChartArchiveContent {
  topFolder: string;
  files: Array<ChartFile & { mode: number }>;
}

/** Rewords the archive package's size errors in Helm's chart terms. */
function chartSizeError(e: ArchiveSizeError, budget: SizeBudget): ChartArchiveError {
  if (e.limit === 'file') {
    return new ChartArchiveError(
      `decompressed chart file ${JSON.stringify(e.entry)} is larger than the maximum file size ${budget.limits.maxFileBytes}`,
      e.entry,
    );
  }
  return new ChartArchiveError(`decompressed chart is larger than the maximum size ${budget.limits.maxTotalBytes}`);
}

/** `readChartArchiveFiles` without stripping BOMs, keeping each file's mode and the top folder (for unpacking). */
export function readChartArchive(
  archive: Uint8Array,
  budget = new SizeBudget(DEFAULT_CHART_SIZE_LIMITS),
): ChartArchiveContent {
  if (!isGzip(archive)) throw new ChartArchiveError('gzip: invalid header');
  let tar: Buffer;
  let entries;
  try {
    tar = gunzipWithinBudget(archive, budget);
    entries = readTarEntries(tar);
  } catch (e) {
    if (e instanceof ArchiveSizeError) throw chartSizeError(e, budget);
    if (e instanceof ArchiveFormatError) throw new ChartArchiveError(e.message);
    throw e;
  }
  const files: ChartArchiveContent['files'] = [];
  let topFolder: string | undefined;
  for (const entry of entries) {
    const delimiter = entry.name.includes('\\') ? '\\' : '/';
    const parts = entry.name.split(delimiter);
    if (entry.type === 'directory') continue;
    if (entry.type !== 'file') {
      throw new ChartArchiveError(
        `chart archive entry ${JSON.stringify(entry.name)} is a ${entry.type}, which charts may not contain`,
        entry.name,
      );
    }
    if (parts[0] === 'Chart.yaml' && parts.length === 1)
      throw new ChartArchiveError('chart yaml not in base directory', entry.name);
    let n = parts.slice(1).join('/');
    if (n.startsWith('/') || parts[0] === '')
      throw new ChartArchiveError('chart illegally contains absolute paths', entry.name);
    n = cleanPath(n);
    if (n === '.')
      throw new ChartArchiveError(
        `chart illegally contains content outside the base directory: ${JSON.stringify(entry.name)}`,
        entry.name,
      );
    if (n === '..' || n.startsWith('../') || parts[0] === '..' || parts[0] === '.') {
      throw new ChartArchiveError('chart illegally references parent directory', entry.name);
    }
    if (/^[a-zA-Z]:\//.test(n) || /^[a-zA-Z]:$/.test(parts[0]))
      throw new ChartArchiveError('chart contains illegally named files', entry.name);
    if (topFolder === undefined) topFolder = parts[0];
    else if (parts[0] !== topFolder) {
      throw new ChartArchiveError(
        `chart archive entries must share one top folder: ${JSON.stringify(entry.name)} is not under ${JSON.stringify(topFolder + '/')}`,
        entry.name,
      );
    }
    try {
      chargeEntry(budget, entry.name, entry.size);
    } catch (e) {
      if (e instanceof ArchiveSizeError) throw chartSizeError(e, budget);
      throw e;
    }
    files.push({
      name: n,
      data: new Uint8Array(tar.subarray(entry.dataOffset, entry.dataOffset + entry.size)),
      mode: entry.mode,
    });
  }
  if (files.length === 0 || topFolder === undefined) throw new ChartArchiveError('no files in chart archive');
  return { topFolder, files };
}
