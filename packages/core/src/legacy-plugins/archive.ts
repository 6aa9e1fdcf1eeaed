import {lstat, mkdir, readdir, realpath, symlink, writeFile} from 'node:fs/promises'
import {dirname, isAbsolute, join, posix, relative, sep} from 'node:path'
import {gunzipSync} from 'node:zlib'

import {HelmtsError} from '../sdk/errors.js'

/** An archive that would write outside its target directory, or holds entries we do not extract. */
export class UnsafeArchiveError extends HelmtsError {}

interface TarEntry {
  path: string
  type: 'file' | 'directory' | 'symlink'
  mode: number
  linkTarget: string
  data: Buffer
}

const BLOCK = 512

function readString(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length)
  const end = field.indexOf(0)
  return field.subarray(0, end === -1 ? length : end).toString('utf8')
}

function readNumber(block: Buffer, offset: number, length: number): number {
  const field = block.subarray(offset, offset + length)
  // GNU base-256 for values that do not fit in octal.
  if (field[0] & 0x80) {
    let value = field[0] & 0x7f
    for (let i = 1; i < length; i++) value = value * 256 + field[i]
    return value
  }
  const text = readString(block, offset, length).trim()
  return text ? Number.parseInt(text, 8) : 0
}

/** `key=value` records of a pax extended header ("<len> key=value\n" each). */
function readPax(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {}
  let offset = 0
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset)
    if (space === -1) break
    const length = Number.parseInt(data.subarray(offset, space).toString('utf8'), 10)
    if (!Number.isFinite(length) || length <= 0) break
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8')
    const equals = record.indexOf('=')
    if (equals > 0) records[record.slice(0, equals)] = record.slice(equals + 1)
    offset += length
  }
  return records
}

/** Reads a tar (ustar, GNU long names, pax paths), gzip-compressed or not. */
export function readTar(archive: Buffer): TarEntry[] {
  const tar = archive[0] === 0x1f && archive[1] === 0x8b ? gunzipSync(archive) : archive
  const entries: TarEntry[] = []
  let longName: string | undefined
  let longLink: string | undefined
  let offset = 0
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK)
    if (header.every((byte) => byte === 0)) break
    const size = readNumber(header, 124, 12)
    const typeflag = String.fromCharCode(header[156] || 0x30)
    const data = tar.subarray(offset + BLOCK, offset + BLOCK + size)
    if (data.length < size) throw new UnsafeArchiveError('the archive is truncated')
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK

    if (typeflag === 'L') { longName = readString(data, 0, data.length); continue }
    if (typeflag === 'K') { longLink = readString(data, 0, data.length); continue }
    if (typeflag === 'x') {
      const pax = readPax(data)
      if (pax.path) longName = pax.path
      if (pax.linkpath) longLink = pax.linkpath
      continue
    }
    if (typeflag === 'g') continue

    const prefix = header.subarray(257, 262).toString('latin1') === 'ustar' ? readString(header, 345, 155) : ''
    const name = longName ?? (prefix ? `${prefix}/${readString(header, 0, 100)}` : readString(header, 0, 100))
    const linkTarget = longLink ?? readString(header, 157, 100)
    longName = undefined
    longLink = undefined
    const mode = readNumber(header, 100, 8)
    const type = typeflag === '0' || typeflag === '7' ? 'file' : typeflag === '5' ? 'directory' : typeflag === '2' ? 'symlink' : undefined
    if (!type) {
      const kind = typeflag === '1' ? 'a hard link' : `an entry of type "${typeflag}"`
      throw new UnsafeArchiveError(`the archive holds ${kind} (${name}), which plugin archives may not contain`)
    }
    entries.push({path: name, type, mode, linkTarget, data: Buffer.from(data)})
  }
  return entries
}

/** The entry's path inside the target, or an error when it is absolute or climbs out with "..". */
function safeRelativePath(name: string): string | undefined {
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\')) {
    throw new UnsafeArchiveError(`the archive has an absolute path: ${name}`)
  }
  const parts = name.split('/').filter((part) => part !== '' && part !== '.')
  if (parts.includes('..')) throw new UnsafeArchiveError(`the archive has a path leaving its directory: ${name}`)
  return parts.length === 0 ? undefined : parts.join('/')
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/** Refuses to write through a symbolic link an earlier entry created. */
async function assertNoLinkedParent(root: string, path: string): Promise<void> {
  const parts = path.split('/').slice(0, -1)
  let current = root
  for (const part of parts) {
    current = join(current, part)
    try {
      if ((await lstat(current)).isSymbolicLink()) throw new UnsafeArchiveError(`the archive writes through a symbolic link: ${path}`)
    } catch (error) {
      if (error instanceof UnsafeArchiveError) throw error
      return
    }
  }
}

async function listSymlinks(dir: string): Promise<string[]> {
  const links: string[] = []
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name)
    if (entry.isSymbolicLink()) links.push(path)
    else if (entry.isDirectory()) links.push(...(await listSymlinks(path)))
  }
  return links
}

/**
 * Extracts a plugin archive into `target` (which must not exist yet) and refuses anything that
 * could reach outside it: absolute paths, "..", hard links, devices, symbolic links whose target is
 * absolute or resolves outside, and files written through a link. Permission bits are kept
 * (without setuid/setgid/sticky), so scripts stay executable.
 */
export async function extractArchive(archive: Buffer, target: string): Promise<void> {
  const entries = readTar(archive)
  await mkdir(target, {recursive: true})
  const root = await realpath(target)
  for (const entry of entries) {
    const path = safeRelativePath(entry.path)
    if (!path) continue
    const destination = join(root, ...path.split('/'))
    await assertNoLinkedParent(root, path)
    if (entry.type === 'directory') {
      await mkdir(destination, {recursive: true, mode: (entry.mode & 0o777) | 0o700})
      continue
    }
    await mkdir(dirname(destination), {recursive: true})
    if (entry.type === 'symlink') {
      const linkTarget = entry.linkTarget
      if (posix.isAbsolute(linkTarget) || linkTarget.includes('\\')) {
        throw new UnsafeArchiveError(`the archive has a symbolic link to an absolute path: ${entry.path} -> ${linkTarget}`)
      }
      if (!isInside(root, join(dirname(destination), linkTarget))) {
        throw new UnsafeArchiveError(`the archive has a symbolic link leaving its directory: ${entry.path} -> ${linkTarget}`)
      }
      await symlink(linkTarget, destination)
      continue
    }
    await writeFile(destination, entry.data, {mode: entry.mode & 0o777 ? entry.mode & 0o777 : 0o644, flag: 'wx'})
  }
  // Links were checked one by one; chains of links are checked as the file system resolves them.
  for (const link of await listSymlinks(root)) {
    let resolved: string
    try {
      resolved = await realpath(link)
    } catch {
      throw new UnsafeArchiveError(`the archive has a dangling symbolic link: ${relative(root, link)}`)
    }
    if (!isInside(root, resolved)) throw new UnsafeArchiveError(`the archive has a symbolic link leaving its directory: ${relative(root, link)}`)
  }
}
