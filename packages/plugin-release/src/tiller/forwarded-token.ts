import { isIP } from 'node:net';

import type { Settings } from '@helmts/core';

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
    const { KubeConfig } = await import('@kubernetes/client-node');
    const kc = new KubeConfig();
    if (settings.kubeconfig) kc.loadFromFile(settings.kubeconfig);
    else kc.loadFromDefault();
    if (settings.kubeContext) kc.setCurrentContext(settings.kubeContext);
    const user = kc.getCurrentUser();
    if (!user || (!user.token && !user.exec && !user.authProvider)) return undefined;
    const opts: { headers?: Record<string, string> } = {};
    await kc.applyToHTTPSOptions(opts as never);
    const auth = opts.headers?.Authorization ?? opts.headers?.authorization;
    const m = auth ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
    return m?.[1];
  } catch {
    return undefined;
  }
}
