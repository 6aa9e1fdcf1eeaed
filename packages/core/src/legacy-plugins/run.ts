import { constants } from 'node:os';

import { HelmtsError } from '../sdk/errors.js';
import type { Settings } from '../sdk/settings.js';
import { prepareCommand, selectPlatformCommand } from './command-line.js';
import { pluginEnvironment } from './environment.js';
import type { LegacyPlugin, PluginHookEvent } from './manifest.js';

/** A shell's convention for a child killed by a signal: 128 + the signal's number. */
function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? (constants.signals[signal] ?? 1) : 1);
}

function waitForExit(program: string, args: string[], env: Record<string, string>, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    // loaded on use: the SDK reaches this module and child_process costs every command ~3 ms at start
    const { spawn } = process.getBuiltinModule('node:child_process');
    const child = spawn(program, args, { env, stdio: 'inherit' });
    // Ctrl-C reaches the plugin too (same process group); helmts stays to report its exit code.
    const ignore = () => {};
    process.on('SIGINT', ignore);
    process.on('SIGTERM', ignore);
    const done = () => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', ignore);
    };
    child.once('error', (error) => {
      done();
      reject(new HelmtsError(`${what}: cannot run "${program}": ${error.message}`, { cause: error }));
    });
    child.once('close', (code, signal) => {
      done();
      resolve(exitCodeOf(code, signal));
    });
  });
}

export interface RunPluginOptions {
  settings: Settings;
  pluginDirs: string[];
  /** Overrides `$HELM_BIN` (default: the running helmts). */
  bin?: string;
  /**
   * For `useTunnel: true` without --host: finds Tiller and keeps it reachable until `close`
   * (the release plugin's tunnel); undefined when no installed plugin can.
   */
  openTiller?: (settings: Settings) => Promise<{ address: string; close: () => Promise<void> } | undefined>;
}

/**
 * Runs a plugin's command with the user's arguments, stdin/stdout/stderr inherited, and resolves
 * with its exit code (which helmts then exits with, as Helm does).
 */
export async function runPlugin(plugin: LegacyPlugin, userArgs: string[], options: RunPluginOptions): Promise<number> {
  // Helm 2 opens a port-forward to the in-cluster Tiller for `useTunnel: true` and gives the plugin
  // its local end as TILLER_HOST (and HELM_HOST); the tunnel stays open until the plugin exits.
  let settings = options.settings;
  let tiller: { address: string; close: () => Promise<void> } | undefined;
  if (plugin.manifest.useTunnel && !settings.host) {
    tiller = await options.openTiller?.(settings);
    if (tiller) settings = { ...settings, host: tiller.address };
    else
      process.stderr.write(
        `Warning: plugin "${plugin.manifest.name}" asks for a tunnel to Tiller (useTunnel), and no installed plugin finds Tiller (install @helmts/plugin-release): give it Tiller's address with --host or HELM_HOST\n`,
      );
  }
  try {
    return await runPluginCommand(plugin, userArgs, { ...options, settings });
  } finally {
    await tiller?.close();
  }
}

async function runPluginCommand(plugin: LegacyPlugin, userArgs: string[], options: RunPluginOptions): Promise<number> {
  const env = pluginEnvironment(plugin, options.settings, { pluginDirs: options.pluginDirs, bin: options.bin });
  const { program, args } = prepareCommand(plugin.manifest, userArgs, env);
  if (!program) throw new HelmtsError(`plugin "${plugin.manifest.name}" has no command for this platform`);
  return waitForExit(program, args, env, `plugin "${plugin.manifest.name}"`);
}

/** Runs the plugin's hook for `event` with `sh -c`, if it has one; a failing hook is an error. */
export async function runHook(plugin: LegacyPlugin, event: PluginHookEvent, options: RunPluginOptions): Promise<void> {
  const { manifest } = plugin;
  const hook = selectPlatformCommand(manifest.platformHooks[event] ?? [], manifest.hooks[event] ?? '');
  if (!hook) return;
  const env = pluginEnvironment(plugin, options.settings, { pluginDirs: options.pluginDirs, bin: options.bin });
  const code = await waitForExit('sh', ['-c', hook], env, `plugin ${event} hook`);
  if (code !== 0)
    throw new HelmtsError(`plugin ${event} hook for "${manifest.name}" exited with error (exit code ${code})`);
}
