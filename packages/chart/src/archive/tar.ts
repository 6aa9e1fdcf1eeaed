/**
 * A small ustar/pax reader and writer. Reading reports every entry type so the caller can
 * refuse links and devices; writing produces fixed headers (mode, owner, time) so that the
 * same entries always give the same bytes.
 */
export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'char-device' | 'block-device' | 'fifo' | 'other';

export interface TarEntry {
  name: string;
  type: TarEntryType;
  size: number;
  linkName: string;
  /** Offset of the data in the tar buffer. */
  dataOffset: number;
}

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

const BLOCK = 512;

function readString(buf: Uint8Array, offset: number, length: number): string {
  let end = offset;
  while (end < offset + length && buf[end] !== 0) end++;
  return Buffer.from(buf.subarray(offset, end)).toString('utf8');
}

function readNumber(buf: Uint8Array, offset: number, length: number): number {
  if (buf[offset] & 0x80) {
    // base-256 (GNU) encoding for large values; negative values are refused
    if (buf[offset] & 0x40) throw new TarFormatError('archive/tar: invalid header: negative number');
    let n = BigInt(buf[offset] & 0x3f);
    for (let i = 1; i < length; i++) n = (n << 8n) | BigInt(buf[offset + i]);
    if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new TarFormatError('archive/tar: invalid header: number too large');
    return Number(n);
  }
  const text = readString(buf, offset, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`archive/tar: invalid header: bad octal number ${JSON.stringify(text)}`);
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
    if (!Number.isFinite(len) || len <= 0 || i + len > text.length) throw new TarFormatError('archive/tar: invalid PAX record');
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
    if (stored !== sum) throw new TarFormatError('archive/tar: invalid header: checksum mismatch');
    const flagType = typeOf(buf[offset + 156]);
    let size = readNumber(buf, offset + 124, 12);
    if (paxSize !== undefined && flagType !== 'pax' && flagType !== 'gnu-longname') size = paxSize;
    const dataOffset = offset + BLOCK;
    if (dataOffset + size > buf.length) throw new TarFormatError('unexpected EOF');
    const data = buf.subarray(dataOffset, dataOffset + size);
    offset = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
    if (flagType === 'pax') {
      const rec = parsePax(data);
      paxName = rec.get('path') ?? paxName;
      paxLink = rec.get('linkpath') ?? paxLink;
      if (rec.has('size')) {
        const n = Number(rec.get('size'));
        if (!Number.isSafeInteger(n) || n < 0) throw new TarFormatError('archive/tar: invalid PAX size');
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
    entries.push({ name, type, size, linkName, dataOffset });
    paxName = paxLink = undefined;
    paxSize = undefined;
  }
  return entries;
}

function writeString(buf: Buffer, offset: number, length: number, value: string): void {
  Buffer.from(value, 'utf8').copy(buf, offset, 0, length);
}

function writeOctal(buf: Buffer, offset: number, length: number, value: number): void {
  writeString(buf, offset, length - 1, value.toString(8).padStart(length - 1, '0'));
}

export interface TarWriteEntry {
  name: string;
  data: Uint8Array;
}

export interface TarWriteOptions {
  /** Seconds since the epoch written as every entry's mtime. */
  mtime: number;
  mode: number;
}

function header(name: string, size: number, flag: string, opts: TarWriteOptions): Buffer {
  const h = Buffer.alloc(BLOCK);
  let prefix = '';
  let short = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    if (cut > 0 && Buffer.byteLength(name.slice(0, cut)) <= 155 && Buffer.byteLength(name.slice(cut + 1)) <= 100) {
      prefix = name.slice(0, cut);
      short = name.slice(cut + 1);
    } else {
      short = name.slice(0, 100);
    }
  }
  writeString(h, 0, 100, short);
  writeOctal(h, 100, 8, opts.mode);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, opts.mtime);
  h.fill(32, 148, 156);
  writeString(h, 156, 1, flag);
  writeString(h, 257, 6, 'ustar\0');
  writeString(h, 263, 2, '00');
  writeString(h, 345, 155, prefix);
  let sum = 0;
  for (const b of h) sum += b;
  writeString(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

function needsPax(name: string): boolean {
  if (Buffer.byteLength(name) <= 100) return false;
  const cut = name.lastIndexOf('/', 155);
  return !(cut > 0 && Buffer.byteLength(name.slice(0, cut)) <= 155 && Buffer.byteLength(name.slice(cut + 1)) <= 100);
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

function pad(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}

/** Writes regular-file entries in the given order; long names get a pax header. */
export function writeTar(entries: TarWriteEntry[], opts: TarWriteOptions): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    if (needsPax(e.name)) {
      const pax = Buffer.from(paxRecord('path', e.name), 'utf8');
      parts.push(header(`PaxHeaders/${e.name.split('/').pop()!.slice(0, 80)}`, pax.length, 'x', opts), pax, pad(pax.length));
    }
    parts.push(header(e.name, e.data.length, '0', opts), Buffer.from(e.data), pad(e.data.length));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}
