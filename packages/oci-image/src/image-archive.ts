/**
 * An OCI image-layout archive (`oci-layout`, `index.json`, `blobs/sha256/…` in one tar) that
 * `ctr images import` and other OCI tools accept. Everything in it is derived from the inputs
 * (no clock, no host user, no random), so the same inputs give the same bytes and digests.
 */
import { createHash } from 'node:crypto';
import { writeFile, rename } from 'node:fs/promises';
import { gzipDeterministic, writeTar, type TarWriteEntry } from '@helmts/archive';
import { InvalidImageError } from './errors.js';
import { writeLayer, type LayerEntry } from './layer.js';

/** The runtime part of the image config (what `docker inspect` shows under `Config`). */
export interface ImageConfig {
  /** `NAME=value` entries. */
  env?: string[];
  entrypoint?: string[];
  cmd?: string[];
  /** `uid`, `uid:gid` or a name from the image's /etc/passwd. */
  user?: string;
  workingDir?: string;
  labels?: Record<string, string>;
  /** e.g. `8080/tcp`. */
  exposedPorts?: string[];
}

export interface ImageArchiveOptions {
  /** Full reference with a tag, e.g. `localhost/helmts/busybox:1.35` (written as `io.containerd.image.name`). */
  name: string;
  /** Layers, lowest first; each a list of entries. */
  layers: readonly (readonly LayerEntry[])[];
  config?: ImageConfig;
  /** gzip the layers (default false: uncompressed layers import faster and cost nothing locally). */
  gzip?: boolean;
  /** OCI architecture; default the one Node runs on (`amd64` for x64). */
  architecture?: string;
  /** Default `linux`. */
  os?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}

export interface ImageArchive {
  /** The OCI image-layout tar. */
  archive: Buffer;
  name: string;
  manifest: Descriptor;
  config: Descriptor;
  layers: (Descriptor & { diffId: string })[];
}

export const MEDIA_TYPES = {
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar',
  layerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  index: 'application/vnd.oci.image.index.v1+json',
} as const;

const OCI_ARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
};

// A reference the way containerd stores it: host[:port]/path:tag (lowercase path, no digest here).
const REFERENCE =
  /^(?<host>[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?)\/(?<path>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*):(?<tag>[\w][\w.-]{0,127})$/;

/** The parts of a full reference (`127.0.0.1:5000/helmts/tiller:v1` → host, path, tag), or an InvalidImageError. */
export function parseReference(name: string): { host: string; path: string; tag: string } {
  const m = REFERENCE.exec(name);
  if (!m?.groups) {
    throw new InvalidImageError(
      `invalid image name ${JSON.stringify(name)}: give a full reference with a registry host and a tag, e.g. localhost/helmts/busybox:1.35`,
    );
  }
  return { host: m.groups.host, path: m.groups.path, tag: m.groups.tag };
}

/** The tag of a full reference (`localhost/helmts/pause:1.0` → `1.0`), or an InvalidImageError. */
export function referenceTag(name: string): string {
  return parseReference(name).tag;
}

function sha256(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** Builds the archive in memory. */
export function buildImageArchive(opts: ImageArchiveOptions): ImageArchive {
  const tag = referenceTag(opts.name);
  if (opts.layers.length === 0) throw new InvalidImageError(`image ${opts.name} has no layers`);
  const architecture = opts.architecture ?? OCI_ARCH[process.arch] ?? process.arch;
  const os = opts.os ?? 'linux';
  const blobs = new Map<string, Buffer>();
  const addBlob = (data: Buffer): string => {
    const digest = sha256(data);
    blobs.set(digest, data);
    return digest;
  };

  const layers = opts.layers.map((entries) => {
    const tar = writeLayer(entries);
    const diffId = sha256(tar);
    const blob = opts.gzip ? gzipDeterministic(tar) : tar;
    const mediaType = opts.gzip ? MEDIA_TYPES.layerGzip : MEDIA_TYPES.layer;
    return { mediaType, digest: addBlob(blob), size: blob.length, diffId };
  });

  const c = opts.config ?? {};
  const runtime: Record<string, unknown> = {};
  if (c.user !== undefined) runtime.User = c.user;
  if (c.exposedPorts?.length) runtime.ExposedPorts = Object.fromEntries([...c.exposedPorts].sort().map((p) => [p, {}]));
  if (c.env !== undefined) runtime.Env = [...c.env];
  if (c.entrypoint !== undefined) runtime.Entrypoint = [...c.entrypoint];
  if (c.cmd !== undefined) runtime.Cmd = [...c.cmd];
  if (c.workingDir !== undefined) runtime.WorkingDir = c.workingDir;
  if (c.labels !== undefined)
    runtime.Labels = Object.fromEntries(Object.entries(c.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const configBlob = json({
    created: '1970-01-01T00:00:00Z',
    architecture,
    os,
    config: runtime,
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
  });
  const config = { mediaType: MEDIA_TYPES.config, digest: addBlob(configBlob), size: configBlob.length };

  const manifestBlob = json({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.manifest,
    config,
    layers: layers.map(({ mediaType, digest, size }) => ({ mediaType, digest, size })),
  });
  const manifest = { mediaType: MEDIA_TYPES.manifest, digest: addBlob(manifestBlob), size: manifestBlob.length };

  const index = json({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.index,
    manifests: [
      {
        ...manifest,
        annotations: { 'io.containerd.image.name': opts.name, 'org.opencontainers.image.ref.name': tag },
        platform: { architecture, os },
      },
    ],
  });

  const entries: TarWriteEntry[] = [
    { name: 'blobs/', type: 'directory' },
    { name: 'blobs/sha256/', type: 'directory' },
    ...[...blobs.keys()]
      .sort()
      .map((d) => ({ name: `blobs/sha256/${d.slice('sha256:'.length)}`, data: blobs.get(d)! })),
    { name: 'index.json', data: index },
    { name: 'oci-layout', data: json({ imageLayoutVersion: '1.0.0' }) },
  ];
  return { archive: writeTar(entries, { mtime: 0, mode: 0o644 }), name: opts.name, manifest, config, layers };
}

/** Builds the archive and writes it to `file` (through a temporary file, so a reader never sees half of it). */
export async function writeImageArchive(file: string, opts: ImageArchiveOptions): Promise<ImageArchive> {
  const image = buildImageArchive(opts);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, image.archive);
  await rename(tmp, file);
  return image;
}
