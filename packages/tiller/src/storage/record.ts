// The record format shared by every driver (reference §2.2–2.5): key `<name>.v<revision>`, labels,
// and the payload base64(gzip(protobuf Release)) exactly as Helm 2's Tiller writes and reads it.
import { gunzipSync, gzipSync, constants as zlib } from 'node:zlib';
import { decodeRelease, encodeRelease, type Release, type ReleaseInput, type StatusCode } from '@helmts/proto';
import { InvalidReleaseKeyError } from './errors.js';

export const OWNER_TILLER = 'TILLER';

/** Label keys Helm 2 puts on records (upper case). */
export const LABEL = {
  NAME: 'NAME',
  OWNER: 'OWNER',
  STATUS: 'STATUS',
  VERSION: 'VERSION',
  CREATED_AT: 'CREATED_AT',
  MODIFIED_AT: 'MODIFIED_AT',
} as const;

export type RecordLabels = Record<string, string>;

/** Which records to read: those of one release or of some releases, and/or with one of these statuses. */
export interface LabelFilter {
  name?: string;
  names?: readonly string[];
  statuses?: readonly string[];
}

/** Whether a record with `labels` is one `filter` selects. */
export function labelFilterMatches(labels: RecordLabels, filter: LabelFilter = {}): boolean {
  if (filter.name !== undefined && labels[LABEL.NAME] !== filter.name) return false;
  if (filter.names !== undefined && !filter.names.includes(labels[LABEL.NAME] ?? '')) return false;
  return filter.statuses === undefined || filter.statuses.includes(labels[LABEL.STATUS] ?? '');
}

/** `<name>.v<revision>`, e.g. `myapp.v3`. */
export function recordKey(name: string, revision: number): string {
  return `${name}.v${revision}`;
}

/** Splits a record key; names may themselves contain dots, so the last `.v<digits>` counts. */
export function parseRecordKey(key: string): { name: string; revision: number } {
  const m = /^(.+)\.v(\d+)$/.exec(key);
  if (!m) throw new InvalidReleaseKeyError(key);
  return { name: m[1]!, revision: Number(m[2]) };
}

/** Status code name of a release ("UNKNOWN" when it has none). */
export function statusOf(rel: ReleaseInput): StatusCode {
  const code = rel.info?.status?.code;
  if (typeof code === 'number') {
    const names: StatusCode[] = [
      'UNKNOWN',
      'DEPLOYED',
      'DELETED',
      'SUPERSEDED',
      'FAILED',
      'DELETING',
      'PENDING_INSTALL',
      'PENDING_UPGRADE',
      'PENDING_ROLLBACK',
    ];
    return names[code] ?? 'UNKNOWN';
  }
  return code ?? 'UNKNOWN';
}

/** NAME, OWNER, STATUS, VERSION of a release — the labels every driver keeps. */
export function releaseLabels(rel: ReleaseInput): RecordLabels {
  return {
    [LABEL.NAME]: rel.name ?? '',
    [LABEL.OWNER]: OWNER_TILLER,
    [LABEL.STATUS]: statusOf(rel),
    [LABEL.VERSION]: String(rel.version ?? 0),
  };
}

/** Whether `labels` has every key/value of `selector`. */
export function labelsMatch(labels: RecordLabels, selector: RecordLabels): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** base64(gzip₉(protobuf(release))), standard alphabet with padding, no line breaks. */
export function encodeReleaseRecord(rel: ReleaseInput): string {
  return gzipSync(encodeRelease(rel), { level: zlib.Z_BEST_COMPRESSION }).toString('base64');
}

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

// zlib writes into 16 KiB chunks by default: one allocated (and copied out of) per record, which
// made listing 10,000 records allocate ~160 MiB. A gzip stream ends with its uncompressed size
// (ISIZE, mod 2^32): one chunk of that size holds a record whole.
const MAX_CHUNK = 1024 * 1024;

/** Inverse of encodeReleaseRecord; also reads legacy records holding uncompressed protobuf. */
export function decodeReleaseRecord(data: string): Release {
  const bytes = Buffer.from(data, 'base64');
  const gzipped = bytes.length > 18 && GZIP_MAGIC.every((b, i) => bytes[i] === b);
  if (!gzipped) return decodeRelease(bytes);
  const size = bytes.readUInt32LE(bytes.length - 4);
  return decodeRelease(gunzipSync(bytes, { chunkSize: Math.min(MAX_CHUNK, Math.max(64, size + 1)) }));
}
