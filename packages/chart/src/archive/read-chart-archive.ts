import { gunzipSync } from 'node:zlib';
import type { ChartFile } from '../model.js';
import { readTarEntries, TarFormatError } from './tar.js';
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

export function isGzip(data: Uint8Array): boolean {
  return data.length >= 3 && data[0] === 0x1f && data[1] === 0x8b && data[2] === 0x08;
}

/** Lexical clean of a `/`-separated path, as Go's path.Clean. */
export function cleanPath(p: string): string {
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

/**
 * Reads the files of a gzipped chart archive. Like Helm, the first path component (the
 * chart folder) is stripped. Unlike Helm, anything that is not a regular file or a
 * directory (links, devices, fifos) is refused, and every entry must share one top folder.
 */
export function readChartArchiveFiles(archive: Uint8Array, budget = new SizeBudget(DEFAULT_CHART_SIZE_LIMITS)): ChartFile[] {
  if (!isGzip(archive)) throw new ChartArchiveError('gzip: invalid header');
  let tar: Buffer;
  try {
    // a little room above the content budget for the tar headers themselves
    tar = gunzipSync(archive, { maxOutputLength: Math.min(budget.remaining + 4 * 1024 * 1024, 2 ** 31 - 1) });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw new ChartArchiveError(`decompressed chart is larger than the maximum size ${budget.limits.maxTotalBytes}`);
    }
    throw new ChartArchiveError(`gzip: ${(e as Error).message}`);
  }
  let entries;
  try {
    entries = readTarEntries(tar);
  } catch (e) {
    if (e instanceof TarFormatError) throw new ChartArchiveError(e.message);
    throw e;
  }
  const files: ChartFile[] = [];
  let topFolder: string | undefined;
  for (const entry of entries) {
    const delimiter = entry.name.includes('\\') ? '\\' : '/';
    const parts = entry.name.split(delimiter);
    if (entry.type === 'directory') continue;
    if (entry.type !== 'file') {
      throw new ChartArchiveError(`chart archive entry ${JSON.stringify(entry.name)} is a ${entry.type}, which charts may not contain`, entry.name);
    }
    if (parts[0] === 'Chart.yaml' && parts.length === 1) throw new ChartArchiveError('chart yaml not in base directory', entry.name);
    let n = parts.slice(1).join('/');
    if (n.startsWith('/') || parts[0] === '' ) throw new ChartArchiveError('chart illegally contains absolute paths', entry.name);
    n = cleanPath(n);
    if (n === '.') throw new ChartArchiveError(`chart illegally contains content outside the base directory: ${JSON.stringify(entry.name)}`, entry.name);
    if (n === '..' || n.startsWith('../') || parts[0] === '..' || parts[0] === '.') {
      throw new ChartArchiveError('chart illegally references parent directory', entry.name);
    }
    if (/^[a-zA-Z]:\//.test(n) || /^[a-zA-Z]:$/.test(parts[0])) throw new ChartArchiveError('chart contains illegally named files', entry.name);
    if (topFolder === undefined) topFolder = parts[0];
    else if (parts[0] !== topFolder) {
      throw new ChartArchiveError(
        `chart archive entries must share one top folder: ${JSON.stringify(entry.name)} is not under ${JSON.stringify(topFolder + '/')}`,
        entry.name,
      );
    }
    if (entry.size > budget.remaining) throw new ChartArchiveError(`decompressed chart is larger than the maximum size ${budget.limits.maxTotalBytes}`);
    if (entry.size > budget.limits.maxFileBytes) {
      throw new ChartArchiveError(
        `decompressed chart file ${JSON.stringify(entry.name)} is larger than the maximum file size ${budget.limits.maxFileBytes}`,
        entry.name,
      );
    }
    budget.remaining -= entry.size;
    const data = stripBom(tar.subarray(entry.dataOffset, entry.dataOffset + entry.size));
    files.push({ name: n, data: new Uint8Array(data) });
  }
  if (files.length === 0) throw new ChartArchiveError('no files in chart archive');
  return files;
}
