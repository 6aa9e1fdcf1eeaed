import type { SettingsInput } from '../sdk/settings.js';
import { expandEnv } from './environment.js';
import type { PlatformCommand, PluginManifest } from './manifest.js';

// helmts's global flags that take a value; Helm 2 consumes its own the same way before a plugin runs.
const VALUE_FLAGS = [
  '--home',
  '--host',
  '--kube-context',
  '--kubeconfig',
  '--tiller-namespace',
  '--tiller-connection-timeout',
] as const;

export interface SplitArguments {
  /** The global flags found, as resolveSettings takes them. */
  settings: SettingsInput;
  /** Everything else, in order: what the plugin receives (unless it sets ignoreFlags). */
  pluginArgs: string[];
}

/**
 * Separates helmts's global flags from a plugin's own arguments, as Helm 2 does for plugins:
 * `--debug` and `--flag value`/`--flag=value` for the global value flags are taken wherever they
 * appear; nothing else is interpreted.
 */
export function splitGlobalFlags(args: string[]): SplitArguments {
  const settings: Record<string, string | number | boolean> = {};
  const pluginArgs: string[] = [];
  const assign = (flag: string, value: string) => {
    const key = flag.slice(2);
    if (key === 'tiller-connection-timeout') {
      const seconds = Number(value);
      if (Number.isInteger(seconds) && seconds > 0) settings[key] = seconds;
    } else {
      settings[key] = value;
    }
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--debug') {
      settings.debug = true;
      continue;
    }
    const flag = VALUE_FLAGS.find((f) => arg === f || arg.startsWith(`${f}=`));
    if (!flag) {
      pluginArgs.push(arg);
      continue;
    }
    if (arg === flag) {
      if (i + 1 < args.length) assign(flag, args[++i]);
    } else {
      assign(flag, arg.slice(flag.length + 1));
    }
  }
  return { settings: settings as SettingsInput, pluginArgs };
}

/** Go's GOOS/GOARCH names, which plugin.yaml's platform entries use. */
function goPlatform(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): { os: string; arch: string } {
  const os = platform === 'win32' ? 'windows' : platform === 'sunos' ? 'solaris' : platform;
  const goArch: Record<string, string> = {
    x64: 'amd64',
    ia32: '386',
    arm: 'arm',
    arm64: 'arm64',
    ppc64: 'ppc64le',
    s390x: 's390x',
    riscv64: 'riscv64',
  };
  return { os, arch: goArch[arch] ?? arch };
}

/**
 * The entry for this machine: one naming both os and arch wins, then one naming only the os;
 * without a match the plain command (or hook) is used.
 */
export function selectPlatformCommand(entries: PlatformCommand[], fallback: string, platform = goPlatform()): string {
  const exact = entries.find((e) => e.os === platform.os && e.arch === platform.arch);
  const osOnly = entries.find((e) => e.os === platform.os && !e.arch);
  return (exact ?? osOnly)?.command ?? fallback;
}

/**
 * The program and arguments to execute: the command with `$VARS` expanded, split on single spaces
 * (Helm runs it directly, not through a shell), followed by the user's arguments unless the plugin
 * sets `ignoreFlags`.
 */
export function prepareCommand(
  manifest: PluginManifest,
  userArgs: string[],
  env: Record<string, string | undefined>,
  platform = goPlatform(),
): { program: string; args: string[] } {
  const command = selectPlatformCommand(manifest.platformCommand, manifest.command, platform);
  const [program, ...baseArgs] = expandEnv(command, env).split(' ');
  return { program, args: manifest.ignoreFlags ? baseArgs : [...baseArgs, ...userArgs] };
}
