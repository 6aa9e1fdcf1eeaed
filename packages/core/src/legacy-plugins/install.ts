import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';

import { extractArchive } from '@helmts/archive';

import { ConnectionError, HelmtsError, NotFoundError } from '../sdk/errors.js';
import { HelmHome } from '../sdk/home.js';
import type { Settings } from '../sdk/settings.js';
import { findPlugin, pluginDirs } from './discovery.js';
import { cloneGitPlugin, isGitClone, pullGitPlugin } from './git-source.js';
import { type LegacyPlugin, loadPlugin, PLUGIN_FILE } from './manifest.js';
import { runHook } from './run.js';

export interface PluginOperationOptions {
  settings: Settings;
  env?: NodeJS.ProcessEnv;
  /** `$HELM_BIN` for hooks (default: the running helmts). */
  bin?: string;
  /** For a git source: a tag or branch, or a semver constraint picking the highest matching tag. */
  version?: string;
}

const isUrl = (source: string) => /^https?:\/\//i.test(source);
/** Helm 2 downloads an http(s) URL ending in an archive suffix; any other URL is a git repository. */
const isArchiveUrl = (source: string) => isUrl(source) && /\.(tgz|tar\.gz)$/i.test(new URL(source).pathname);
const isGitSource = (source: string) =>
  (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) && !isArchiveUrl(source)) || /^[\w.-]+@[\w.-]+:/.test(source);

/** Where archives are unpacked: `$HELMTS_HOME/cache/plugins/<key>`, as Helm 2 keeps HTTP installs. */
function pluginCache(home: HelmHome): string {
  return join(home.root, 'cache', 'plugins');
}

function cacheKey(source: string): string {
  const readable = source
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(-60);
  return `${readable}-${createHash('sha256').update(source).digest('hex').slice(0, 8)}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function download(url: string): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (error) {
    const cause = (error as Error & { cause?: NodeJS.ErrnoException }).cause;
    // a refused connection in the words of Helm 2's Go HTTP getter
    if (cause?.code === 'ECONNREFUSED') {
      const { hostname, port, protocol } = new URL(url);
      const dial = `${hostname}:${port || (protocol === 'https:' ? 443 : 80)}`;
      throw new HelmtsError(`Get ${JSON.stringify(url)}: dial tcp ${dial}: connect: connection refused`, {
        cause: error,
      });
    }
    throw new ConnectionError(url, cause?.message ?? (error as Error).message, { cause: error });
  }
  // Helm 2's getter: "Failed to fetch URL : 404 Not Found"
  if (!response.ok) throw new HelmtsError(`Failed to fetch ${url} : ${response.status} ${response.statusText}`.trim());
  return Buffer.from(await response.arrayBuffer());
}

async function readSource(source: string): Promise<Buffer> {
  return isUrl(source) ? download(source) : readFile(source);
}

/** The directory in an unpacked archive holding plugin.yaml: its top, or its only top-level directory. */
async function pluginRoot(dir: string): Promise<string> {
  if (await exists(join(dir, PLUGIN_FILE))) return dir;
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.length === 1 && entries[0].isDirectory() && (await exists(join(dir, entries[0].name, PLUGIN_FILE)))) {
    return join(dir, entries[0].name);
  }
  throw new HelmtsError(`the archive has no ${PLUGIN_FILE} at its top or in its only directory`);
}

interface StagedPlugin {
  staging: string;
  root: string;
  plugin: LegacyPlugin;
}

/** Unpacks an archive into a staging directory of the plugin cache and loads the plugin in it. */
async function stage(home: HelmHome, source: string): Promise<StagedPlugin> {
  const cache = pluginCache(home);
  await mkdir(cache, { recursive: true });
  const data = await readSource(source);
  const staging = join(cache, `.staging-${process.pid}-${Date.now()}`);
  try {
    await extractArchive(data, staging, { kind: 'plugin archives' });
    const root = await pluginRoot(staging);
    return { staging, root, plugin: await loadPlugin(root) };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Moves a staged plugin to its cache entry (replacing the old one) and returns its directory there. */
async function commit(home: HelmHome, staged: StagedPlugin, source: string, key: string): Promise<string> {
  const final = join(pluginCache(home), key);
  await rm(final, { recursive: true, force: true });
  await rename(staged.staging, final);
  await writeFile(`${final}.source`, `${source}\n`);
  return join(final, relative(staged.staging, staged.root));
}

async function assertNotInstalled(name: string, linkPath: string, dirs: string[]): Promise<void> {
  if ((await exists(linkPath)) || (await findPlugin(name, dirs))) {
    throw new HelmtsError(`plugin already exists: ${name}`, {
      hint: `remove it first with "helmts plugin remove ${name}", or update it`,
    });
  }
}

/**
 * Installs a Helm plugin from a directory (linked, as Helm 2 does), a local `.tgz`/`.tar.gz`, or an
 * http(s) URL of one (unpacked into the plugin cache and linked), then runs its install hook.
 */
export async function installPlugin(source: string, options: PluginOperationOptions): Promise<LegacyPlugin> {
  const home = new HelmHome(options.settings.home);
  const dirs = pluginDirs(options.settings, options.env);
  await mkdir(home.plugins, { recursive: true });
  if (isGitSource(source)) return installGitPlugin(source, home, dirs, options);
  let linkPath: string;
  const local = isUrl(source) ? undefined : resolve(source);
  let isDirectory = false;
  if (local) {
    try {
      isDirectory = (await stat(local)).isDirectory();
    } catch {
      // Helm 2 takes what is neither on disk nor an archive URL for a VCS repository, and says so
      throw new NotFoundError('Cannot detect VCS');
    }
  }
  if (local && isDirectory) {
    const plugin = await loadPlugin(local);
    linkPath = join(home.plugins, basename(local));
    await assertNotInstalled(plugin.manifest.name, linkPath, dirs);
    await symlink(local, linkPath);
  } else {
    const origin = local ?? source;
    const staged = await stage(home, origin);
    linkPath = join(home.plugins, staged.plugin.manifest.name);
    try {
      await assertNotInstalled(staged.plugin.manifest.name, linkPath, dirs);
    } catch (error) {
      await rm(staged.staging, { recursive: true, force: true });
      throw error;
    }
    await symlink(await commit(home, staged, origin, cacheKey(origin)), linkPath);
  }
  const plugin = await loadPlugin(linkPath);
  await runHook(plugin, 'install', { settings: options.settings, pluginDirs: dirs, bin: options.bin });
  return plugin;
}

/**
 * Helm 2's VCS install: the repository is cloned into the plugin cache (with --version checking out a
 * tag), must hold plugin.yaml at its top, and is linked as `plugins/<last part of the URL>`.
 */
async function installGitPlugin(
  source: string,
  home: HelmHome,
  dirs: string[],
  options: PluginOperationOptions,
): Promise<LegacyPlugin> {
  const linkPath = join(home.plugins, basename(source.replace(/\/+$/, '')));
  if (await exists(linkPath)) throw new HelmtsError(`plugin already exists: ${basename(linkPath)}`);
  const key = cacheKey(source);
  const dir = join(pluginCache(home), key);
  await mkdir(pluginCache(home), { recursive: true });
  const fresh = !(await exists(dir));
  try {
    await cloneGitPlugin(source, dir, options.version);
    if (!(await exists(join(dir, PLUGIN_FILE)))) throw new HelmtsError(`plugin metadata (${PLUGIN_FILE}) missing`);
    const plugin = await loadPlugin(dir);
    await assertNotInstalled(plugin.manifest.name, linkPath, dirs);
    await writeFile(`${dir}.source`, `${source}\n`);
    await symlink(dir, linkPath);
  } catch (error) {
    if (fresh) await removeCacheEntry(home, key);
    throw error;
  }
  const plugin = await loadPlugin(linkPath);
  await runHook(plugin, 'install', { settings: options.settings, pluginDirs: dirs, bin: options.bin });
  return plugin;
}

async function removeCacheEntry(home: HelmHome, key: string): Promise<void> {
  const entry = join(pluginCache(home), key);
  await rm(entry, { recursive: true, force: true });
  await rm(`${entry}.source`, { force: true });
}

/** The cache key a plugin was unpacked under, when it came from an archive. */
async function cacheKeyOf(home: HelmHome, plugin: LegacyPlugin): Promise<string | undefined> {
  let target: string;
  let cache: string;
  try {
    target = await realpath(plugin.dir);
    cache = await realpath(pluginCache(home));
  } catch {
    return undefined;
  }
  const rel = relative(cache, target);
  if (rel === '' || rel.startsWith('..') || rel.startsWith(sep)) return undefined;
  return rel.split(sep)[0];
}

interface InstalledPlugin {
  home: HelmHome;
  dirs: string[];
  plugin: LegacyPlugin;
  /** Its plugin-cache key when it was unpacked from an archive. */
  key?: string;
}

/** An installed plugin by name, with where it lives, or NotFoundError. */
async function installedPlugin(name: string, options: PluginOperationOptions): Promise<InstalledPlugin> {
  const home = new HelmHome(options.settings.home);
  const dirs = pluginDirs(options.settings, options.env);
  const plugin = await findPlugin(name, dirs);
  if (!plugin) throw new NotFoundError(`Plugin: ${name} not found`);
  return { home, dirs, plugin, key: await cacheKeyOf(home, plugin) };
}

/** Runs `operation` for each named plugin in turn; failures are reported together at the end. */
export async function forEachPlugin(names: string[], operation: (name: string) => Promise<void>): Promise<void> {
  const failures: string[] = [];
  for (const name of names) {
    try {
      await operation(name);
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  if (failures.length > 0) throw new HelmtsError(failures.join('; '));
}

/**
 * Updates a plugin: one installed from an archive or URL is fetched again from where it came from;
 * a linked directory is already current. Then its update hook runs.
 */
export async function updatePlugin(name: string, options: PluginOperationOptions): Promise<LegacyPlugin> {
  const { home, dirs, plugin, key } = await installedPlugin(name, options);
  let updated = plugin;
  if (key && (await isGitClone(join(pluginCache(home), key)))) {
    await pullGitPlugin(join(pluginCache(home), key));
    updated = await loadPlugin(plugin.dir);
  } else if (key) {
    const source = (await readFile(join(pluginCache(home), `${key}.source`), 'utf8').catch(() => '')).trim();
    if (!source)
      throw new HelmtsError(`plugin "${name}" does not record where it was installed from`, {
        hint: 'remove it and install it again',
      });
    const staged = await stage(home, source);
    if (staged.plugin.manifest.name !== name) {
      await rm(staged.staging, { recursive: true, force: true });
      throw new HelmtsError(`${source} now holds the plugin "${staged.plugin.manifest.name}", not "${name}"`);
    }
    const dir = await commit(home, staged, source, key);
    // The archive's layout may have changed (top-level directory or not): point the link anew.
    if ((await lstat(plugin.dir)).isSymbolicLink()) {
      await rm(plugin.dir);
      await symlink(dir, plugin.dir);
    }
    updated = await loadPlugin(plugin.dir);
  }
  await runHook(updated, 'update', { settings: options.settings, pluginDirs: dirs, bin: options.bin });
  return updated;
}

/**
 * Removes a plugin (the link, or the directory when it was copied in), runs its delete hook as
 * Helm does afterwards, and drops its unpacked archive from the cache.
 */
export async function removePlugin(name: string, options: PluginOperationOptions): Promise<LegacyPlugin> {
  const { home, dirs, plugin, key } = await installedPlugin(name, options);
  const linked = (await lstat(plugin.dir)).isSymbolicLink();
  if (linked) await rm(plugin.dir);
  else await rm(plugin.dir, { recursive: true, force: true });
  try {
    // For a linked plugin the hook's scripts are still on disk; Helm runs it after removal anyway.
    await runHook(plugin, 'delete', { settings: options.settings, pluginDirs: dirs, bin: options.bin });
  } finally {
    if (key) await removeCacheEntry(home, key);
  }
  return plugin;
}
