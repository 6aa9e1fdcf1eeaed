import { spawn } from 'node:child_process';
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
}

/**
 * Runs a plugin's command with the user's arguments, stdin/stdout/stderr inherited, and resolves
 * with its exit code (which helmts then exits with, as Helm does).
 */
export async function runPlugin(plugin: LegacyPlugin, userArgs: string[], options: RunPluginOptions): Promise<number> {
  // Helm 2 opens a port-forward to the in-cluster Tiller for `useTunnel: true` and gives the plugin
  // HELM_HOST; helmts does not open one for plugin.yaml plugins yet, so it says what to do instead.
  if (plugin.manifest.useTunnel && !options.settings.host)
    process.stderr.write(
      `Warning: plugin "${plugin.manifest.name}" asks for a tunnel to Tiller (useTunnel), which helmts does not open for plugin.yaml plugins yet: give it Tiller's address with --host or HELM_HOST\n`,
    );
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
