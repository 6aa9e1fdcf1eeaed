// fs.promises is read where used: loading node:fs/promises costs every command ~1 ms
import { promises as fs } from 'node:fs';
import { delimiter, join } from 'node:path';

import { HelmHome } from '../sdk/home.js';
import type { Settings } from '../sdk/settings.js';
import { type LegacyPlugin, loadPlugin, PLUGIN_FILE } from './manifest.js';

/**
 * Where plugins are looked for: `HELM_PLUGIN` (a list separated like PATH) when set, else
 * `$HELMTS_HOME/plugins`. `HELM_NO_PLUGINS=1` turns legacy plugins off, as in Helm 2.
 */
export function pluginDirs(settings: Pick<Settings, 'home'>, env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.HELM_NO_PLUGINS === '1') return [];
  const fromEnv = (env.HELM_PLUGIN ?? '').split(delimiter).filter(Boolean);
  return fromEnv.length > 0 ? fromEnv : [new HelmHome(settings.home).plugins];
}

export interface DiscoveredPlugins {
  /** Every loadable plugin, in search order; the first with a name wins when names repeat. */
  plugins: LegacyPlugin[];
  /** Directories with a plugin.yaml that could not be loaded, and why. */
  problems: { dir: string; message: string }[];
}

/** Loads `<dir>/*\/plugin.yaml` for every plugin directory. */
export async function discoverPlugins(dirs: string[]): Promise<DiscoveredPlugins> {
  const found: DiscoveredPlugins = { plugins: [], problems: [] };
  for (const base of dirs) {
    let entries: string[];
    try {
      entries = (await fs.readdir(base)).sort();
    } catch {
      continue;
    }
    for (const entry of entries) {
      const dir = join(base, entry);
      try {
        await fs.stat(join(dir, PLUGIN_FILE));
      } catch {
        continue;
      }
      try {
        found.plugins.push(await loadPlugin(dir));
      } catch (error) {
        found.problems.push({ dir, message: (error as Error).message });
      }
    }
  }
  return found;
}

/** The plugin called `name`, searching the directories in order. */
export async function findPlugin(name: string, dirs: string[]): Promise<LegacyPlugin | undefined> {
  const { plugins } = await discoverPlugins(dirs);
  return plugins.find((plugin) => plugin.manifest.name === name);
}
