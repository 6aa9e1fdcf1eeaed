/**
 * Pushes an OCI artifact (a config blob and layers of any media types, e.g. a Helm chart) under a
 * tag. The manifest is written as Go's encoding/json writes an OCI manifest (field order, sorted
 * annotations, no spaces), so the same artifact pushed by ORAS-based clients gets the same digest.
 */
import { RegistryError } from './errors.js';
import { parseReference } from './image-archive.js';
import { pushManifest, sha256Digest, type PushResult } from './push-manifest.js';
import { RegistryRepository, type RegistryOptions } from './registry-repository.js';

export interface ArtifactBlob {
  mediaType: string;
  data: Buffer;
}

export interface Artifact {
  config: ArtifactBlob;
  layers: readonly ArtifactBlob[];
  /** Manifest annotations (written sorted by key; empty values left out). */
  annotations?: Record<string, string>;
}

/** JSON as Go's encoding/json writes it: <, > and & (and U+2028/9) escaped. */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export const OCI_MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';

/** Pushes `artifact` as `reference` (host[:port]/path:tag). */
export async function pushArtifact(
  reference: string,
  artifact: Artifact,
  options: RegistryOptions = {},
): Promise<PushResult> {
  const { host, path, tag } = parseReference(reference);
  if (artifact.layers.length === 0) throw new RegistryError(`artifact ${reference} has no layers`);
  const describe = (blob: ArtifactBlob) => ({
    mediaType: blob.mediaType,
    digest: sha256Digest(blob.data),
    size: blob.data.length,
  });
  const annotations = Object.fromEntries(
    Object.entries(artifact.annotations ?? {})
      .filter(([, v]) => v !== '')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const manifest = {
    schemaVersion: 2,
    config: describe(artifact.config),
    layers: artifact.layers.map(describe),
    ...(Object.keys(annotations).length ? { annotations } : {}),
  };
  const blobs = [artifact.config, ...artifact.layers].map((blob) => ({
    digest: sha256Digest(blob.data),
    data: blob.data,
  }));
  return pushManifest(
    new RegistryRepository(host, path, options),
    tag,
    { mediaType: OCI_MANIFEST_MEDIA_TYPE, bytes: Buffer.from(goJson(manifest), 'utf8') },
    blobs,
  );
}
