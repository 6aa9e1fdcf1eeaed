import { lstat, mkdir, readdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, posix, relative, sep } from 'node:path';
import { UnsafeArchiveError } from './errors.js';
import { readArchive, type ReadArchiveOptions } from './read-archive.js';

export interface ExtractOptions extends ReadArchiveOptions {
  /** What the archive is, for messages ("plugin archives may not contain ..."); default "archives". */
  kind?: string;
}

/**
 * An entry name as a relative `/`-separated path, or undefined for the archive root (`./`).
 * Absolute and drive paths, backslashes and any `..` segment are refused: an archive that
 * needs them is not one we extract.
 */
export function safeEntryPath(name: string): string | undefined {
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\')) {
    throw new UnsafeArchiveError(`the archive has an absolute path: ${name}`);
  }
  const parts = name.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) throw new UnsafeArchiveError(`the archive has a path leaving its directory: ${name}`);
  return parts.length === 0 ? undefined : parts.join('/');
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Refuses to write through a symbolic link an earlier entry created. */
async function assertNoLinkedParent(root: string, path: string): Promise<void> {
  let current = root;
  for (const part of path.split('/').slice(0, -1)) {
    current = join(current, part);
    try {
      if ((await lstat(current)).isSymbolicLink())
        throw new UnsafeArchiveError(`the archive writes through a symbolic link: ${path}`);
    } catch (error) {
      if (error instanceof UnsafeArchiveError) throw error;
      return;
    }
  }
}

async function listSymlinks(dir: string): Promise<string[]> {
  const links: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) links.push(path);
    else if (entry.isDirectory()) links.push(...(await listSymlinks(path)));
  }
  return links;
}

/**
 * Extracts a tar archive (gzip-compressed or not) into `target` and refuses anything that could
 * reach outside it: absolute paths, "..", hard links, devices, symbolic links whose target is
 * absolute or resolves outside, and files written through a link. Existing files are never
 * overwritten. Permission bits are kept (without setuid/setgid/sticky), so scripts stay executable.
 */
export async function extractArchive(archive: Uint8Array, target: string, opts: ExtractOptions = {}): Promise<void> {
  const kind = opts.kind ?? 'archives';
  const entries = readArchive(archive, opts);
  for (const entry of entries) {
    if (entry.type !== 'file' && entry.type !== 'directory' && entry.type !== 'symlink') {
      const what = entry.type === 'hardlink' ? 'a hard link' : `an entry of type "${entry.type}"`;
      throw new UnsafeArchiveError(`the archive holds ${what} (${entry.name}), which ${kind} may not contain`);
    }
  }
  await mkdir(target, { recursive: true });
  const root = await realpath(target);
  for (const entry of entries) {
    const path = safeEntryPath(entry.name);
    if (!path) continue;
    const destination = join(root, ...path.split('/'));
    await assertNoLinkedParent(root, path);
    if (entry.type === 'directory') {
      await mkdir(destination, { recursive: true, mode: (entry.mode & 0o777) | 0o700 });
      continue;
    }
    await mkdir(dirname(destination), { recursive: true });
    if (entry.type === 'symlink') {
      const linkTarget = entry.linkName;
      if (posix.isAbsolute(linkTarget) || linkTarget.includes('\\')) {
        throw new UnsafeArchiveError(
          `the archive has a symbolic link to an absolute path: ${entry.name} -> ${linkTarget}`,
        );
      }
      if (!isInside(root, join(dirname(destination), linkTarget))) {
        throw new UnsafeArchiveError(
          `the archive has a symbolic link leaving its directory: ${entry.name} -> ${linkTarget}`,
        );
      }
      await symlink(linkTarget, destination);
      continue;
    }
    await writeFile(destination, entry.data, { mode: entry.mode & 0o777 ? entry.mode & 0o777 : 0o644, flag: 'wx' });
  }
  // Links were checked one by one; chains of links are checked as the file system resolves them.
  for (const link of await listSymlinks(root)) {
    let resolved: string;
    try {
      resolved = await realpath(link);
    } catch {
      throw new UnsafeArchiveError(`the archive has a dangling symbolic link: ${relative(root, link)}`);
    }
    if (!isInside(root, resolved))
      throw new UnsafeArchiveError(`the archive has a symbolic link leaving its directory: ${relative(root, link)}`);
  }
}
