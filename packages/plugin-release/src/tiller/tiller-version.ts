import { queryTillerVersion, type Settings, type VersionInfo } from '@helmts/core';

import { connectTiller } from './connection.js';
import { NoTillerError } from './no-tiller-error.js';
import type { TlsSettings } from './tls-flags.js';

interface GetVersionResponse {
  Version?: { sem_ver?: string; git_commit?: string; git_tree_state?: string } | null;
}

/**
 * `helmts version`'s server part, found as every release command finds Tiller: --host, a background
 * Tiller, else the Tiller pod in --tiller-namespace through a port-forward, with TLS when asked.
 * Never a local Tiller (its version would be this client's own): with none to be found the answer
 * is undefined, or an error when `required` (--server). A plaintext --host keeps core's plain call
 * and its Helm 2 wording ("cannot connect to Tiller at ...").
 */
export async function tillerVersion(
  settings: Settings,
  tls: TlsSettings,
  required: boolean,
): Promise<VersionInfo | undefined> {
  if (settings.host && !tls.enabled) return queryTillerVersion(settings, { required });
  let connection;
  try {
    connection = await connectTiller(settings, { tls, noLocalFallback: true });
  } catch (error) {
    if (error instanceof NoTillerError && !required) return undefined;
    throw error;
  }
  try {
    const { Version } = await connection.call<object, GetVersionResponse>(
      'GetVersion',
      {},
      {
        deadlineSeconds: settings.tillerConnectionTimeout,
      },
    );
    const v = Version ?? {};
    return { semVer: v.sem_ver ?? '', gitCommit: v.git_commit ?? '', gitTreeState: v.git_tree_state ?? '' };
  } finally {
    await connection.close();
  }
}
