/**
 * `helmts registry login`: checks credentials against a registry's API root (`GET /v2/`, which
 * asks for them as any request does) before they are stored.
 */
import { RegistryError } from './errors.js';
import type { RegistryCredentials } from './registry-credentials.js';
import { RegistryRepository, type RegistryOptions } from './registry-repository.js';

export async function checkRegistryLogin(
  host: string,
  credentials: RegistryCredentials,
  options: Pick<RegistryOptions, 'plainHttp'> = {},
): Promise<void> {
  // The API root is /v2/ itself: a repository path of "" makes base end in /v2/.
  const registry = new RegistryRepository(host, '', { ...options, credentials });
  const res = await registry.request('GET', `${registry.scheme}://${host}/v2/`);
  if (res.ok) {
    await res.body?.cancel();
    return;
  }
  if (res.status === 401) {
    await res.body?.cancel();
    throw new RegistryError(`login to ${host} failed: the registry refused user "${credentials.username}" (HTTP 401)`);
  }
  await registry.fail('logging in', res);
}
