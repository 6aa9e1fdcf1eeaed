/**
 * Pulls an OCI artifact by tag: its manifest (asked for as an OCI image manifest), then the config
 * and every layer, each checked against the digest the manifest names, so what is returned is what
 * was pushed.
 */
import { RegistryError } from './errors.js';
import { parseReference, type Descriptor } from './image-archive.js';
import { sha256Digest } from './push-manifest.js';
import { OCI_MANIFEST_MEDIA_TYPE } from './push-artifact.js';
import { RegistryRepository, type RegistryOptions } from './registry-repository.js';

export interface PulledBlob extends Descriptor {
  data: Buffer;
  annotations?: Record<string, string>;
}

export interface PulledArtifact {
  /** host/path:tag */
  reference: string;
  /** The manifest's digest. */
  digest: string;
  annotations: Record<string, string>;
  config: PulledBlob;
  layers: PulledBlob[];
}

interface Manifest {
  config?: Descriptor;
  layers?: (Descriptor & { annotations?: Record<string, string> })[];
  annotations?: Record<string, string>;
}

export async function pullArtifact(reference: string, options: RegistryOptions = {}): Promise<PulledArtifact> {
  const { host, path, tag } = parseReference(reference);
  const repository = new RegistryRepository(host, path, options);
  const res = await repository.request('GET', `manifests/${tag}`, {
    headers: { accept: OCI_MANIFEST_MEDIA_TYPE },
  });
  if (res.status === 404) {
    await res.body?.cancel();
    throw new RegistryError(`${host}/${path}:${tag}: not found`);
  }
  if (!res.ok) await repository.fail(`getting the manifest ${tag}`, res);
  const bytes = Buffer.from(await res.arrayBuffer());
  const digest = sha256Digest(bytes);
  const stated = res.headers.get('docker-content-digest');
  if (stated && stated !== digest)
    throw new RegistryError(`the manifest of ${host}/${path}:${tag} is ${digest}, not ${stated} as the registry says`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
  } catch {
    throw new RegistryError(`the manifest of ${host}/${path}:${tag} is not JSON`);
  }
  if (!manifest.config || !Array.isArray(manifest.layers))
    throw new RegistryError(`${host}/${path}:${tag} is not an OCI image manifest (no config or layers)`);
  const blob = async (descriptor: Descriptor & { annotations?: Record<string, string> }): Promise<PulledBlob> => {
    const got = await repository.request('GET', `blobs/${descriptor.digest}`);
    if (!got.ok) await repository.fail(`getting blob ${descriptor.digest}`, got);
    const data = Buffer.from(await got.arrayBuffer());
    if (sha256Digest(data) !== descriptor.digest || data.length !== descriptor.size)
      throw new RegistryError(`blob ${descriptor.digest} of ${host}/${path}:${tag} does not match its digest or size`);
    return { ...descriptor, data };
  };
  return {
    reference: `${host}/${path}:${tag}`,
    digest,
    annotations: manifest.annotations ?? {},
    config: await blob(manifest.config),
    layers: await Promise.all(manifest.layers.map(blob)),
  };
}
