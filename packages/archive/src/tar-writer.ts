/**
 * A deterministic ustar writer: fixed owner (uid/gid 0, no names) and one mtime, entries in the
 * order given, so the same entries always give the same bytes. Names are written as given
 * (tests use it to build hostile archives); long names get a pax header.
 */
import { gzipDeterministic } from './gzip.js';
import { TAR_BLOCK as BLOCK } from './tar-reader.js';

export interface TarWriteEntry {
  name: string;
  /** Contents of a regular file (empty for other types). */
  data?: Uint8Array;
  /** Default `file`. */
  type?: 'file' | 'directory' | 'symlink' | 'hardlink';
  /** Target of a link. */
  linkName?: string;
  /** Permission bits; default: the writer's `mode` for files, 0755 for directories. */
  mode?: number;
}

export interface TarWriteOptions {
  /** Seconds since the epoch written as every entry's mtime (default 0). */
  mtime?: number;
  /** Permission bits of regular files without their own (default 0644). */
  mode?: number;
}

const TYPE_FLAGS = { file: '0', hardlink: '1', symlink: '2', directory: '5' } as const;

function writeString(buf: Buffer, offset: number, length: number, value: string): void {
  Buffer.from(value, 'utf8').copy(buf, offset, 0, length);
}

function writeOctal(buf: Buffer, offset: number, length: number, value: number): void {
  writeString(buf, offset, length - 1, value.toString(8).padStart(length - 1, '0'));
}

/** Where a name too long for the 100-byte field splits into ustar prefix and name, if it can. */
function ustarSplit(name: string): number | undefined {
  const cut = name.lastIndexOf('/', 155);
  return cut > 0 && Buffer.byteLength(name.slice(0, cut)) <= 155 && Buffer.byteLength(name.slice(cut + 1)) <= 100
    ? cut
    : undefined;
}

function header(name: string, size: number, flag: string, mode: number, mtime: number, linkName = ''): Buffer {
  const h = Buffer.alloc(BLOCK);
  let prefix = '';
  let short = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = ustarSplit(name);
    if (cut !== undefined) {
      prefix = name.slice(0, cut);
      short = name.slice(cut + 1);
    } else {
      short = name.slice(0, 100);
    }
  }
  writeString(h, 0, 100, short);
  writeOctal(h, 100, 8, mode);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, mtime);
  h.fill(32, 148, 156);
  writeString(h, 156, 1, flag);
  writeString(h, 157, 100, linkName);
  writeString(h, 257, 6, 'ustar\0');
  writeString(h, 263, 2, '00');
  writeString(h, 345, 155, prefix);
  let sum = 0;
  for (const b of h) sum += b;
  writeString(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

function needsPax(name: string): boolean {
  return Buffer.byteLength(name) > 100 && ustarSplit(name) === undefined;
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

/** An uncompressed tar of `entries`, in the given order. */
export function writeTar(entries: TarWriteEntry[], opts: TarWriteOptions = {}): Buffer {
  const mtime = opts.mtime ?? 0;
  const fileMode = opts.mode ?? 0o644;
  const parts: Buffer[] = [];
  for (const e of entries) {
    const type = e.type ?? 'file';
    const data = type === 'file' ? Buffer.from(e.data ?? []) : Buffer.alloc(0);
    const mode = e.mode ?? (type === 'directory' ? 0o755 : fileMode);
    if (needsPax(e.name)) {
      const pax = Buffer.from(paxRecord('path', e.name), 'utf8');
      parts.push(
        header(`PaxHeaders/${e.name.split('/').pop()!.slice(0, 80)}`, pax.length, 'x', fileMode, mtime),
        pax,
        pad(pax.length),
      );
    }
    parts.push(header(e.name, data.length, TYPE_FLAGS[type], mode, mtime, e.linkName), data, pad(data.length));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/** `writeTar` gzipped deterministically (no timestamp in the gzip header). */
export function writeTarGz(entries: TarWriteEntry[], opts: TarWriteOptions = {}): Buffer {
  return gzipDeterministic(writeTar(entries, opts));
}
