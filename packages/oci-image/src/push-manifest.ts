/**
 * Pushes a manifest and the blobs it names with the OCI distribution API: each blob is checked
 * with HEAD and, when missing, uploaded in one PUT (POST for an upload session, then PUT with its
 * digest); the manifest goes last, under the tag, and the digest the registry stored is checked.
 */
import { createHash } from 'node:crypto';

import { RegistryError } from './errors.js';
import type { RegistryRepository } from './registry-repository.js';

export interface PushResult {
  /** The reference pushed, host/path:tag. */
  reference: string;
  /** The manifest digest the registry stored (Docker-Content-Digest). */
  digest: string;
  /** Blobs (config and layers) uploaded, and those the registry already had. */
  uploaded: number;
  skipped: number;
  /** Bytes uploaded. */
  bytes: number;
}

export function sha256Digest(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export async function pushManifest(
  repository: RegistryRepository,
  tag: string,
  manifest: { mediaType: string; bytes: Buffer },
  blobs: readonly { digest: string; data: Buffer }[],
): Promise<PushResult> {
  let uploaded = 0;
  let skipped = 0;
  let sent = 0;
  for (const blob of blobs) {
    const head = await repository.request('HEAD', `blobs/${blob.digest}`);
    if (head.ok) {
      skipped++;
      continue;
    }
    const start = await repository.request('POST', 'blobs/uploads/');
    if (start.status !== 202) await repository.fail('starting an upload', start);
    await start.body?.cancel();
    const location = new URL(start.headers.get('location') ?? '', `${repository.scheme}://${repository.host}`);
    location.searchParams.set('digest', blob.digest);
    const put = await repository.request('PUT', location.toString(), {
      body: blob.data,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(blob.data.length) },
    });
    if (put.status !== 201) await repository.fail(`uploading ${blob.digest}`, put);
    await put.body?.cancel();
    uploaded++;
    sent += blob.data.length;
  }
  const put = await repository.request('PUT', `manifests/${tag}`, {
    body: manifest.bytes,
    headers: { 'content-type': manifest.mediaType },
  });
  if (put.status !== 201) await repository.fail(`putting the manifest ${tag}`, put);
  await put.body?.cancel();
  const expected = sha256Digest(manifest.bytes);
  const digest = put.headers.get('docker-content-digest') ?? expected;
  if (digest !== expected) throw new RegistryError(`the registry stored the manifest as ${digest}, not ${expected}`);
  return { reference: `${repository.host}/${repository.path}:${tag}`, digest, uploaded, skipped, bytes: sent };
}
