import { Args, downloaderGetters, Flags, type HelmHome, type Settings } from '@helmts/core';
import { defaultKeyring } from '@helmts/repo/keyring';
import type { DependencyRunOptions } from '@helmts/repo';

/** The chart directory argument of the `dependency` commands, and the flags `update` and `build` share (Helm 2's). */
export const chartDirectoryArgs = { chart: Args.string({ description: 'Chart directory.', default: '.' }) };

export const dependencyRunFlags = {
  'skip-refresh': Flags.boolean({ summary: 'Do not refresh the local repository cache.' }),
  verify: Flags.boolean({ summary: 'Verify the packages against signatures.' }),
  keyring: Flags.string({ summary: 'Keyring containing public keys.', default: defaultKeyring() }),
};

/** The library options these flags mean. */
export async function dependencyRunOptions(
  flags: { 'skip-refresh': boolean; verify: boolean; keyring: string },
  settings: Settings,
  home: HelmHome,
  log: (line: string) => void,
): Promise<DependencyRunOptions> {
  return {
    home,
    skipRefresh: flags['skip-refresh'],
    log,
    debug: settings.debug,
    getters: await downloaderGetters(settings),
    verify: flags.verify,
    keyring: flags.keyring,
  };
}
