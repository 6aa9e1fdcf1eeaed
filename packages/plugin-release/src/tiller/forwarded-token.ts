import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { isIP } from 'node:net';

import { parse } from 'yaml';

import type { Settings } from '@helmts/core';

function isLoopbackTarget(address: string): boolean {
  const host = address.slice(0, Math.max(0, address.lastIndexOf(':'))).replace(/^\[|\]$/g, '');
  return host === 'localhost' || (isIP(host) === 4 && host.startsWith('127.')) || host === '::1';
}

interface KubeconfigFile {
  'current-context'?: string;
  contexts?: { name?: string; context?: { user?: string } }[];
  users?: { name?: string; user?: Record<string, unknown> }[];
}

/**
 * Whether the kubeconfig's current user surely has no bearer token (a client certificate, or no
 * credentials at all), found with a plain YAML read: the Kubernetes client costs half a second of
 * start-up, and most users of a local Tiller authenticate with a certificate. Files are merged as
 * kubectl does (the first to name a context or user wins). False whenever in doubt, e.g. no
 * kubeconfig file (the client then tries the in-cluster service account).
 */
export function userHasNoToken(settings: Settings): boolean {
  const paths = settings.kubeconfig
    ? settings.kubeconfig.split(delimiter).filter(Boolean)
    : [join(homedir(), '.kube', 'config')];
  const files: KubeconfigFile[] = [];
  for (const path of paths) {
    try {
      files.push((parse(readFileSync(path, 'utf8')) ?? {}) as KubeconfigFile);
    } catch {
      return false;
    }
  }
  const current = settings.kubeContext ?? files.map((f) => f['current-context']).find(Boolean);
  if (!current) return false;
  const context = files.flatMap((f) => f.contexts ?? []).find((c) => c?.name === current);
  const userName = context?.context?.user;
  if (!userName) return false;
  const user = files.flatMap((f) => f.users ?? []).find((u) => u?.name === userName)?.user;
  if (!user || typeof user !== 'object') return false;
  return !['token', 'tokenFile', 'token-file', 'exec', 'auth-provider', 'username', 'password'].some(
    (key) => user[key] !== undefined && user[key] !== null && user[key] !== '',
  );
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
  if (userHasNoToken(settings)) return undefined;
  try {
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
