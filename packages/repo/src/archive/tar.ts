import {gunzipSync, gzipSync} from 'node:zlib'

/**
 * Just enough tar for chart archives: read regular files out of a .tgz (ustar, PAX and GNU long
 * names) and write a deterministic one. @helmts/chart owns the full chart archive format; this is
 * what repository indexing, `fetch --untar` and dependency packing need.
 */
export interface TarEntry {
  path: string
  data: Buffer
  mode: number
}

export class ArchiveFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ArchiveFormatError'
  }
}

/** Refuses to inflate an archive past this, so a zip bomb cannot eat the memory. */
const MAX_INFLATED_BYTES = 512 * 1024 * 1024

function readString(block: Buffer, start: number, length: number): string {
  const end = block.indexOf(0, start)
  return block.toString('utf8', start, end === -1 || end > start + length ? start + length : end)
}

function readOctal(block: Buffer, start: number, length: number): number {
  const text = readString(block, start, length).trim()
  return text ? Number.parseInt(text, 8) : 0
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {}
  let offset = 0
  while (offset < data.length) {
    const space = data.indexOf(32, offset)
    if (space === -1) break
    const length = Number(data.toString('utf8', offset, space))
    if (!length) break
    const record = data.toString('utf8', space + 1, offset + length - 1)
    const eq = record.indexOf('=')
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1)
    offset += length
  }
  return out
}

export function readTarGz(archive: Buffer): TarEntry[] {
  if (archive.length < 2 || archive[0] !== 0x1f || archive[1] !== 0x8b) throw new ArchiveFormatError('does not appear to be a gzipped archive')
  let tar: Buffer
  try {
    tar = gunzipSync(archive, {maxOutputLength: MAX_INFLATED_BYTES})
  } catch (error) {
    throw new ArchiveFormatError(`cannot decompress: ${(error as Error).message}`)
  }
  const entries: TarEntry[] = []
  let offset = 0
  let longName: string | undefined
  let pax: Record<string, string> = {}
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512)
    if (header.every((b) => b === 0)) break
    const size = readOctal(header, 124, 12)
    const type = String.fromCharCode(header[156] || 48)
    const dataStart = offset + 512
    const data = tar.subarray(dataStart, dataStart + size)
    if (data.length < size) throw new ArchiveFormatError('truncated tar entry')
    offset = dataStart + Math.ceil(size / 512) * 512
    if (type === 'x') {
      pax = parsePax(data)
      continue
    }
    if (type === 'g') continue
    if (type === 'L') {
      longName = readString(data, 0, data.length)
      continue
    }
    const prefix = header.toString('utf8', 257, 263).startsWith('ustar') ? readString(header, 345, 155) : ''
    const name = readString(header, 0, 100)
    const path = pax.path ?? longName ?? (prefix ? `${prefix}/${name}` : name)
    longName = undefined
    pax = {}
    if (type !== '0' && type !== '7') continue
    entries.push({path, data: Buffer.from(data), mode: readOctal(header, 100, 8) || 0o644})
  }
  return entries
}

function header(path: string, size: number, mode: number): Buffer {
  const block = Buffer.alloc(512)
  let name = path
  let prefix = ''
  if (Buffer.byteLength(name) > 100) {
    const cut = path.lastIndexOf('/', 154)
    if (cut <= 0 || Buffer.byteLength(path.slice(cut + 1)) > 100) throw new ArchiveFormatError(`path too long for tar: ${path}`)
    prefix = path.slice(0, cut)
    name = path.slice(cut + 1)
  }
  block.write(name, 0, 100, 'utf8')
  block.write(mode.toString(8).padStart(7, '0'), 100)
  block.write('0000000', 108)
  block.write('0000000', 116)
  block.write(size.toString(8).padStart(11, '0'), 124)
  block.write('00000000000', 136) // mtime 0: the same files give the same archive
  block.fill(32, 148, 156)
  block.write('0', 156)
  block.write('ustar\u000000', 257, 'binary')
  block.write(prefix, 345, 155, 'utf8')
  let sum = 0
  for (const b of block) sum += b
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'binary')
  return block
}

/** A gzipped tar of `entries` in the given order, byte-for-byte the same for the same input. */
export function writeTarGz(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = []
  for (const entry of entries) {
    parts.push(header(entry.path, entry.data.length, entry.mode))
    parts.push(entry.data)
    const pad = (512 - (entry.data.length % 512)) % 512
    if (pad) parts.push(Buffer.alloc(pad))
  }
  parts.push(Buffer.alloc(1024))
  return gzipSync(Buffer.concat(parts), {level: 9})
}
