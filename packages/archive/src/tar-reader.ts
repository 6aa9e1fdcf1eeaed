/**
 * A small ustar/pax/GNU tar reader. It reports every entry type so that the caller can refuse
 * links and devices, and never touches the file system.
 */
import { ArchiveFormatError } from './errors.js';

export type TarEntryType =
  'file' | 'directory' | 'symlink' | 'hardlink' | 'char-device' | 'block-device' | 'fifo' | 'other';

export interface TarEntry {
  name: string;
  type: TarEntryType;
  size: number;
  linkName: string;
  /** Permission bits as stored (0 when the header has none). */
  mode: number;
  /** Offset of the data in the tar buffer. */
  dataOffset: number;
}

export const TAR_BLOCK = 512;
const BLOCK = TAR_BLOCK;

function readString(buf: Uint8Array, offset: number, length: number): string {
  let end = offset;
  while (end < offset + length && buf[end] !== 0) end++;
  return Buffer.from(buf.subarray(offset, end)).toString('utf8');
}

function readNumber(buf: Uint8Array, offset: number, length: number): number {
  if (buf[offset] & 0x80) {
    // base-256 (GNU) encoding for large values; negative values are refused
    if (buf[offset] & 0x40) throw new ArchiveFormatError('archive/tar: invalid header: negative number');
    let n = BigInt(buf[offset] & 0x3f);
    for (let i = 1; i < length; i++) n = (n << 8n) | BigInt(buf[offset + i]);
    if (n > BigInt(Number.MAX_SAFE_INTEGER))
      throw new ArchiveFormatError('archive/tar: invalid header: number too large');
    return Number(n);
  }
  const text = readString(buf, offset, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text))
    throw new ArchiveFormatError(`archive/tar: invalid header: bad octal number ${JSON.stringify(text)}`);
  return parseInt(text, 8);
}

function typeOf(flag: number): TarEntryType | 'pax' | 'global-pax' | 'gnu-longname' | 'gnu-longlink' {
  switch (String.fromCharCode(flag)) {
    case '\0':
    case '0':
    case '7':
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '3':
      return 'char-device';
    case '4':
      return 'block-device';
    case '5':
      return 'directory';
    case '6':
      return 'fifo';
    case 'x':
      return 'pax';
    case 'g':
      return 'global-pax';
    case 'L':
      return 'gnu-longname';
    case 'K':
      return 'gnu-longlink';
    default:
      return 'other';
  }
}

function parsePax(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const text = Buffer.from(data).toString('utf8');
  let i = 0;
  while (i < text.length) {
    const space = text.indexOf(' ', i);
    if (space < 0) break;
    const len = parseInt(text.slice(i, space), 10);
    if (!Number.isFinite(len) || len <= 0 || i + len > text.length)
      throw new ArchiveFormatError('archive/tar: invalid PAX record');
    const record = text.slice(space + 1, i + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    i += len;
  }
  return out;
}

function isZeroBlock(buf: Uint8Array, offset: number): boolean {
  for (let i = offset; i < offset + BLOCK; i++) if (buf[i] !== 0) return false;
  return true;
}

/** Lists the entries of an uncompressed tar buffer, resolving pax and GNU long-name headers. */
export function readTarEntries(buf: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let paxName: string | undefined;
  let paxLink: string | undefined;
  let paxSize: number | undefined;
  while (offset + BLOCK <= buf.length) {
    if (isZeroBlock(buf, offset)) break;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : buf[offset + i];
    const stored = readNumber(buf, offset + 148, 8);
    if (stored !== sum) throw new ArchiveFormatError('archive/tar: invalid header: checksum mismatch');
    const flagType = typeOf(buf[offset + 156]);
    let size = readNumber(buf, offset + 124, 12);
    if (paxSize !== undefined && flagType !== 'pax' && flagType !== 'gnu-longname') size = paxSize;
    const dataOffset = offset + BLOCK;
    if (dataOffset + size > buf.length) throw new ArchiveFormatError('unexpected EOF');
    const data = buf.subarray(dataOffset, dataOffset + size);
    offset = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
    if (flagType === 'pax') {
      const rec = parsePax(data);
      paxName = rec.get('path') ?? paxName;
      paxLink = rec.get('linkpath') ?? paxLink;
      if (rec.has('size')) {
        const n = Number(rec.get('size'));
        if (!Number.isSafeInteger(n) || n < 0) throw new ArchiveFormatError('archive/tar: invalid PAX size');
        paxSize = n;
      }
      continue;
    }
    if (flagType === 'global-pax') continue;
    if (flagType === 'gnu-longname') {
      paxName = readString(data, 0, data.length);
      continue;
    }
    if (flagType === 'gnu-longlink') {
      paxLink = readString(data, 0, data.length);
      continue;
    }
    const magic = readString(buf, dataOffset - BLOCK + 257, 6);
    const prefix = magic.startsWith('ustar') ? readString(buf, dataOffset - BLOCK + 345, 155) : '';
    const rawName = readString(buf, dataOffset - BLOCK, 100);
    const name = paxName ?? (prefix ? `${prefix}/${rawName}` : rawName);
    const linkName = paxLink ?? readString(buf, dataOffset - BLOCK + 157, 100);
    let type = flagType as TarEntryType;
    if (type === 'file' && name.endsWith('/')) type = 'directory';
    // Modes are informative only (extraction masks them), so a malformed one reads as 0 rather than failing.
    const modeText = readString(buf, dataOffset - BLOCK + 100, 8).trim();
    const mode = /^[0-7]+$/.test(modeText) ? parseInt(modeText, 8) & 0o7777 : 0;
    entries.push({ name, type, size, linkName, mode, dataOffset });
    paxName = paxLink = undefined;
    paxSize = undefined;
  }
  return entries;
}
