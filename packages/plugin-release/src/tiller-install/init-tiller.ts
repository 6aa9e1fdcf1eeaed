import { readFile } from 'node:fs/promises';

import { UsageError, type Settings } from '@helmts/core';

import { applyTiller, waitForTiller } from './apply-tiller.js';
import { openCluster } from './cluster-access.js';
import {
  canaryTillerImage,
  completeRequest,
  defaultTillerImage,
  type TillerInstallRequest,
} from './install-request.js';
import { formatManifests, tillerManifests, type ApiServerEndpoint, type TillerTlsMaterial } from './manifests.js';
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
 * For a hostNetwork Tiller: the kubeconfig's API server when it listens on loopback (a local
 * cluster), which the pod must dial directly; elsewhere the in-cluster "kubernetes" Service works.
 */
async function loopbackApiServer(settings: Settings): Promise<ApiServerEndpoint | undefined> {
  try {
    const { apiServerAccess } = await import('../tunnel/kubeconfig-access.js');
    const url = new URL(apiServerAccess(settings).server);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host)) return undefined;
    return { host: host === 'localhost' ? '127.0.0.1' : host, port: Number(url.port || 443) };
  } catch {
    return undefined; // no kubeconfig: the manifests are printed for another cluster
  }
}

/**
 * The Tiller half of `helmts init`: print the manifests (`-o`, `--dry-run`), or install, or
 * upgrade. Returns what to print, in Helm 2's words.
 */
export async function initTiller(settings: Settings, partial: Partial<TillerInstallRequest>): Promise<string> {
  const request = completeRequest({ ...partial, namespace: partial.namespace ?? settings.tillerNamespace });
  if (!request.image) request.image = request.canary ? canaryTillerImage() : defaultTillerImage();
  // --tls-gen: fresh CA and certificates in HELMTS_HOME; only the server side goes to the cluster
  const tls = request.tls.gen ? await generateAndStoreTillerTls(settings, request) : await readTillerTls(request);
  const objects = tillerManifests(request, tls, request.netHost ? await loopbackApiServer(settings) : undefined);
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
