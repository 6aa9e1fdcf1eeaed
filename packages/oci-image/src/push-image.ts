/**
 * Pushes an OCI image-layout archive to a registry (its one manifest, config and layers; see
 * push-manifest.ts). No library of the npm registry pushes images (the maintained ones only
 * pull), hence this small client.
 */
import { readFile } from 'node:fs/promises';
import { readTarEntries } from '@helmts/archive';

import { RegistryError } from './errors.js';
import { parseReference, type Descriptor } from './image-archive.js';
import { pushManifest, type PushResult } from './push-manifest.js';
import { RegistryRepository, type RegistryOptions } from './registry-repository.js';

export type PushOptions = RegistryOptions;

interface LayoutIndex {
  manifests?: (Descriptor & { annotations?: Record<string, string> })[];
}

/** The blobs of an OCI image layout tar, by digest, and its index. */
function readLayout(archive: Buffer): { blobs: Map<string, Buffer>; index: LayoutIndex } {
  const blobs = new Map<string, Buffer>();
  let index: LayoutIndex | undefined;
  for (const entry of readTarEntries(archive)) {
    if (entry.type !== 'file') continue;
    const data = archive.subarray(entry.dataOffset, entry.dataOffset + entry.size);
    const name = entry.name.replace(/^\.\//, '');
    if (name === 'index.json') index = JSON.parse(data.toString('utf8')) as LayoutIndex;
    else if (name.startsWith('blobs/sha256/')) blobs.set(`sha256:${name.slice('blobs/sha256/'.length)}`, data);
  }
  if (!index) throw new RegistryError('the archive has no index.json: not an OCI image layout');
  return { blobs, index };
}

/**
 * Pushes `archive` (a file or the bytes of an OCI image layout with one manifest) as `reference`
 * (host[:port]/path:tag; default the name recorded in the archive).
 */
export async function pushImageArchive(
  archive: string | Buffer,
  reference?: string,
  options: PushOptions = {},
): Promise<PushResult> {
  const bytes = typeof archive === 'string' ? await readFile(archive) : archive;
  const { blobs, index } = readLayout(bytes);
  const entry = index.manifests?.[0];
  if (!entry || (index.manifests?.length ?? 0) !== 1)
    throw new RegistryError('the archive must hold exactly one manifest');
  const name = reference ?? entry.annotations?.['io.containerd.image.name'];
  if (!name) throw new RegistryError('no reference given and none recorded in the archive (io.containerd.image.name)');
  const { host, path, tag } = parseReference(name);
  const manifestBlob = blobs.get(entry.digest);
  if (!manifestBlob) throw new RegistryError(`the archive lacks its manifest blob ${entry.digest}`);
  const manifest = JSON.parse(manifestBlob.toString('utf8')) as { config: Descriptor; layers: Descriptor[] };
  const parts = [manifest.config, ...manifest.layers].map((blob) => {
    const data = blobs.get(blob.digest);
    if (!data) throw new RegistryError(`the archive lacks blob ${blob.digest}`);
    return { digest: blob.digest, data };
  });
  return pushManifest(
    new RegistryRepository(host, path, options),
    tag,
    { mediaType: entry.mediaType, bytes: manifestBlob },
    parts,
  );
}
