/**
 * Registry credentials in a Docker-style config.json (`{"auths": {"host:port": {"auth":
 * base64("user:password")}}}`), the file `helm registry login` writes too. Other keys in the file
 * (credential helpers, other hosts) are kept as they are.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

import { RegistryError } from './errors.js';

export interface RegistryCredentials {
  username: string;
  password: string;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

/**
 * `$HELMTS_REGISTRY_CONFIG`, else `registry/config.json` under `$HELMTS_HOME` (default
 * `~/.helmts`): where login stores credentials and every push and pull reads them.
 */
export function defaultRegistryConfig(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HELMTS_REGISTRY_CONFIG) return env.HELMTS_REGISTRY_CONFIG;
  return join(env.HELMTS_HOME || join(homedir(), '.helmts'), 'registry', 'config.json');
}

async function readConfig(file: string): Promise<DockerConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new RegistryError(`cannot read the registry config ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  try {
    const config = JSON.parse(text) as DockerConfig;
    if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new Error('not an object');
    return config;
  } catch (error) {
    throw new RegistryError(`the registry config ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Written whole to a temporary file, then renamed: a reader never sees half a file. Owner only. */
async function writeConfig(file: string, config: DockerConfig): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

/** The credentials stored for `host` (host[:port]), if any. */
export async function readRegistryCredentials(file: string, host: string): Promise<RegistryCredentials | undefined> {
  const entry = (await readConfig(file)).auths?.[host];
  if (!entry) return undefined;
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new RegistryError(`the registry config ${file} has a malformed "auth" for ${host}`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username !== undefined && entry.password !== undefined)
    return { username: entry.username, password: entry.password };
  return undefined;
}

export async function storeRegistryCredentials(
  file: string,
  host: string,
  credentials: RegistryCredentials,
): Promise<void> {
  const config = await readConfig(file);
  const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  config.auths = { ...config.auths, [host]: { auth } };
  await writeConfig(file, config);
}

/** Forgets `host`'s credentials; false when there were none. */
export async function removeRegistryCredentials(file: string, host: string): Promise<boolean> {
  const config = await readConfig(file);
  if (!config.auths?.[host]) return false;
  delete config.auths[host];
  await writeConfig(file, config);
  return true;
}
