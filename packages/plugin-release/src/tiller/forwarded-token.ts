import { isIP } from 'node:net';

import type { Settings } from '@helmts/core';

import { kubeconfigMayHoldToken } from './kubeconfig-may-hold-token.js';

function isLoopbackTarget(address: string): boolean {
  const host = address.slice(0, Math.max(0, address.lastIndexOf(':'))).replace(/^\[|\]$/g, '');
  return host === 'localhost' || (isIP(host) === 4 && host.startsWith('127.')) || host === '::1';
}

/**
 * The bearer token of the kubeconfig's current user (static token, token file or exec plugin),
 * to forward to Tiller — only over TLS or to a loopback address. Undefined when the user
 * authenticates otherwise (a client certificate: Tiller then reads the TLS client certificate).
 */
export async function forwardedToken(
  settings: Settings,
  target: { tls: boolean; address: string },
): Promise<string | undefined> {
  if (process.env.HELMTS_FORWARD_TOKEN === '0') return undefined;
  if (!target.tls && !isLoopbackTarget(target.address)) return undefined;
  try {
    if (!kubeconfigMayHoldToken(settings)) return undefined;
    // The lean kubeconfig read answers static tokens and certificates; only an exec plugin or auth
    // provider loads the Kubernetes client to run it.
    const { apiServerAccess } = await import('../tunnel/kubeconfig-access.js');
    const access = apiServerAccess(settings);
    if (access.token) return access.token;
    if (!access.pluginAuth) return undefined;
    const { apiServerTransport } = await import('../tunnel/api-server-request.js');
    const { headers } = await apiServerTransport(settings, access);
    const m = headers.Authorization ? /^Bearer\s+(\S+)$/i.exec(headers.Authorization) : null;
    return m?.[1];
  } catch {
    return undefined;
  }
}
