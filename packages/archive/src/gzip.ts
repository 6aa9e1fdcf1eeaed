import { gunzipSync, gzipSync } from 'node:zlib';
import { ArchiveFormatError, ArchiveSizeError } from './errors.js';

export function isGzip(data: Uint8Array): boolean {
  return data.length >= 3 && data[0] === 0x1f && data[1] === 0x8b && data[2] === 0x08;
}

/** Room above a content budget for the tar headers and padding themselves. */
const TAR_OVERHEAD_BYTES = 4 * 1024 * 1024;

/**
 * Inflates gzip data, stopping as soon as the output would pass `maxContentBytes` plus room for
 * tar headers, so a gzip bomb costs no more memory than the budget.
 * Throws ArchiveFormatError (`gzip: ...`) or ArchiveSizeError (limit `total`).
 */
export function gunzipBounded(data: Uint8Array, maxContentBytes: number): Buffer {
  if (!isGzip(data)) throw new ArchiveFormatError('gzip: invalid header');
  try {
    return gunzipSync(data, { maxOutputLength: Math.min(maxContentBytes + TAR_OVERHEAD_BYTES, 2 ** 31 - 1) });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw new ArchiveSizeError(
        `decompressed archive is larger than the maximum size ${maxContentBytes}`,
        'total',
        maxContentBytes,
      );
    }
    throw new ArchiveFormatError(`gzip: ${(e as Error).message}`);
  }
}

/** gzip at level 9 with no timestamp and OS = Unix, so the same input gives the same bytes anywhere. */
export function gzipDeterministic(data: Uint8Array): Buffer {
  const gz = gzipSync(data, { level: 9 });
  gz.writeUInt32LE(0, 4);
  gz[9] = 3;
  return gz;
}
