/**
 * `helmts registry login|logout` (as Helm 3's): credentials checked against the registry, then
 * kept in a Docker-style config.json that every push and pull reads (@helmts/oci-image).
 */
import {
  checkRegistryLogin,
  defaultRegistryConfig,
  removeRegistryCredentials,
  storeRegistryCredentials,
  type RegistryCredentials,
} from '@helmts/oci-image';

import { RepoError } from '../errors.js';
import { asRepoError } from './registry-errors.js';

export interface RegistryLoginOptions {
  /** The config.json to write; default @helmts/oci-image's defaultRegistryConfig(). */
  registryConfig?: string;
  plainHttp?: boolean;
}

/** A registry host as login takes it: HOST[:PORT], an oci:// prefix allowed (Helm 3 allows it too). */
function registryHost(host: string): string {
  const bare = host.replace(/^oci:\/\//, '').replace(/\/+$/, '');
  if (!/^(\[[0-9a-fA-F:]+\]|[a-zA-Z0-9.-]+)(:\d+)?$/.test(bare))
    throw new RepoError(`invalid registry host "${host}": give HOST[:PORT], e.g. 127.0.0.1:5000`);
  return bare;
}

/** Checks the credentials against the registry, then stores them; returns the file written. */
export async function registryLogin(
  host: string,
  credentials: RegistryCredentials,
  options: RegistryLoginOptions = {},
): Promise<string> {
  const registry = registryHost(host);
  const file = options.registryConfig ?? defaultRegistryConfig();
  try {
    await checkRegistryLogin(registry, credentials, { plainHttp: options.plainHttp });
    await storeRegistryCredentials(file, registry, credentials);
  } catch (error) {
    throw asRepoError(error);
  }
  return file;
}

/** Forgets the host's credentials; an error when none were stored (as Helm 3: "not logged in"). */
export async function registryLogout(host: string, options: RegistryLoginOptions = {}): Promise<void> {
  const registry = registryHost(host);
  const file = options.registryConfig ?? defaultRegistryConfig();
  let removed: boolean;
  try {
    removed = await removeRegistryCredentials(file, registry);
  } catch (error) {
    throw asRepoError(error);
  }
  if (!removed) throw new RepoError(`not logged in to ${registry} (no credentials for it in ${file})`);
}
