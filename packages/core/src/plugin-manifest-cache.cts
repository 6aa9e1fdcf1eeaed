/**
 * oclif reads a plugin's commands from its `oclif.manifest.json`; a plugin published without one
 * (most third-party plugins: the manifest needs a build step) has every command file imported on
 * every start, with whatever those import. After a command has run, the manifest oclif built in
 * memory for such a plugin is written next to it as `.oclif.manifest.json`, which oclif 4 reads when
 * `oclif.manifest.json` is missing (Plugin._manifest in @oclif/core's lib/config/plugin.js), so only
 * the first start after `plugins install` or `plugins update` pays.
 *
 * A cached manifest must never outlive what it describes. npm replaces a plugin's directory when its
 * version or contents change, which removes the cache; but `plugins update` can also change a
 * plugin's dependencies (its SDK, whose global flags the manifest lists) and leave the plugin alone.
 * So every `plugins` command that changes the data directory drops all caches before it runs, a
 * cache records the helmts version that wrote it and is dropped by another, and nothing is written
 * when the plugin on disk is no longer the version whose manifest oclif built.
 *
 * Only plugins installed into the data directory (type "user") are touched, never a linked
 * checkout. Plain CommonJS, no imports beyond Node's: it runs on every start.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CACHE_FILE = '.oclif.manifest.json';

/** The `plugins` subcommands (and their aliases) that change what is installed. */
const CHANGING_COMMANDS = new Set([
  'install',
  'add',
  'i',
  'update',
  'uninstall',
  'remove',
  'rm',
  'unlink',
  'link',
  'reset',
]);

/** The part of oclif's loaded plugin this reads. */
interface LoadedPlugin {
  type: string;
  root: string;
  hasManifest?: boolean;
  commandIDs?: string[];
  manifest?: { version?: string; commands?: Record<string, unknown>; helmtsCli?: string };
}

/** The part of oclif's loaded configuration this reads. */
interface LoadedConfig {
  version: string;
  plugins: Map<string, LoadedPlugin>;
}

function userPlugins(config: LoadedConfig): LoadedPlugin[] {
  return [...config.plugins.values()].filter((plugin) => plugin.type === 'user');
}

function changesPlugins(argv: string[]): boolean {
  const [first = '', second = ''] = argv;
  if (first.startsWith('plugins:')) return CHANGING_COMMANDS.has(first.slice('plugins:'.length));
  return first === 'plugins' && CHANGING_COMMANDS.has(second);
}

/**
 * Before the command runs (oclif has loaded every plugin): drops the caches a `plugins` command is
 * about to invalidate, and those another helmts version wrote.
 */
function dropStaleCaches(config: LoadedConfig, argv: string[]): void {
  const all = changesPlugins(argv);
  for (const plugin of userPlugins(config)) {
    // Only a manifest this module wrote carries helmtsCli; a plugin's own is never removed.
    const written = plugin.manifest?.helmtsCli;
    if (written !== undefined && (all || written !== config.version))
      rmSync(join(plugin.root, CACHE_FILE), { force: true });
  }
}

function installedVersion(root: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** After the command succeeded: writes the manifests oclif had to build this time. */
function writeBuiltManifests(config: LoadedConfig, argv: string[]): void {
  if (changesPlugins(argv)) return;
  for (const plugin of userPlugins(config)) {
    const manifest = plugin.manifest;
    if (plugin.hasManifest || !manifest?.version || manifest.helmtsCli !== undefined) continue;
    const commands = Object.keys(manifest.commands ?? {});
    // A command that failed to load is missing from the manifest: keep trying the slow way instead.
    if (commands.length === 0 || commands.length !== (plugin.commandIDs ?? []).length) continue;
    if (installedVersion(plugin.root) !== manifest.version) continue;
    const file = join(plugin.root, CACHE_FILE);
    try {
      writeFileSync(`${file}.${process.pid}`, JSON.stringify({ ...manifest, helmtsCli: config.version }));
      renameSync(`${file}.${process.pid}`, file);
    } finally {
      rmSync(`${file}.${process.pid}`, { force: true });
    }
  }
}

/**
 * Keeps the manifest caches of installed plugins for one run: call with the configuration oclif
 * loaded for the command (before it runs); call the function returned after it succeeded.
 */
export function maintainPluginManifestCaches(config: LoadedConfig, argv: string[]): () => void {
  try {
    dropStaleCaches(config, argv);
  } catch {
    // An unwritable data directory: oclif only reads what is there.
  }
  return () => {
    try {
      writeBuiltManifests(config, argv);
    } catch {
      // The command has succeeded; a cache that cannot be written only means the slow start stays.
    }
  };
}
