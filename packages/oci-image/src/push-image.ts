/**
 * Pushes an OCI image-layout archive to a registry with the OCI distribution API: each blob is
 * checked with HEAD and, when missing, uploaded in one PUT (POST for an upload session, then PUT
 * with its digest); the manifest goes last, under the tag. No library of the npm registry pushes
 * images (the maintained ones only pull), hence this small client.
 */
import { readFile } from 'node:fs/promises';
import { readTarEntries } from '@helmts/archive';

import { RegistryError } from './errors.js';
import { parseReference, type Descriptor } from './image-archive.js';

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

export interface PushOptions {
  /** Plain HTTP instead of HTTPS; default only for loopback hosts (127.0.0.1, localhost, [::1]). */
  plainHttp?: boolean;
}

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

const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;

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
  const scheme = (options.plainHttp ?? LOOPBACK_HOST.test(host)) ? 'http' : 'https';
  const base = `${scheme}://${host}/v2/${path}`;
  const manifestBlob = blobs.get(entry.digest);
  if (!manifestBlob) throw new RegistryError(`the archive lacks its manifest blob ${entry.digest}`);
  const manifest = JSON.parse(manifestBlob.toString('utf8')) as { config: Descriptor; layers: Descriptor[] };

  const call = async (method: string, url: string, init: { body?: Buffer; headers?: Record<string, string> } = {}) => {
    let res: Response;
    try {
      res = await fetch(url, { method, headers: init.headers, body: init.body, redirect: 'follow' });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new RegistryError(
        `cannot reach the registry ${host}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      );
    }
    return res;
  };
  const fail = async (what: string, res: Response): Promise<never> => {
    const text = (await res.text().catch(() => '')).trim();
    let detail = text;
    try {
      const errors = (JSON.parse(text) as { errors?: { code?: string; message?: string }[] }).errors ?? [];
      if (errors.length) detail = errors.map((e) => `${e.code}: ${e.message}`).join('; ');
    } catch {
      // not the registry's JSON error
    }
    const auth = res.status === 401 ? ' (the registry wants credentials; this client pushes anonymously)' : '';
    throw new RegistryError(`${what} at ${host}/${path}: HTTP ${res.status}${detail ? ` ${detail}` : ''}${auth}`);
  };

  let uploaded = 0;
  let skipped = 0;
  let sent = 0;
  for (const blob of [manifest.config, ...manifest.layers]) {
    const data = blobs.get(blob.digest);
    if (!data) throw new RegistryError(`the archive lacks blob ${blob.digest}`);
    const head = await call('HEAD', `${base}/blobs/${blob.digest}`);
    if (head.ok) {
      skipped++;
      continue;
    }
    const start = await call('POST', `${base}/blobs/uploads/`);
    if (start.status !== 202) await fail('starting an upload', start);
    await start.body?.cancel();
    const location = new URL(start.headers.get('location') ?? '', `${scheme}://${host}`);
    location.searchParams.set('digest', blob.digest);
    const put = await call('PUT', location.toString(), {
      body: data,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(data.length) },
    });
    if (put.status !== 201) await fail(`uploading ${blob.digest}`, put);
    await put.body?.cancel();
    uploaded++;
    sent += data.length;
  }
  const put = await call('PUT', `${base}/manifests/${tag}`, {
    body: manifestBlob,
    headers: { 'content-type': entry.mediaType },
  });
  if (put.status !== 201) await fail(`putting the manifest ${tag}`, put);
  await put.body?.cancel();
  const digest = put.headers.get('docker-content-digest') ?? entry.digest;
  if (digest !== entry.digest)
    throw new RegistryError(`the registry stored the manifest as ${digest}, not ${entry.digest}`);
  return { reference: `${host}/${path}:${tag}`, digest, uploaded, skipped, bytes: sent };
}
