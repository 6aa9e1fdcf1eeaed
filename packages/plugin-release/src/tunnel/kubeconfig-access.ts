import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';

import { parse } from 'yaml';

import { ConnectionError, type Settings } from '@helmts/core';

import { parseSimpleKubeconfigYaml } from './kubeconfig-yaml.js';

/** How to reach and authenticate to the API server of the kubeconfig's current context. */
export interface ApiServerAccess {
  /** https://host:port (no trailing slash) */
  server: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  token?: string;
  insecureSkipTlsVerify: boolean;
  /** The context's user authenticates with an exec plugin or auth provider (needs the full Kubernetes client). */
  pluginAuth: boolean;
}

interface ClusterEntry {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
}
interface UserEntry {
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  token?: string;
  tokenFile?: string;
  exec?: unknown;
  'auth-provider'?: unknown;
}
interface ContextItem {
  name?: string;
  context?: { cluster?: string; user?: string };
}
interface ClusterItem {
  name?: string;
  cluster?: ClusterEntry;
}
interface UserItem {
  name?: string;
  user?: UserEntry;
}
interface KubeconfigFile {
  dir: string;
  'current-context'?: string;
  contexts?: ContextItem[];
  clusters?: ClusterItem[];
  users?: UserItem[];
}

/** The kubeconfig the user named does not exist (tiller/connection.ts tells it by its name). */
class KubeconfigMissingError extends ConnectionError {}

function readFiles(settings: Settings): KubeconfigFile[] {
  const paths = settings.kubeconfig
    ? settings.kubeconfig.split(delimiter).filter(Boolean)
    : [join(homedir(), '.kube', 'config')];
  const files: KubeconfigFile[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue; // kubectl skips missing files of a KUBECONFIG list too
    }
    const parsed = parseSimpleKubeconfigYaml(text) ?? parse(text);
    files.push({ ...((parsed ?? {}) as Omit<KubeconfigFile, 'dir'>), dir: dirname(path) });
  }
  // A kubeconfig named (KUBECONFIG, --kubeconfig) that is not there: no local Tiller could use it
  // either, so this ends the command instead of a fallback that fails with a bare ENOENT.
  if (settings.kubeconfig && files.length === 0)
    throw new KubeconfigMissingError('Kubernetes', `no kubeconfig at ${settings.kubeconfig}`, {
      hint: 'point KUBECONFIG or --kubeconfig at an existing file',
    });
  return files;
}

/** First definition wins across a KUBECONFIG list, as kubectl merges; paths are relative to their file. */
function find<T extends { name?: string }>(
  files: KubeconfigFile[],
  key: 'contexts' | 'clusters' | 'users',
  name: string,
): { entry: T; dir: string } | undefined {
  for (const file of files) {
    const entry = (file[key] as T[] | undefined)?.find((e) => e.name === name);
    if (entry) return { entry, dir: file.dir };
  }
  return undefined;
}

function fileOrData(dir: string, path: string | undefined, data: string | undefined): Buffer | undefined {
  if (data) return Buffer.from(data, 'base64');
  if (path) return readFileSync(isAbsolute(path) ? path : join(dir, path));
  return undefined;
}

/**
 * The API server address and credentials of the current context, read with a plain YAML parse:
 * the Kubernetes client costs half a second to load, and a client command that only needs a
 * port-forward should not pay it.
 */
export function apiServerAccess(settings: Settings): ApiServerAccess {
  // Read once per command: the tunnel and the token forwarded to Tiller both need it, and a YAML
  // parse of a kubeconfig costs milliseconds of every release command's start.
  const read = accessRead.get(settings);
  if (read && read.kubeconfig === settings.kubeconfig && read.kubeContext === settings.kubeContext) return read.access;
  const access = readApiServerAccess(settings);
  accessRead.set(settings, { kubeconfig: settings.kubeconfig, kubeContext: settings.kubeContext, access });
  return access;
}

const accessRead = new WeakMap<
  Settings,
  { kubeconfig: string | undefined; kubeContext: string | undefined; access: ApiServerAccess }
>();

function readApiServerAccess(settings: Settings): ApiServerAccess {
  const files = readFiles(settings);
  const fail = (detail: string) =>
    new ConnectionError('Kubernetes', detail, { hint: 'check KUBECONFIG/--kubeconfig and --kube-context' });
  const contextName = settings.kubeContext ?? files.map((f) => f['current-context']).find(Boolean);
  if (!contextName) throw fail('no current context in the kubeconfig');
  const context = find<ContextItem>(files, 'contexts', contextName);
  if (!context) throw fail(`context "${contextName}" is not in the kubeconfig`);
  const clusterName = context.entry.context?.cluster ?? '';
  const cluster = find<ClusterItem>(files, 'clusters', clusterName);
  if (!cluster?.entry.cluster?.server) throw fail(`cluster "${clusterName}" of context "${contextName}" has no server`);
  const c = cluster.entry.cluster;
  const user = context.entry.context?.user ? find<UserItem>(files, 'users', context.entry.context.user) : undefined;
  const u = user?.entry.user ?? {};
  const udir = user?.dir ?? cluster.dir;
  try {
    return {
      server: c.server!.replace(/\/+$/, ''),
      ca: fileOrData(cluster.dir, c['certificate-authority'], c['certificate-authority-data']),
      insecureSkipTlsVerify: c['insecure-skip-tls-verify'] === true,
      cert: fileOrData(udir, u['client-certificate'], u['client-certificate-data']),
      key: fileOrData(udir, u['client-key'], u['client-key-data']),
      token:
        u.token ??
        (u.tokenFile
          ? readFileSync(isAbsolute(u.tokenFile) ? u.tokenFile : join(udir, u.tokenFile), 'utf8').trim()
          : undefined),
      pluginAuth: Boolean(u.exec || u['auth-provider']),
    };
  } catch (error) {
    throw fail(`cannot read a file the kubeconfig names: ${(error as Error).message}`);
  }
}
