import { readFile } from 'node:fs/promises';

import { UsageError, type Settings } from '@helmts/core';

import { applyTiller, waitForTiller } from './apply-tiller.js';
import { openCluster } from './cluster-access.js';
import { completeRequest, defaultTillerImage, type TillerInstallRequest } from './install-request.js';
import { formatManifests, tillerManifests, type TillerTlsMaterial } from './manifests.js';
import { generateAndStoreTillerTls } from './tls-gen-init.js';

const INSECURE_NOTE =
  "\nPlease note: by default, Tiller is deployed with an insecure 'allow unauthenticated users' policy.\n" +
  'To prevent this, run `helmts init` with the --tiller-tls-verify flag.\n';

async function readTlsFile(path: string | undefined, flag: string): Promise<Buffer> {
  if (!path)
    throw new UsageError(`TLS for Tiller needs ${flag}`, {
      hint: 'pass --tiller-tls-cert, --tiller-tls-key (and --tls-ca-cert with --tiller-tls-verify)',
    });
  try {
    return await readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read ${flag} ${path}: ${(error as Error).message}`);
  }
}

/** The certificate, key and (when verifying clients) CA that go into Secret `tiller-secret`. */
async function readTillerTls(request: TillerInstallRequest): Promise<TillerTlsMaterial | undefined> {
  if (!request.tls.enable && !request.tls.verify) return undefined;
  return {
    cert: await readTlsFile(request.tls.cert, '--tiller-tls-cert'),
    key: await readTlsFile(request.tls.key, '--tiller-tls-key'),
    ca: request.tls.verify ? await readTlsFile(request.tls.caCert, '--tls-ca-cert') : undefined,
  };
}

/**
 * The Tiller half of `helmts init`: print the manifests (`-o`, `--dry-run`), or install, or
 * upgrade. Returns what to print, in Helm 2's words.
 */
export async function initTiller(settings: Settings, partial: Partial<TillerInstallRequest>): Promise<string> {
  const request = completeRequest({ ...partial, namespace: partial.namespace ?? settings.tillerNamespace });
  if (!request.image) request.image = defaultTillerImage();
  // --tls-gen: fresh CA and certificates in HELMTS_HOME; only the server side goes to the cluster
  const tls = request.tls.gen ? await generateAndStoreTillerTls(settings, request) : await readTillerTls(request);
  const objects = tillerManifests(request, tls);
  if (request.dryRun || request.output) return formatManifests(objects, request.output ?? 'yaml');

  const cluster = await openCluster(settings);
  const outcome = await applyTiller(cluster, request, objects);
  if (outcome === 'already-installed') {
    return (
      'Warning: Tiller is already installed in the cluster.\n' +
      '(Use --client-only to suppress this message, or --upgrade to upgrade Tiller to the current version.)\n'
    );
  }
  if (request.wait) await waitForTiller(cluster, request.namespace, settings.tillerConnectionTimeout);
  if (outcome === 'upgraded') return `Tiller (the Helm server-side component) has been updated to ${request.image} .\n`;
  return (
    'Tiller (the Helm server-side component) has been installed into your Kubernetes Cluster.\n' +
    (request.tls.verify ? '' : INSECURE_NOTE)
  );
}
