import { existsSync, readFileSync } from 'node:fs';

import { UsageError, type Settings } from '@helmts/core';

import type { TillerInstallRequest } from './install-request.js';
import type { TillerTlsMaterial } from './manifests.js';
import {
  generateTillerTls,
  identityFromKubeconfigUser,
  serverMaterial,
  tlsGenPaths,
  writeTillerTls,
} from './tls-gen.js';

/**
 * `init --tls-gen`: makes the CA, Tiller's certificate and your client certificate (CN/O = your
 * kubeconfig user's identity), writes them to HELMTS_HOME (0600), turns on --tiller-tls-verify,
 * and returns the server side for Secret `tiller-secret` — never the CA key. Existing files are
 * not overwritten (clients holding them would stop working).
 */
export async function generateAndStoreTillerTls(
  settings: Settings,
  request: TillerInstallRequest,
): Promise<TillerTlsMaterial> {
  const paths = tlsGenPaths(settings.home);
  const present = Object.values(paths).filter((p) => existsSync(p));
  if (present.length > 0) {
    throw new UsageError(`--tls-gen would overwrite ${present.join(', ')}`, {
      hint: 'move them away first, or install with --tiller-tls-verify and those files',
    });
  }
  let user: { user: string; groups: string[] } = { user: 'helmts-client', groups: [] };
  try {
    const { KubeConfig } = await import('@kubernetes/client-node');
    const kc = new KubeConfig();
    if (settings.kubeconfig) kc.loadFromFile(settings.kubeconfig);
    else kc.loadFromDefault();
    if (settings.kubeContext) kc.setCurrentContext(settings.kubeContext);
    user = identityFromKubeconfigUser(kc.getCurrentUser(), (p) => readFileSync(p));
  } catch {
    // no kubeconfig: the generic client name
  }
  const bundle = generateTillerTls({
    namespace: request.namespace,
    clientUser: user.user,
    clientGroups: user.groups,
    // --tiller-tls-hostname: the name clients will verify (their --tls-hostname)
    serverNames: request.tls.hostname ? [request.tls.hostname] : [],
  });
  await writeTillerTls(settings.home, bundle);
  request.tls = { ...request.tls, enable: true, verify: true };
  return serverMaterial(bundle);
}
