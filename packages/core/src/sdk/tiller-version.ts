import { ConnectionError, HelmtsError } from './errors.js';
import type { Settings } from './settings.js';
import type { VersionInfo } from './version.js';

/**
 * Tiller's version, when a Tiller address is known. Without one, `version` shows only the client
 * unless --server was asked for explicitly, which is then an error saying how to point at Tiller.
 * The gRPC client (node:http2) is imported only here, so other commands never pay for it. (Plain gRPC: TLS and
 * the tillerless mode belong to the release plugin's commands.)
 */
export async function queryTillerVersion(
  settings: Settings,
  options: { required: boolean },
): Promise<VersionInfo | undefined> {
  const address = settings.host;
  if (!address) {
    if (options.required) {
      throw new ConnectionError('Tiller', 'no Tiller address is configured', {
        hint: 'pass --host HOST:PORT or set HELMTS_HOST (start a local Tiller with "helmts tiller start")',
      });
    }
    return undefined;
  }
  const { createH2ReleaseClient } = await import('@helmts/proto/client');
  const client = createH2ReleaseClient(address);
  try {
    const deadline = Date.now() + settings.tillerConnectionTimeout * 1000;
    const response = await client.unary<{
      Version?: { sem_ver?: string; git_commit?: string; git_tree_state?: string } | null;
    }>('GetVersion', {}, { deadline });
    const v = response.Version ?? {};
    return { semVer: v.sem_ver ?? '', gitCommit: v.git_commit ?? '', gitTreeState: v.git_tree_state ?? '' };
  } catch (error) {
    const e = error as { code?: number; details?: string; message?: string };
    // 12 = UNIMPLEMENTED: Helm 2's wording for a Tiller that predates GetVersion.
    if (e.code === 12) throw new ConnectionError(`Tiller at ${address}`, 'server is too old to know its version');
    const detail = e.details || e.message || '';
    const reason = /ECONNREFUSED/.test(detail)
      ? 'connection refused'
      : /deadline/i.test(detail)
        ? `no answer within ${settings.tillerConnectionTimeout}s`
        : detail.replace(/\.?\s*Resolution note:.*$/s, '').trim();
    // One line, as Helm 2's "Error: cannot connect to Tiller", plus where and what to do.
    throw new HelmtsError(
      `cannot connect to Tiller at ${address} (${reason}); check --host/HELM_HOST, or start one with "helmts tiller start"`,
    );
  } finally {
    client.close();
  }
}
