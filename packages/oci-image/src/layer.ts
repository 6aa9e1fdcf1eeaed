/**
 * One image layer as a deterministic tar: entries sorted by path, missing parent directories
 * added, every owner root (uid/gid 0) and every mtime 0, so the same entries always give the same
 * bytes and therefore the same digest.
 */
import { writeTar, type TarWriteEntry } from '@helmts/archive';
import { InvalidImageError } from './errors.js';

/** A file, directory or symbolic link at `path` inside the image (absolute or relative to `/`). */
export type LayerEntry =
  | { type: 'file'; path: string; data: Uint8Array; mode?: number }
  | { type: 'directory'; path: string; mode?: number }
  | { type: 'symlink'; path: string; target: string };

/** `/bin/sh`, `./bin/sh` and `bin/sh` all name `bin/sh`; `..`, empty names and NUL are refused. */
export function layerPath(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..') || path.includes('\0')) {
    throw new InvalidImageError(
      `invalid path in image layer: ${JSON.stringify(path)} (use a path below /, without ..)`,
    );
  }
  return parts.join('/');
}

/** The layer's tar entries: sorted by path, parents created (0755), each path given at most once. */
export function layerTarEntries(entries: readonly LayerEntry[]): TarWriteEntry[] {
  const byPath = new Map<string, LayerEntry>();
  for (const e of entries) {
    const path = layerPath(e.path);
    if (byPath.has(path)) throw new InvalidImageError(`${path} is given twice in one image layer`);
    byPath.set(path, { ...e, path });
  }
  for (const path of [...byPath.keys()]) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      const existing = byPath.get(parent);
      if (existing === undefined) byPath.set(parent, { type: 'directory', path: parent });
      else if (existing.type !== 'directory') {
        throw new InvalidImageError(`${parent} is a ${existing.type} in the image layer but ${path} is below it`);
      }
    }
  }
  // Code-unit order of the path: the same set of entries always gives the same order.
  const sorted = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return sorted.map((e): TarWriteEntry => {
    switch (e.type) {
      case 'directory':
        return { name: `${e.path}/`, type: 'directory', mode: e.mode ?? 0o755 };
      case 'symlink':
        return { name: e.path, type: 'symlink', linkName: e.target, mode: 0o777 };
      case 'file':
        return { name: e.path, type: 'file', data: e.data, mode: e.mode ?? 0o644 };
    }
  });
}

/** The uncompressed layer tar. */
export function writeLayer(entries: readonly LayerEntry[]): Buffer {
  return writeTar(layerTarEntries(entries), { mtime: 0 });
}
