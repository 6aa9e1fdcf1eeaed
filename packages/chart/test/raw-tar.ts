import { gzipSync } from 'node:zlib';

/** Builds tar archives entry by entry, including the entry types a chart must never contain. */
export interface RawTarEntry {
  name: string;
  data?: string | Uint8Array;
  /** tar type flag: '0' file, '1' hard link, '2' symlink, '3' char device, '5' directory, '6' fifo */
  type?: string;
  linkName?: string;
  /** size written in the header (defaults to the data length) */
  declaredSize?: number;
}

function field(h: Buffer, offset: number, length: number, value: string) {
  Buffer.from(value, 'utf8').copy(h, offset, 0, length);
}

export function rawTar(entries: RawTarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data) : Buffer.from(e.data ?? []);
    const h = Buffer.alloc(512);
    field(h, 0, 100, e.name);
    field(h, 100, 7, '0000644');
    field(h, 108, 7, '0000000');
    field(h, 116, 7, '0000000');
    field(h, 124, 11, (e.declaredSize ?? data.length).toString(8).padStart(11, '0'));
    field(h, 136, 11, '00000000000');
    h.fill(32, 148, 156);
    field(h, 156, 1, e.type ?? '0');
    field(h, 157, 100, e.linkName ?? '');
    field(h, 257, 6, 'ustar\0');
    field(h, 263, 2, '00');
    let sum = 0;
    for (const b of h) sum += b;
    field(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
    parts.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export function rawTgz(entries: RawTarEntry[]): Buffer {
  return gzipSync(rawTar(entries));
}

export const CHART_YAML = 'apiVersion: v2\nname: demo\nversion: 0.1.0\n';
