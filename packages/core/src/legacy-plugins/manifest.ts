// fs.promises is read where used: loading node:fs/promises costs every command ~1 ms
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

import { HelmtsError } from '../sdk/errors.js';

/** One `platformCommand`/`platformHooks` entry: used when `os` (and `arch`, if given) match. */
export interface PlatformCommand {
  os: string;
  arch?: string;
  command: string;
}

interface PluginDownloader {
  command: string;
  protocols: string[];
}

export type PluginHookEvent = 'install' | 'update' | 'delete';

/** The fields of a Helm plugin's `plugin.yaml`. */
export interface PluginManifest {
  name: string;
  version: string;
  usage: string;
  description: string;
  command: string;
  platformCommand: PlatformCommand[];
  ignoreFlags: boolean;
  useTunnel: boolean;
  hooks: Partial<Record<PluginHookEvent, string>>;
  platformHooks: Partial<Record<PluginHookEvent, PlatformCommand[]>>;
  downloaders: PluginDownloader[];
}

/** A plugin found on disk: its manifest and the directory holding plugin.yaml (as found, links unresolved). */
export interface LegacyPlugin {
  manifest: PluginManifest;
  dir: string;
}

export const PLUGIN_FILE = 'plugin.yaml';

const KNOWN_KEYS = new Set([
  'name',
  'version',
  'usage',
  'description',
  'command',
  'platformCommand',
  'ignoreFlags',
  'useTunnel',
  'hooks',
  'platformHooks',
  'downloaders',
]);
const HOOK_EVENTS: readonly PluginHookEvent[] = ['install', 'update', 'delete'];
// The name becomes both a command word and a directory name under plugins/, so it may not hold
// path separators or dots that could climb out of it.
const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

class PluginManifestError extends HelmtsError {}

function invalid(file: string, problem: string): PluginManifestError {
  return new PluginManifestError(`invalid plugin metadata in ${file}: ${problem}`);
}

function optionalString(value: unknown, key: string, file: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw invalid(file, `"${key}" must be a string`);
  return value;
}

function platformCommands(value: unknown, key: string, file: string): PlatformCommand[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(file, `"${key}" must be a list`);
  return value.map((entry: unknown, index) => {
    if (!entry || typeof entry !== 'object') throw invalid(file, `"${key}[${index}]" must be a map`);
    const record = entry as Record<string, unknown>;
    const os = optionalString(record.os, `${key}[${index}].os`, file);
    const arch = optionalString(record.arch, `${key}[${index}].arch`, file);
    const command = optionalString(record.command, `${key}[${index}].command`, file);
    return { os, arch: arch || undefined, command };
  });
}

/**
 * Validates a parsed plugin.yaml. Unknown keys are an error, as Helm's strict loading makes them,
 * so a typo (`ignoreflags`) is reported instead of silently ignored.
 */
export function parseManifest(document: unknown, file: string): PluginManifest {
  if (!document || typeof document !== 'object' || Array.isArray(document)) throw invalid(file, 'expected a map');
  const raw = document as Record<string, unknown>;
  const unknown = Object.keys(raw).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0)
    throw invalid(file, `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}`);

  const name = optionalString(raw.name, 'name', file);
  if (!NAME_PATTERN.test(name))
    throw invalid(file, `"name" must be made of letters, digits, "_" and "-" (got "${name}")`);
  const bool = (key: string): boolean => {
    const value = raw[key];
    if (value === undefined || value === null) return false;
    if (typeof value !== 'boolean') throw invalid(file, `"${key}" must be true or false`);
    return value;
  };

  const hooks: PluginManifest['hooks'] = {};
  const platformHooks: PluginManifest['platformHooks'] = {};
  for (const [key, target] of [
    ['hooks', hooks],
    ['platformHooks', platformHooks],
  ] as const) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw invalid(file, `"${key}" must be a map`);
    for (const [event, command] of Object.entries(value as Record<string, unknown>)) {
      if (!HOOK_EVENTS.includes(event as PluginHookEvent)) throw invalid(file, `unknown hook "${key}.${event}"`);
      if (key === 'hooks')
        (target as PluginManifest['hooks'])[event as PluginHookEvent] = optionalString(command, `hooks.${event}`, file);
      else
        (target as PluginManifest['platformHooks'])[event as PluginHookEvent] = platformCommands(
          command,
          `platformHooks.${event}`,
          file,
        );
    }
  }

  const downloaders: PluginDownloader[] = [];
  if (raw.downloaders !== undefined && raw.downloaders !== null) {
    if (!Array.isArray(raw.downloaders)) throw invalid(file, '"downloaders" must be a list');
    raw.downloaders.forEach((entry: unknown, index) => {
      if (!entry || typeof entry !== 'object') throw invalid(file, `"downloaders[${index}]" must be a map`);
      const record = entry as Record<string, unknown>;
      const command = optionalString(record.command, `downloaders[${index}].command`, file);
      const protocols = record.protocols;
      if (!command) throw invalid(file, `"downloaders[${index}].command" is empty`);
      if (!Array.isArray(protocols) || protocols.some((p) => typeof p !== 'string')) {
        throw invalid(file, `"downloaders[${index}].protocols" must be a list of strings`);
      }
      downloaders.push({ command, protocols: protocols as string[] });
    });
  }

  return {
    name,
    version: optionalString(raw.version, 'version', file),
    usage: optionalString(raw.usage, 'usage', file) || `the "${name}" plugin`,
    description: optionalString(raw.description, 'description', file),
    command: optionalString(raw.command, 'command', file),
    platformCommand: platformCommands(raw.platformCommand, 'platformCommand', file),
    ignoreFlags: bool('ignoreFlags'),
    useTunnel: bool('useTunnel'),
    hooks,
    platformHooks,
    downloaders,
  };
}

/** Reads `<dir>/plugin.yaml`. */
export async function loadPlugin(dir: string): Promise<LegacyPlugin> {
  const file = join(dir, PLUGIN_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new PluginManifestError(`no ${PLUGIN_FILE} in ${dir}`, {
      cause: error,
      hint: 'a Helm plugin is a directory with a plugin.yaml at its top',
    });
  }
  let document: unknown;
  try {
    // Loaded here, not at the top: every helmts command loads this module, few read plugin.yaml.
    const { parse: parseYaml } = await import('yaml');
    document = parseYaml(text);
  } catch (error) {
    throw invalid(file, (error as Error).message.split('\n')[0]);
  }
  return { manifest: parseManifest(document, file), dir };
}
