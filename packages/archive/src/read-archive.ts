import { ArchiveSizeError } from './errors.js';
import { gunzipBounded, isGzip } from './gzip.js';
import { SizeBudget, type ArchiveLimits } from './limits.js';
import { readTarEntries, type TarEntry } from './tar-reader.js';

/** Bounds for archives that are not charts (plugins may ship large binaries). */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxTotalBytes: 512 * 1024 * 1024,
  maxFileBytes: 512 * 1024 * 1024,
};

export interface ArchiveEntry extends Omit<TarEntry, 'dataOffset'> {
  /** The contents of a regular file (empty for other types). */
  data: Buffer;
}

export interface ReadArchiveOptions {
  /** A budget shared with other reads; default: a fresh one of `DEFAULT_ARCHIVE_LIMITS`. */
  budget?: SizeBudget;
}

/** Inflates gzip data within the budget's remaining bytes, reporting a too-large archive as ArchiveSizeError. */
export function gunzipWithinBudget(data: Uint8Array, budget: SizeBudget): Buffer {
  try {
    return gunzipBounded(data, budget.remaining);
  } catch (e) {
    if (e instanceof ArchiveSizeError) {
      throw new ArchiveSizeError(
        `decompressed archive is larger than the maximum size ${budget.limits.maxTotalBytes}`,
        'total',
        budget.limits.maxTotalBytes,
      );
    }
    throw e;
  }
}

/** Charges one regular file to the budget, or throws ArchiveSizeError naming the bound it passes. */
export function chargeEntry(budget: SizeBudget, name: string, size: number): void {
  if (size > budget.remaining) {
    throw new ArchiveSizeError(
      `decompressed archive is larger than the maximum size ${budget.limits.maxTotalBytes}`,
      'total',
      budget.limits.maxTotalBytes,
      name,
    );
  }
  if (size > budget.limits.maxFileBytes) {
    throw new ArchiveSizeError(
      `decompressed file ${JSON.stringify(name)} is larger than the maximum file size ${budget.limits.maxFileBytes}`,
      'file',
      budget.limits.maxFileBytes,
      name,
    );
  }
  budget.remaining -= size;
}

/**
 * Every entry of a tar archive, gzip-compressed or not, with the contents of its regular files.
 * Nothing is written anywhere; entry names are as stored (check them with `safeEntryPath`) and
 * every entry type is reported, so the caller decides what to refuse.
 */
export function readArchive(data: Uint8Array, opts: ReadArchiveOptions = {}): ArchiveEntry[] {
  const budget = opts.budget ?? new SizeBudget(DEFAULT_ARCHIVE_LIMITS);
  const tar = isGzip(data)
    ? gunzipWithinBudget(data, budget)
    : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return readTarEntries(tar).map(({ dataOffset, ...entry }) => {
    if (entry.type !== 'file') return { ...entry, data: Buffer.alloc(0) };
    chargeEntry(budget, entry.name, entry.size);
    return { ...entry, data: Buffer.from(tar.subarray(dataOffset, dataOffset + entry.size)) };
  });
}
