import {gzipSync} from 'node:zlib'

/** One entry of a test archive. Tests build hostile archives that no tar tool would write. */
export interface TestTarEntry {
  path: string
  type?: 'file' | 'directory' | 'symlink' | 'hardlink'
  content?: string
  mode?: number
  linkTarget?: string
}

function header(entry: TestTarEntry, size: number): Buffer {
  const block = Buffer.alloc(512)
  const typeflag = {file: '0', directory: '5', symlink: '2', hardlink: '1'}[entry.type ?? 'file']
  const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, '0') + '\0'
  block.write(entry.path, 0, 100, 'utf8')
  block.write(octal(entry.mode ?? (entry.type === 'directory' ? 0o755 : 0o644), 8), 100, 'latin1')
  block.write(octal(0, 8), 108, 'latin1')
  block.write(octal(0, 8), 116, 'latin1')
  block.write(octal(size, 12), 124, 'latin1')
  block.write(octal(0, 12), 136, 'latin1')
  block.write('        ', 148, 'latin1')
  block.write(typeflag, 156, 'latin1')
  block.write(entry.linkTarget ?? '', 157, 100, 'utf8')
  block.write('ustar\0', 257, 'latin1')
  block.write('00', 263, 'latin1')
  let sum = 0
  for (const byte of block) sum += byte
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1')
  return block
}

/** A gzip-compressed ustar archive of `entries`, in order. */
export function makeTarGz(entries: TestTarEntry[]): Buffer {
  const parts: Buffer[] = []
  for (const entry of entries) {
    const data = Buffer.from(entry.type === undefined || entry.type === 'file' ? (entry.content ?? '') : '', 'utf8')
    parts.push(header(entry, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512))
  }
  parts.push(Buffer.alloc(1024))
  return gzipSync(Buffer.concat(parts))
}
