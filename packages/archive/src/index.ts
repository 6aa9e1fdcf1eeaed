/**
 * @helmts/archive: tar.gz read safely (entry types reported, paths checked, sizes bounded) and
 * written deterministically. It knows nothing about charts or plugins.
 */
export { ArchiveFormatError, ArchiveSizeError, UnsafeArchiveError } from './errors.js';
export { SizeBudget, type ArchiveLimits } from './limits.js';
export { gunzipBounded, gzipDeterministic, isGzip } from './gzip.js';
export { cleanPath } from './clean-path.js';
export { readTarEntries, type TarEntry, type TarEntryType } from './tar-reader.js';
export {
  chargeEntry,
  DEFAULT_ARCHIVE_LIMITS,
  gunzipWithinBudget,
  readArchive,
  type ArchiveEntry,
  type ReadArchiveOptions,
} from './read-archive.js';
export { writeTar, writeTarGz, type TarWriteEntry, type TarWriteOptions } from './tar-writer.js';
export { extractArchive, safeEntryPath, type ExtractOptions } from './extract.js';
